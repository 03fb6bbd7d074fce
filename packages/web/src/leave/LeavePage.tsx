import { useCallback, useEffect, useState } from 'react';
import { App, Button, DatePicker, Form, Input, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { LeaveRequest } from '@banzu/contract';
import { api } from '../api/client';
import { useAuth } from '../auth/AuthProvider';
import { useDecisions } from './decisions';
import { leaveEn, leaveZh } from './messages';
import { OvertimePanel, SwapsPanel, useSwapTexts } from './SwapsPanel';

type LeaveItem = LeaveRequest;

const statusColors: Record<LeaveItem['status'], string> = { pending: 'gold', approved: 'green', refused: 'red', cancelled: 'default' };
const kinds = ['sick', 'personal', 'annual', 'marriage', 'maternity', 'bereavement'];

function useTexts() {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? leaveEn : leaveZh;
}

/** The agent's form: kind, dates (or half a day), reason. */
function AskForm({ onAsked }: { onAsked: () => void }) {
  const m = useTexts();
  const { message } = App.useApp();
  const [kind, setKind] = useState('sick');
  const [dates, setDates] = useState<[Dayjs, Dayjs] | null>(null);
  /** A half day's half, 上午 or 下午; '' for whole days. */
  const [half, setHalf] = useState<'' | 'am' | 'pm'>('');
  const oneDay = dates?.[0].isSame(dates[1], 'day') ?? false;
  const [reason, setReason] = useState('');
  const submit = async () => {
    if (!dates) return;
    try {
      await api('POST', '/api/v1/leave', {
        kind,
        startDate: dates[0].format('YYYY-MM-DD'),
        endDate: dates[1].format('YYYY-MM-DD'),
        ...(oneDay && half ? { half } : {}),
        reason,
      });
      void message.success(m.asked);
      setDates(null);
      setReason('');
      setHalf('');
      onAsked();
    } catch (err) {
      void message.error((err as Error).message);
    }
  };
  return (
    <Form layout="inline">
      <Form.Item label={m.kind}>
        <Select aria-label={m.kind} style={{ width: 100 }} value={kind} onChange={setKind} options={kinds.map((k) => ({ value: k, label: m.kinds[k] }))} />
      </Form.Item>
      <Form.Item label={m.dates}>
        <DatePicker.RangePicker aria-label={m.dates} value={dates} onChange={(v) => setDates(v?.[0] && v[1] ? [v[0], v[1]] : null)} />
      </Form.Item>
      <Form.Item label={m.halfDay}>
        <Select
          aria-label={m.halfDay}
          style={{ width: 100 }}
          disabled={!oneDay}
          value={oneDay ? half : ''}
          onChange={setHalf}
          options={[
            { value: '', label: m.wholeDay },
            { value: 'am', label: m.halves.am },
            { value: 'pm', label: m.halves.pm },
          ]}
        />
      </Form.Item>
      <Form.Item label={m.reason}>
        <Input aria-label={m.reason} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Form.Item>
      <Button type="primary" disabled={!dates} onClick={() => void submit()}>
        {m.ask}
      </Button>
    </Form>
  );
}

/**
 * 请假, 换班, 加班: an agent asks for leave and sees the own requests (withdrawing a pending one),
 * proposes and answers shift swaps, records overtime; a team leader sees the team's month and
 * approves or refuses each with a note. Days are working days on the center calendar.
 */
export function LeavePage({ initialMonth }: { initialMonth?: string }) {
  const m = useTexts();
  const s = useSwapTexts();
  const { user } = useAuth();
  const isAgent = user?.role === 'agent';
  const [month, setMonth] = useState(initialMonth ?? dayjs().format('YYYY-MM'));
  const [items, setItems] = useState<LeaveItem[]>([]);

  const load = useCallback(async () => {
    setItems((await api<{ items: LeaveItem[] }>('GET', `/api/v1/leave?month=${month}`)).items);
  }, [month]);
  useEffect(() => {
    void load();
  }, [load]);

  const { act, approveOrRefuse, refusal } = useDecisions<LeaveItem>('/api/v1/leave', load, m);

  const columns = [
    ...(isAgent ? [] : [{ title: m.agent, dataIndex: 'agentName', key: 'agent' }]),
    { title: m.kind, key: 'kind', render: (_: unknown, l: LeaveItem) => m.kinds[l.kind] ?? l.kind },
    { title: m.dates, key: 'dates', render: (_: unknown, l: LeaveItem) => (l.startDate === l.endDate ? l.startDate : `${l.startDate} – ${l.endDate}`) },
    { title: m.days, key: 'days', render: (_: unknown, l: LeaveItem) => (l.half ? `${l.days}（${m.halves[l.half]}）` : l.days) },
    { title: m.reason, dataIndex: 'reason', key: 'reason' },
    { title: m.status, key: 'status', render: (_: unknown, l: LeaveItem) => <Tag color={statusColors[l.status]}>{m.statuses[l.status]}</Tag> },
    { title: m.decision, dataIndex: 'decisionNote', key: 'note' },
    {
      title: '',
      key: 'actions',
      render: (_: unknown, l: LeaveItem) =>
        l.status !== 'pending' ? null : isAgent ? (
          <Button size="small" onClick={() => void act(l, 'cancel')}>
            {m.cancel}
          </Button>
        ) : (
          approveOrRefuse(l)
        ),
    },
  ];

  const leave = (
    <Space direction="vertical" style={{ width: '100%' }}>
      {isAgent && <AskForm onAsked={() => void load()} />}
      <Typography.Text type="secondary">{m.rulesNote}</Typography.Text>
      <Table rowKey="id" size="small" columns={columns} dataSource={items} pagination={false} locale={{ emptyText: m.none }} />
      {refusal}
    </Space>
  );
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={3}>{isAgent ? m.myLeave : m.title}</Typography.Title>
      <DatePicker picker="month" aria-label={m.month} allowClear={false} value={dayjs(`${month}-01`)} onChange={(d) => d && setMonth(d.format('YYYY-MM'))} />
      <Tabs
        items={[
          { key: 'leave', label: s.tabs.leave, children: leave },
          { key: 'swaps', label: s.tabs.swaps, children: <SwapsPanel month={month} /> },
          { key: 'overtime', label: s.tabs.overtime, children: <OvertimePanel month={month} /> },
        ]}
      />
    </Space>
  );
}
