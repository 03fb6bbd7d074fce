import { useCallback, useEffect, useState } from 'react';
import { App, Button, DatePicker, Form, Input, Select, Space, Table, Tag, TimePicker, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { OvertimeRecord, RosterEntry, ShiftSwap } from '@banzu/contract';
import { api } from '../api/client';
import { useAuth } from '../auth/AuthProvider';
import { fillIn, swapEn, swapZh } from './swapMessages';
import { useDecisions } from './decisions';

export function useSwapTexts() {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? swapEn : swapZh;
}

const swapColors: Record<ShiftSwap['status'], string> = { proposed: 'gold', consented: 'blue', declined: 'default', approved: 'green', refused: 'red', cancelled: 'default' };

interface TeamMonth {
  agents: { userId: string; employeeNo: string; name: string }[];
  shifts: Omit<RosterEntry, 'breaks'>[];
}

/** The agent's swap form, from the team's published month: a day I work, a teammate off that day, optionally a day of theirs I am off. */
function ProposeSwap({ month, owed, onDone }: { month: string; owed: ShiftSwap[]; onDone: () => void }) {
  const m = useSwapTexts();
  const { message } = App.useApp();
  const { user } = useAuth();
  const [team, setTeam] = useState<TeamMonth>({ agents: [], shifts: [] });
  const [myDate, setMyDate] = useState<string>();
  const [partnerId, setPartnerId] = useState<string>();
  const [partnerDate, setPartnerDate] = useState<string>();
  const [repays, setRepays] = useState<string>();
  const [reason, setReason] = useState('');
  useEffect(() => {
    void api<TeamMonth>('GET', `/api/v1/wfm/team-schedule?month=${month}`).then(setTeam);
  }, [month]);
  const works = (userId: string | undefined, date: string) => team.shifts.some((s) => s.userId === userId && s.date === date);
  const today = dayjs().format('YYYY-MM-DD');
  const mine = team.shifts.filter((s) => s.userId === user?.id && s.date > today);
  const partners = team.agents.filter((a) => a.userId !== user?.id && (!myDate || !works(a.userId, myDate)));
  const theirs = team.shifts.filter((s) => s.userId === partnerId && s.date > today && s.date !== myDate && !works(user?.id, s.date));
  const submit = async () => {
    try {
      await api('POST', '/api/v1/wfm/swaps', { partnerId, requesterDate: myDate, partnerDate: partnerDate ?? null, repays: repays ?? null, reason });
      void message.success(m.proposed);
      setMyDate(undefined);
      setPartnerId(undefined);
      setPartnerDate(undefined);
      setRepays(undefined);
      setReason('');
      onDone();
    } catch (err) {
      void message.error((err as Error).message);
    }
  };
  return (
    <Form layout="inline">
      <Form.Item label={m.myDate}>
        <Select
          aria-label={m.myDate}
          style={{ width: 170 }}
          placeholder={m.pick}
          value={myDate}
          onChange={(v) => {
            setMyDate(v);
            setPartnerId(undefined);
            setPartnerDate(undefined);
          }}
          options={mine.map((s) => ({ value: s.date, label: fillIn(m.shiftOf, { date: s.date, shift: s.shift }) }))}
        />
      </Form.Item>
      <Form.Item label={m.partner}>
        <Select
          aria-label={m.partner}
          style={{ width: 130 }}
          placeholder={m.pick}
          value={partnerId}
          onChange={(v) => {
            setPartnerId(v);
            setPartnerDate(undefined);
            setRepays(undefined);
          }}
          options={partners.map((a) => ({ value: a.userId, label: `${a.name} ${a.employeeNo}` }))}
        />
      </Form.Item>
      <Form.Item label={m.partnerDate}>
        <Select
          aria-label={m.partnerDate}
          allowClear
          style={{ width: 170 }}
          value={partnerDate}
          onChange={setPartnerDate}
          options={theirs.map((s) => ({ value: s.date, label: fillIn(m.shiftOf, { date: s.date, shift: s.shift }) }))}
        />
      </Form.Item>
      {owed.some((o) => o.requesterId === partnerId) && (
        <Form.Item label={m.repays}>
          <Select
            aria-label={m.repays}
            allowClear
            style={{ width: 170 }}
            value={repays}
            onChange={setRepays}
            options={owed
              .filter((o) => o.requesterId === partnerId)
              .map((o) => ({ value: o.id, label: fillIn(m.shiftOf, { date: o.requesterDate, shift: o.requesterShift ?? '' }) }))}
          />
        </Form.Item>
      )}
      <Form.Item label={m.reason}>
        <Input aria-label={m.reason} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Form.Item>
      <Button type="primary" disabled={!myDate || !partnerId} onClick={() => void submit()}>
        {m.propose}
      </Button>
    </Form>
  );
}

/**
 * 换班: an agent proposes a swap from the team's published month, the teammate asked agrees or
 * declines, the requester may withdraw it; the team leader approves or refuses what both agreed to.
 */
export function SwapsPanel({ month }: { month: string }) {
  const m = useSwapTexts();
  const { user } = useAuth();
  const isAgent = user?.role === 'agent';
  const [items, setItems] = useState<ShiftSwap[]>([]);
  const load = useCallback(async () => setItems((await api<{ items: ShiftSwap[] }>('GET', `/api/v1/wfm/swaps?month=${month}`)).items), [month]);
  useEffect(() => {
    void load();
  }, [load]);
  const { act, approveOrRefuse, refusal } = useDecisions<ShiftSwap>('/api/v1/wfm/swaps', load, m);
  // Covers others did for me, approved and not yet repaid: what I may now give back.
  const owed = items.filter((s) => s.partnerId === user?.id && s.repayBy);
  const actions = (s: ShiftSwap) => {
    if (isAgent && s.status === 'proposed' && s.partnerId === user?.id)
      return (
        <Space>
          <Button size="small" type="primary" onClick={() => void act(s, 'consent')}>
            {m.consent}
          </Button>
          <Button size="small" onClick={() => void act(s, 'decline')}>
            {m.decline}
          </Button>
        </Space>
      );
    if (isAgent && ['proposed', 'consented'].includes(s.status) && s.requesterId === user?.id)
      return (
        <Button size="small" onClick={() => void act(s, 'cancel')}>
          {m.cancel}
        </Button>
      );
    if (!isAgent && ['proposed', 'consented'].includes(s.status)) return approveOrRefuse(s, { approvable: s.status === 'consented' });
    return null;
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">{m.swapRule}</Typography.Text>
      {isAgent && <ProposeSwap month={month} owed={owed} onDone={() => void load()} />}
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        locale={{ emptyText: m.none }}
        dataSource={items}
        columns={[
          { title: m.requester, key: 'requester', render: (_: unknown, s: ShiftSwap) => s.requesterName },
          { title: m.myDate, key: 'given', render: (_: unknown, s: ShiftSwap) => fillIn(m.shiftOf, { date: s.requesterDate, shift: s.requesterShift ?? '' }) },
          { title: m.partner, key: 'partner', render: (_: unknown, s: ShiftSwap) => s.partnerName },
          {
            title: m.partnerDate,
            key: 'taken',
            render: (_: unknown, s: ShiftSwap) =>
              s.partnerDate ? fillIn(m.shiftOf, { date: s.partnerDate, shift: s.partnerShift ?? '' }) : s.repayBy ? fillIn(m.owes, { date: s.repayBy }) : s.repaid ? m.repaid : '',
          },
          { title: m.reason, dataIndex: 'reason', key: 'reason' },
          { title: m.status, key: 'status', render: (_: unknown, s: ShiftSwap) => <Tag color={swapColors[s.status]}>{m.statuses[s.status]}</Tag> },
          { title: m.decision, dataIndex: 'decisionNote', key: 'note' },
          { title: '', key: 'actions', render: (_: unknown, s: ShiftSwap) => actions(s) },
        ]}
      />
      {refusal}
    </Space>
  );
}

/**
 * 加班: an agent records overtime (or the leader for an agent), the team leader approves or refuses;
 * paid on a holiday, time off otherwise.
 */
export function OvertimePanel({ month }: { month: string }) {
  const m = useSwapTexts();
  const { message } = App.useApp();
  const { user } = useAuth();
  const isAgent = user?.role === 'agent';
  const [items, setItems] = useState<OvertimeRecord[]>([]);
  const [date, setDate] = useState<Dayjs | null>(null);
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const [reason, setReason] = useState('');
  const load = useCallback(async () => setItems((await api<{ items: OvertimeRecord[] }>('GET', `/api/v1/wfm/overtime?month=${month}`)).items), [month]);
  useEffect(() => {
    void load();
  }, [load]);
  const { act, approveOrRefuse, refusal } = useDecisions<OvertimeRecord>('/api/v1/wfm/overtime', load, m);
  const submit = async () => {
    if (!date || !range) return;
    try {
      await api('POST', '/api/v1/wfm/overtime', { date: date.format('YYYY-MM-DD'), start: range[0].format('HH:mm'), end: range[1].format('HH:mm'), reason });
      void message.success(m.recorded);
      setDate(null);
      setRange(null);
      setReason('');
      await load();
    } catch (err) {
      void message.error((err as Error).message);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">{m.overtimeRule}</Typography.Text>
      {isAgent && (
        <Form layout="inline">
          <Form.Item label={m.otDate}>
            <DatePicker aria-label={m.otDate} value={date} onChange={setDate} />
          </Form.Item>
          <Form.Item label={`${m.otStart}-${m.otEnd}`}>
            <TimePicker.RangePicker
              aria-label={`${m.otStart}-${m.otEnd}`}
              format="HH:mm"
              minuteStep={15}
              order={false}
              value={range}
              onChange={(v) => setRange(v?.[0] && v[1] ? [v[0], v[1]] : null)}
            />
          </Form.Item>
          <Form.Item label={m.otReason}>
            <Input aria-label={m.otReason} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
          </Form.Item>
          <Button type="primary" disabled={!date || !range || reason.trim() === ''} onClick={() => void submit()}>
            {m.record}
          </Button>
        </Form>
      )}
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        locale={{ emptyText: m.noOvertime }}
        dataSource={items}
        columns={[
          ...(isAgent ? [] : [{ title: m.agent, dataIndex: 'agentName', key: 'agent' }]),
          { title: m.otDate, key: 'when', render: (_: unknown, o: OvertimeRecord) => `${o.date} ${o.start.slice(11)}-${o.end.slice(11)}` },
          { title: m.hours, dataIndex: 'hours', key: 'hours' },
          { title: m.compensation, key: 'compensation', render: (_: unknown, o: OvertimeRecord) => (o.compensation === 'pay' ? m.pay : m.timeOff) },
          { title: m.otReason, dataIndex: 'reason', key: 'reason' },
          { title: m.status, key: 'status', render: (_: unknown, o: OvertimeRecord) => <Tag>{m.otStatuses[o.status]}</Tag> },
          { title: m.decision, dataIndex: 'decisionNote', key: 'note' },
          {
            title: '',
            key: 'actions',
            render: (_: unknown, o: OvertimeRecord) =>
              o.status !== 'pending' ? null : isAgent ? (
                <Button size="small" onClick={() => void act(o, 'cancel')}>
                  {m.cancel}
                </Button>
              ) : (
                approveOrRefuse(o)
              ),
          },
        ]}
      />
      {refusal}
    </Space>
  );
}
