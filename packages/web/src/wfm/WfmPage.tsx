import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, DatePicker, Empty, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { MySchedule, Queue, Roster, Team } from '@banzu/contract';
import { api, ApiError } from '../api/client';
import { useAuth } from '../auth/AuthProvider';
import { fill, wfmEn, wfmZh } from './messages';

function useTexts() {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? wfmEn : wfmZh;
}

const shiftColors = ['blue', 'green', 'orange', 'purple', 'cyan', 'magenta', 'gold'];

/** The leader's month: generate from the queues' forecast, check the grid, publish, export the paper 班表. */
function TeamRoster({ month }: { month: string }) {
  const m = useTexts();
  const { message } = App.useApp();
  const [teams, setTeams] = useState<Team[]>([]);
  const [queues, setQueues] = useState<Queue[]>([]);
  const [teamId, setTeamId] = useState<string>();
  const [queueIds, setQueueIds] = useState<string[]>([]);
  const [share, setShare] = useState(1);
  const [roster, setRoster] = useState<Roster | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void api<Team[]>('GET', '/api/v1/teams').then((list) => {
      setTeams(list);
      setTeamId((current) => current ?? list[0]?.id);
    });
    void api<Queue[]>('GET', '/api/v1/queues').then(setQueues);
  }, []);

  const load = useCallback(async () => {
    if (!teamId) return;
    try {
      setRoster(await api<Roster>('GET', `/api/v1/wfm/rosters/${teamId}/${month}`));
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) setRoster(null);
      else throw err;
    }
  }, [teamId, month]);
  useEffect(() => {
    void load();
  }, [load]);

  const act = async (work: () => Promise<Roster>, done: string) => {
    setBusy(true);
    try {
      setRoster(await work());
      void message.success(done);
    } catch (err) {
      void message.error((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const colorOf = new Map(roster?.shiftTemplates.map((t, i) => [t.name, shiftColors[i % shiftColors.length]!]));
  const byAgentDay = new Map(roster?.shifts.map((s) => [`${s.userId} ${s.date}`, s]));
  const columns = [
    { title: m.employeeNo, dataIndex: 'employeeNo', key: 'no', fixed: 'left' as const, width: 70 },
    { title: m.name, dataIndex: 'name', key: 'name', fixed: 'left' as const, width: 90 },
    ...(roster?.days ?? []).map((d) => ({
      title: (
        <span className={`wfm-day-${d.kind}`}>
          {Number(d.date.slice(8))}
          <br />
          {d.kind === 'holiday' ? m.holiday : d.kind === 'makeup' ? m.makeup : m.weekdays[dayjs(d.date).day()]}
        </span>
      ),
      key: d.date,
      width: 46,
      render: (_: unknown, agent: Roster['agents'][number]) => {
        const shift = byAgentDay.get(`${agent.userId} ${d.date}`);
        return shift ? (
          <Tag color={colorOf.get(shift.shift)} title={`${shift.start.slice(11)}-${shift.end.slice(11)}`}>
            {shift.shift}
          </Tag>
        ) : (
          <Typography.Text type="secondary">{m.rest}</Typography.Text>
        );
      },
    })),
  ];
  const firstShort = roster?.short[0];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Select aria-label={m.team} style={{ width: 140 }} value={teamId} onChange={setTeamId} options={teams.map((t) => ({ value: t.id, label: t.name }))} />
        <Select
          aria-label={m.queues}
          mode="multiple"
          style={{ minWidth: 220 }}
          placeholder={m.queues}
          value={queueIds}
          onChange={setQueueIds}
          options={queues.map((q) => ({ value: q.id, label: q.name }))}
        />
        <InputNumber aria-label={m.share} min={0.01} max={1} step={0.05} value={share} onChange={(v) => setShare(v ?? 1)} addonBefore={m.share} />
        <Button
          type="primary"
          loading={busy}
          disabled={!teamId || queueIds.length === 0 || roster?.status === 'published'}
          onClick={() => act(() => api<Roster>('POST', '/api/v1/wfm/rosters', { teamId, month, queueIds, share }), m.generated)}
        >
          {m.generate}
        </Button>
        <Button
          disabled={roster?.status !== 'draft'}
          loading={busy}
          onClick={() => act(() => api<Roster>('POST', `/api/v1/wfm/rosters/${teamId}/${month}/publish`), m.publishedDone)}
        >
          {m.publish}
        </Button>
        <Button disabled={!roster} href={`/api/v1/wfm/rosters/${teamId}/${month}?format=xlsx&lang=${m === wfmEn ? 'en' : 'zh-CN'}`}>
          {m.export}
        </Button>
      </Space>
      {roster ? (
        <>
          <Tag color={roster.status === 'published' ? 'green' : 'default'}>{roster.status === 'published' ? m.published : m.draft}</Tag>
          {firstShort && <Alert type="warning" showIcon message={fill(m.short, { count: roster.short.length, first: firstShort.start.replace('T', ' '), ...firstShort })} />}
          <Table size="small" rowKey="userId" pagination={false} scroll={{ x: 'max-content' }} columns={columns} dataSource={roster.agents} />
        </>
      ) : (
        <Empty description={m.noRoster} />
      )}
    </Space>
  );
}

/** The agent's published shifts of a month, in the center's time. */
function OwnSchedule({ month }: { month: string }) {
  const m = useTexts();
  const [schedule, setSchedule] = useState<MySchedule | null>(null);
  useEffect(() => {
    void api<MySchedule>('GET', `/api/v1/wfm/my-schedule?month=${month}`).then(setSchedule);
  }, [month]);
  if (!schedule) return null;
  if (schedule.shifts.length === 0) return <Empty description={m.noShifts} />;
  return (
    <Table
      size="small"
      rowKey="date"
      pagination={false}
      dataSource={schedule.shifts}
      columns={[
        { title: m.date, dataIndex: 'date', key: 'date', render: (date: string) => `${date} ${m.weekdays[dayjs(date).day()]}` },
        { title: m.shift, dataIndex: 'shift', key: 'shift', render: (shift: string) => <Tag color="blue">{shift}</Tag> },
        {
          title: m.hours,
          key: 'hours',
          render: (_: unknown, s: MySchedule['shifts'][number]) => `${s.start.slice(11)}-${s.end.slice(11)}${s.end.slice(0, 10) > s.date ? ' (+1)' : ''}`,
        },
      ]}
    />
  );
}

/**
 * 排班: a team leader (or supervisor, manager) generates, checks, publishes and exports the team's
 * month; an agent sees their own published shifts.
 *
 * @example
 * <Route path="/wfm" element={<WfmPage />} />
 */
export function WfmPage({ initialMonth }: { initialMonth?: string }) {
  const m = useTexts();
  const { user } = useAuth();
  const [month, setMonth] = useState<Dayjs>(() => (initialMonth ? dayjs(`${initialMonth}-01`) : dayjs().add(1, 'month')));
  const key = month.format('YYYY-MM');
  const agent = user?.role === 'agent';
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {agent ? m.mySchedule : m.title}
        </Typography.Title>
        <DatePicker aria-label={m.month} picker="month" allowClear={false} value={month} onChange={(v) => v && setMonth(v)} />
      </Space>
      {agent ? <OwnSchedule month={key} /> : <TeamRoster month={key} />}
    </Space>
  );
}
