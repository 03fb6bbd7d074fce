import { useEffect, useState } from 'react';
import { Card, Descriptions, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { QaCallDetail } from '@banzu/contract';
import { formatDuration, type SampleReason } from '@banzu/core';
import { api } from '../api/client';
import { centerDateTime } from '../api/center';

/** Where a caller who hung up after an agent answered was left: what the 保持/转接中挂机 rule picks. */
const afterAnswer = new Set(['hold', 'ring', 'queue']);

/**
 * Beside the player while scoring: the call's facts, why it was picked, what the agent wrote on it,
 * and the screen pop the agent had (the customer with the latest orders and service records, the
 * caller's earlier calls, tickets opened from the call).
 *
 * @example
 * <CallFacts callId="c1" reasons={['long_talk']} timeZone="Asia/Shanghai" />
 */
export function CallFacts({ callId, reasons = [], timeZone }: { callId: string; reasons?: readonly SampleReason[]; timeZone: string }) {
  const { t, i18n } = useTranslation();
  const [call, setCall] = useState<QaCallDetail | null>(null);
  useEffect(() => {
    setCall(null);
    // A call the reports have not recorded yet has no facts to show; the recording still plays.
    void api<QaCallDetail>('GET', `/api/v1/qa/calls/${encodeURIComponent(callId)}`).then(
      (c) => setCall(c?.callId ? c : null),
      () => setCall(null),
    );
  }, [callId]);
  if (!call) return null;
  const duration = (s: number) => formatDuration(s, i18n.language);
  const customer = call.customer;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} className="qa-call-facts">
      <Descriptions size="small" column={1} bordered title={t('qa.call.title')}>
        <Descriptions.Item label={t('qa.columns.agent')}>{`${call.employeeNo ?? ''} ${call.agentName ?? ''}`}</Descriptions.Item>
        <Descriptions.Item label={t('qa.columns.startedAt')}>{centerDateTime(call.startedAt, timeZone)}</Descriptions.Item>
        <Descriptions.Item label={t('qa.call.queue')}>{call.queueName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('qa.columns.from')}>
          {call.from ?? '—'} {call.vipLevel > 0 && <Tag color="gold">VIP {call.vipLevel}</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label={t('qa.call.times')}>
          {t('qa.call.timesValue', { wait: duration(call.waitSeconds), talk: duration(call.talkSeconds), hold: duration(call.holdSeconds), wrapUp: duration(call.wrapUpSeconds) })}
        </Descriptions.Item>
        {call.transfers > 0 && <Descriptions.Item label={t('qa.call.transfers')}>{call.transfers}</Descriptions.Item>}
        {call.endedBy && (
          <Descriptions.Item label={t('qa.call.endedBy')}>
            {t(`qa.call.endedByValue.${call.endedBy}`)}
            {call.endedBy === 'caller' && call.endedIn && afterAnswer.has(call.endedIn) && t(`qa.call.endedIn.${call.endedIn}`)}
          </Descriptions.Item>
        )}
        {reasons.length > 0 && (
          <Descriptions.Item label={t('qa.columns.reasons')}>
            {reasons.map((r) => (
              <Tag key={r}>{t(`qa.reasons.${r}`)}</Tag>
            ))}
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('qa.call.disposition')}>
          {call.disposition ?? '—'} {call.resolved !== null && <Tag color={call.resolved ? 'green' : 'orange'}>{t(call.resolved ? 'qa.call.resolved' : 'qa.call.unresolved')}</Tag>}
        </Descriptions.Item>
        {call.notes.length > 0 && <Descriptions.Item label={t('qa.call.notes')}>{call.notes.join('；')}</Descriptions.Item>}
      </Descriptions>
      <Card size="small" title={t('qa.call.screenPop')}>
        {customer ? (
          <Space orientation="vertical" size={2}>
            <Typography.Text strong>
              {customer.name} <Tag>{i18n.language === 'en' ? customer.className.en : customer.className.zh}</Tag>
            </Typography.Text>
            {customer.recentOrders.map((o) => (
              <span key={o.id}>
                {t('qa.call.order')}: {o.product} · {o.orderedAt.slice(0, 10)}
              </span>
            ))}
            {customer.recentServiceRecords.map((s) => (
              <span key={s.id}>
                {t('qa.call.service')}: {s.subject}
                {s.satisfaction !== null && ` · ${t('qa.call.satisfaction', { n: s.satisfaction })}`}
              </span>
            ))}
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('qa.call.unknownCustomer')}</Typography.Text>
        )}
        {call.previousCalls.length > 0 && (
          <div>
            {t('qa.call.previousCalls', { n: call.previousCalls.length })}:{' '}
            {call.previousCalls
              .slice(0, 3)
              .map((c) => centerDateTime(c.startedAt, timeZone))
              .join('、')}
          </div>
        )}
        {call.tickets.map((k) => (
          <div key={k.id}>
            {t('qa.call.ticket')}: {k.title} <Tag>{t(`qa.call.ticketStatus.${k.status}`, { defaultValue: k.status })}</Tag>
          </div>
        ))}
      </Card>
    </Space>
  );
}
