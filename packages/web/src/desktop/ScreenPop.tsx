import { useEffect, useState } from 'react';
import { Card, Descriptions, Empty, Space, Spin, Table, Tag, Typography } from 'antd';
import { CrownFilled, IdcardOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { centerDateTime, useCenterTimeZone } from '../api/center';
import type { ScreenPop as ScreenPopAnswer, ScreenPopCustomer } from '@banzu/contract';
import { api } from '../api/client';
import { money } from '../crm/money';

/** The caller of `callId` (弹屏): number, VIP mark, profile when the CRM knows it, previous calls. */
export function ScreenPop({ callId, dispositionLabel }: { callId: string | null; dispositionLabel(code: string): string }) {
  const { t } = useTranslation();
  const [data, setData] = useState<ScreenPopAnswer | null>(null);
  useEffect(() => {
    if (!callId) return;
    let current = true;
    api<ScreenPopAnswer>('GET', `/api/v1/desktop/calls/${encodeURIComponent(callId)}/screen-pop`).then(
      (pop) => current && setData(pop),
      () => current && setData(null),
    );
    return () => {
      current = false;
    };
  }, [callId]);
  const shown = data && data.callId === callId ? data : null;
  const timeZone = useCenterTimeZone() ?? 'Asia/Shanghai';
  const when = (at: string) => centerDateTime(at, timeZone);

  return (
    <Card
      size="small"
      title={
        <Space>
          <IdcardOutlined />
          {t('desktop.screenPop')}
        </Space>
      }
      className="screen-pop"
    >
      {!callId ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('desktop.noCall')} />
      ) : !shown ? (
        <Spin />
      ) : (
        <>
          <Space align="center" style={{ marginBottom: 12 }}>
            <Typography.Text strong style={{ fontSize: 20 }} className="tabular">
              {shown.from ?? '—'}
            </Typography.Text>
            {shown.vipLevel > 0 && (
              <Tag color="gold" icon={<CrownFilled />}>
                {t('desktop.vip', { level: shown.vipLevel })}
              </Tag>
            )}
          </Space>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {t('desktop.customer')}
          </Typography.Title>
          {shown.customer ? <CustomerCard customer={shown.customer} when={when} /> : <Typography.Paragraph type="secondary">{t('desktop.noCustomer')}</Typography.Paragraph>}
          <Typography.Title level={5}>{t('desktop.previousCalls')}</Typography.Title>
          <Table
            size="small"
            rowKey="callId"
            pagination={false}
            dataSource={shown.previousCalls}
            locale={{ emptyText: t('desktop.noPreviousCalls') }}
            columns={[
              { title: t('desktop.startedAt'), dataIndex: 'startedAt', render: when },
              { title: t('desktop.outcome'), dataIndex: 'outcome', render: (v: string | null) => (v ? t(`reports.outcomes.${v}`, { defaultValue: v }) : '—') },
              { title: t('desktop.disposition'), dataIndex: 'disposition', render: (v: string | null) => (v ? dispositionLabel(v) : '—') },
            ]}
          />
        </>
      )}
    </Card>
  );
}

/** Who is calling: name, class, VIP mark, tags, numbers, the latest orders and service records, the last visit. */
function CustomerCard({ customer, when }: { customer: ScreenPopCustomer; when: (iso: string) => string }) {
  const { t, i18n } = useTranslation();
  const c = customer;
  return (
    <Descriptions size="small" column={1} bordered style={{ marginBottom: 12 }} className="screen-pop-customer">
      <Descriptions.Item label={t('crm.name')}>
        <Space wrap>
          <Typography.Text strong>{c.name}</Typography.Text>
          <Tag color={c.classCode === 'blacklisted' ? 'red' : c.classCode === 'high_value' ? 'gold' : 'blue'}>{i18n.language === 'en' ? c.className.en : c.className.zh}</Tag>
          {c.vipLevel > 0 && (
            <Tag color="gold" icon={<CrownFilled />}>
              {t('desktop.vip', { level: c.vipLevel })}
            </Tag>
          )}
          {c.tags.map((tag) => (
            <Tag key={tag}>{tag}</Tag>
          ))}
        </Space>
      </Descriptions.Item>
      <Descriptions.Item label={t('crm.phones')}>{c.phones.map((p) => p.number).join('，') || '—'}</Descriptions.Item>
      <Descriptions.Item label={t('crm.orders')}>
        {c.recentOrders.length === 0
          ? '—'
          : c.recentOrders.map((o) => (
              <div key={o.id}>
                {when(o.orderedAt)} · {o.product} · {money(o.amountCents, o.currency)} · {t(`crm.orderStatus.${o.status}`, { defaultValue: o.status })}
              </div>
            ))}
      </Descriptions.Item>
      <Descriptions.Item label={t('crm.serviceRecords')}>
        {c.recentServiceRecords.length === 0
          ? '—'
          : c.recentServiceRecords.map((r) => (
              <div key={r.id}>
                {when(r.openedAt)} · {t(`crm.serviceKinds.${r.kind}`, { defaultValue: r.kind })} · {r.subject} · {t(`crm.serviceStatus.${r.status}`, { defaultValue: r.status })}
                {r.feedback && ` · ${r.feedback}`}
              </div>
            ))}
      </Descriptions.Item>
      <Descriptions.Item label={t('crm.visits')}>
        {c.lastVisit
          ? `${when(c.lastVisit.visitedAt)} · ${c.lastVisit.remote ? t('crm.remote') : t('crm.onSite')} · ${t('crm.intention')}: ${t(`crm.intentions.${c.lastVisit.intention}`, { defaultValue: c.lastVisit.intention })}${c.lastVisit.nextStep ? ` · ${c.lastVisit.nextStep}` : ''}`
          : '—'}
      </Descriptions.Item>
    </Descriptions>
  );
}
