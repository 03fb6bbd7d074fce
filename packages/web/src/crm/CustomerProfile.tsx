import { useCallback, useEffect, useState } from 'react';
import { App, Button, DatePicker, Descriptions, Form, Input, Select, Space, Switch, Table, Tabs, Tag, Typography } from 'antd';
import { CrownFilled } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { centerDateTime, useCenterTimeZone } from '../api/center';
import { visitIntentions, type CustomerProfile as ProfileAnswer, type TicketPage, type VisitIntention } from '@banzu/contract';
import { formatDuration } from '@banzu/core';
import { api } from '../api/client';
import { RecordingPlayer } from '../recordings/RecordingPlayer';
import { CustomerTickets } from './CustomerTickets';
import { money } from './money';

interface VisitValues {
  visitedAt: Dayjs;
  remote: boolean;
  opinion?: string;
  intention: VisitIntention;
  expectedDate?: Dayjs;
  requests?: string;
  nextStep?: string;
}

/**
 * A customer's profile: details, orders, repairs and after-sales with feedback, the tickets, field
 * visits (with a form to add one), and calls with their recordings.
 */
export function CustomerProfile({ customerId, canWrite }: { customerId: string; canWrite: boolean }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [profile, setProfile] = useState<ProfileAnswer | null>(null);
  /** The call whose recording plays under its row. */
  const [playing, setPlaying] = useState<string | null>(null);
  const [form] = Form.useForm<VisitValues>();
  const english = i18n.language === 'en';
  const timeZone = useCenterTimeZone() ?? 'Asia/Shanghai';
  const when = (at: string) => centerDateTime(at, timeZone);

  const [tickets, setTickets] = useState<TicketPage>({ total: 0, items: [] });
  const load = useCallback(() => {
    void api<ProfileAnswer>('GET', `/api/v1/customers/${customerId}/profile`).then(setProfile, () => setProfile(null));
    void api<TicketPage>('GET', `/api/v1/tickets?customerId=${encodeURIComponent(customerId)}&limit=100`).then(setTickets, () => setTickets({ total: 0, items: [] }));
  }, [customerId]);
  useEffect(load, [load]);

  const addVisit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      await api('POST', `/api/v1/customers/${customerId}/visits`, {
        visitedAt: v.visitedAt.toISOString(),
        remote: v.remote,
        opinion: v.opinion ?? '',
        intention: v.intention,
        expectedDate: v.expectedDate ? v.expectedDate.format('YYYY-MM-DD') : null,
        requests: v.requests ?? '',
        nextStep: v.nextStep ?? '',
      });
      void message.success(t('crm.visitSaved'));
      form.resetFields();
      load();
    } catch (err) {
      void message.error(t('errors.generic', { message: (err as Error).message }));
    }
  };

  if (!profile) return null;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Space align="center">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {profile.name}
        </Typography.Title>
        <Tag color={profile.classCode === 'blacklisted' ? 'red' : profile.classCode === 'high_value' ? 'gold' : 'blue'}>
          {english ? profile.className.en : profile.className.zh}
        </Tag>
        {profile.vipLevel > 0 && (
          <Tag color="gold" icon={<CrownFilled />}>
            {t('crm.vip', { level: profile.vipLevel })}
          </Tag>
        )}
      </Space>
      <Descriptions size="small" column={2} bordered>
        <Descriptions.Item label={t('crm.phones')}>
          {profile.phones.map((p) => p.number).join('，') || '—'}
          {profile.phonesMasked && <Typography.Text type="secondary"> ({t('crm.masked')})</Typography.Text>}
        </Descriptions.Item>
        <Descriptions.Item label={t('crm.externalId')}>{profile.externalId ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('crm.tags')}>
          {profile.tags.map((tag) => (
            <Tag key={tag}>{tag}</Tag>
          ))}
        </Descriptions.Item>
        <Descriptions.Item label={t('crm.owner')}>{profile.ownerName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('crm.since')}>{profile.createdAt.slice(0, 10)}</Descriptions.Item>
        <Descriptions.Item label={t('crm.notes')}>{profile.notes || '—'}</Descriptions.Item>
      </Descriptions>
      <Tabs
        items={[
          {
            key: 'orders',
            label: `${t('crm.orders')} (${profile.orders.length})`,
            children: (
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={profile.orders}
                locale={{ emptyText: t('crm.none') }}
                columns={[
                  { title: t('crm.orderNo'), dataIndex: 'orderNo' },
                  { title: t('crm.product'), dataIndex: 'product' },
                  { title: t('crm.amount'), align: 'right', render: (_, o) => money(o.amountCents, o.currency) },
                  { title: t('crm.status'), dataIndex: 'status', render: (s: string) => t(`crm.orderStatus.${s}`, { defaultValue: s }) },
                  { title: t('crm.orderedAt'), dataIndex: 'orderedAt', render: when },
                ]}
              />
            ),
          },
          {
            key: 'service',
            label: `${t('crm.serviceRecords')} (${profile.serviceRecords.length})`,
            children: (
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={profile.serviceRecords}
                locale={{ emptyText: t('crm.none') }}
                columns={[
                  { title: t('crm.openedAt'), dataIndex: 'openedAt', render: when },
                  { title: t('crm.kind'), dataIndex: 'kind', render: (k: string) => t(`crm.serviceKinds.${k}`, { defaultValue: k }) },
                  { title: t('crm.subject'), dataIndex: 'subject' },
                  { title: t('crm.status'), dataIndex: 'status', render: (s: string) => t(`crm.serviceStatus.${s}`, { defaultValue: s }) },
                  { title: t('crm.feedback'), dataIndex: 'feedback' },
                  { title: t('crm.satisfaction'), dataIndex: 'satisfaction', render: (s: number | null) => (s === null ? '—' : '★'.repeat(s)) },
                ]}
              />
            ),
          },
          {
            key: 'tickets',
            label: `${t('crm.tickets')} (${tickets.total})`,
            children: <CustomerTickets tickets={tickets.items} timeZone={timeZone} />,
          },
          {
            key: 'visits',
            label: `${t('crm.visits')} (${profile.visits.length})`,
            children: (
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Table
                  size="small"
                  rowKey="id"
                  pagination={false}
                  dataSource={profile.visits}
                  locale={{ emptyText: t('crm.none') }}
                  columns={[
                    { title: t('crm.visitedAt'), dataIndex: 'visitedAt', render: when },
                    { title: t('crm.remote'), dataIndex: 'remote', render: (r: boolean) => (r ? t('crm.remote') : t('crm.onSite')) },
                    { title: t('crm.opinion'), dataIndex: 'opinion' },
                    { title: t('crm.intention'), dataIndex: 'intention', render: (i: string) => t(`crm.intentions.${i}`, { defaultValue: i }) },
                    { title: t('crm.expectedDate'), dataIndex: 'expectedDate', render: (d: string | null) => d ?? '—' },
                    { title: t('crm.requests'), dataIndex: 'requests' },
                    { title: t('crm.nextStep'), dataIndex: 'nextStep' },
                    { title: t('crm.by'), dataIndex: 'byName' },
                  ]}
                />
                {canWrite && (
                  <Form form={form} layout="inline" initialValues={{ visitedAt: dayjs(), remote: false, intention: 'unknown' }} aria-label={t('crm.addVisit')}>
                    <Form.Item name="visitedAt" label={t('crm.visitedAt')} rules={[{ required: true }]}>
                      <DatePicker showTime />
                    </Form.Item>
                    <Form.Item name="remote" label={t('crm.remote')} valuePropName="checked">
                      <Switch />
                    </Form.Item>
                    <Form.Item name="intention" label={t('crm.intention')}>
                      <Select style={{ width: 100 }} options={visitIntentions.map((i) => ({ value: i, label: t(`crm.intentions.${i}`) }))} />
                    </Form.Item>
                    <Form.Item name="expectedDate" label={t('crm.expectedDate')}>
                      <DatePicker />
                    </Form.Item>
                    <Form.Item name="opinion" label={t('crm.opinion')}>
                      <Input maxLength={4000} />
                    </Form.Item>
                    <Form.Item name="requests" label={t('crm.requests')}>
                      <Input maxLength={4000} />
                    </Form.Item>
                    <Form.Item name="nextStep" label={t('crm.nextStep')}>
                      <Input maxLength={2000} />
                    </Form.Item>
                    <Button type="primary" onClick={() => void addVisit()}>
                      {t('crm.saveVisit')}
                    </Button>
                  </Form>
                )}
              </Space>
            ),
          },
          {
            key: 'calls',
            label: `${t('crm.calls')} (${profile.calls.length})`,
            children: (
              <Table
                size="small"
                rowKey="callId"
                pagination={false}
                dataSource={profile.calls}
                locale={{ emptyText: t('crm.none') }}
                expandable={{
                  expandedRowKeys: playing ? [playing] : [],
                  expandedRowRender: (c) => <RecordingPlayer callId={c.callId} autoPlay />,
                  showExpandColumn: false,
                }}
                columns={[
                  { title: t('crm.startedAt'), dataIndex: 'startedAt', render: when },
                  { title: t('crm.direction'), dataIndex: 'direction', render: (d: string) => (d === 'outbound' ? t('crm.outbound') : t('crm.inbound')) },
                  { title: t('crm.agent'), dataIndex: 'agentName', render: (n: string | null) => n ?? '—' },
                  { title: t('crm.disposition'), dataIndex: 'disposition', render: (d: string | null) => d ?? '—' },
                  {
                    title: t('crm.talk'),
                    dataIndex: 'talkSeconds',
                    align: 'right',
                    render: (s: number | null) => formatDuration(s, i18n.language),
                  },
                  {
                    title: t('crm.recording'),
                    dataIndex: 'recordingUrl',
                    render: (url: string | null, c) =>
                      url ? (
                        <Button size="small" type={playing === c.callId ? 'primary' : 'default'} onClick={() => setPlaying(playing === c.callId ? null : c.callId)}>
                          {t('crm.listen')}
                        </Button>
                      ) : (
                        '—'
                      ),
                  },
                ]}
              />
            ),
          },
        ]}
      />
    </Space>
  );
}
