import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, DatePicker, Empty, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { AgentUnavailability, MySchedule, Queue, Roster, RosterShortInterval, Team, WfmForecast } from '@banzu/contract';
import { unavailableSpans } from '@banzu/core';
import { api, ApiError } from '../api/client';
import { useAuth } from '../auth/AuthProvider';
import { EChart } from '../charts/EChart';
import { AvailabilityPanel, useAvailabilityTexts, windowText } from './AvailabilityPanel';
import { fill, wfmEn, wfmZh } from './messages';
import { ExportButton } from '../download/index';

/** The page's texts in the console's language. */
export function useTexts() {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? wfmEn : wfmZh;
}

const shiftColors = ['blue', 'green', 'orange', 'purple', 'cyan', 'magenta', 'gold'];
const percent = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

/** How many short lines the leader sees before "and N more": the earliest, where to act first. */
const SHOWN = 10;

/**
 * The roster's short intervals, earliest first, each with why: the team's total short (and the
 * cause), or a queue's skilled agents short (粤语热线 缺 1 人) though the total may be enough.
 *
 * @example
 * <ShortList short={roster.short} />
 */
export function ShortList({ short }: { short: readonly RosterShortInterval[] }) {
  const m = useTexts();
  if (short.length === 0) return null;
  const line = (s: RosterShortInterval) => {
    const values = { at: s.start.replace('T', ' '), missing: s.required - s.scheduled, required: s.required, scheduled: s.scheduled };
    if (s.reason === 'skill') return fill(m.skillShort, { ...values, queues: s.queues.map((q) => q.name).join(m.listSeparator) });
    return fill(m.shortLine, values) + (s.reason ? fill(m.shortBecause, { reason: m.reasons[s.reason] ?? s.reason }) : '');
  };
  return (
    <Alert
      type="warning"
      showIcon
      message={fill(m.short, { count: new Set(short.map((s) => s.start)).size })}
      description={
        <ul style={{ margin: 0, paddingLeft: 18 }}>
          {short.slice(0, SHOWN).map((s) => (
            <li key={`${s.start} ${s.reason === 'skill' ? s.queues.map((q) => q.id).join('+') : ''}`}>{line(s)}</li>
          ))}
          {short.length > SHOWN && <li>{fill(m.shortMore, { count: short.length - SHOWN })}</li>}
        </ul>
      }
    />
  );
}

/** A line chart over the month's intervals: one series per curve, a second axis for shares (service level). */
function Curve({ points, series }: { points: string[]; series: { name: string; values: number[]; share?: boolean; step?: boolean }[] }) {
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { data: series.map((s) => s.name), top: 0 },
      grid: { left: 40, right: 50, top: 30, bottom: 30 },
      xAxis: { type: 'category', data: points.map((p) => p.slice(5).replace('T', ' ')) },
      yAxis: [{ type: 'value' }, { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } }],
      series: series.map((s) => ({ name: s.name, type: 'line', showSymbol: false, step: s.step ? 'end' : false, yAxisIndex: s.share ? 1 : 0, data: s.values })),
    }),
    [points, series],
  );
  return <EChart option={option} height={260} />;
}

/** A planner's hand override of one interval's calls (audited on the server); the forecast is fetched again after. */
function Override({ month, forecasts, queues, onDone }: { month: string; forecasts: WfmForecast[]; queues: Queue[]; onDone: () => void }) {
  const m = useTexts();
  const { message } = App.useApp();
  const [queueId, setQueueId] = useState(forecasts[0]!.queueId);
  const [start, setStart] = useState<string>();
  const [calls, setCalls] = useState<number | null>(null);
  const forecast = forecasts.find((f) => f.queueId === queueId) ?? forecasts[0]!;
  const overridden = forecasts.reduce((n, f) => n + f.intervals.filter((i) => i.overridden).length, 0);
  const save = async () => {
    try {
      await api('PUT', '/api/v1/wfm/forecast/overrides', { queueId, start, intervalMinutes: forecast.intervalMinutes, calls });
      void message.success(m.overrideDone);
      onDone();
    } catch (err) {
      void message.error((err as Error).message);
    }
  };
  return (
    <Space wrap>
      <Typography.Text>{m.override}</Typography.Text>
      {forecasts.length > 1 && (
        <Select
          aria-label={m.queues}
          style={{ width: 140 }}
          value={queueId}
          onChange={setQueueId}
          options={forecasts.map((f) => ({ value: f.queueId, label: queues.find((q) => q.id === f.queueId)?.name ?? f.queueId }))}
        />
      )}
      <Select
        aria-label={m.overrideInterval}
        showSearch
        style={{ width: 190 }}
        placeholder={m.overrideInterval}
        value={start}
        onChange={(v: string) => {
          setStart(v);
          setCalls(Math.round(forecast.intervals.find((i) => i.start === v)?.calls ?? 0));
        }}
        options={forecast.intervals.filter((i) => i.start.startsWith(month)).map((i) => ({ value: i.start, label: `${i.start.replace('T', ' ')}${i.overridden ? ' *' : ''}` }))}
      />
      <InputNumber aria-label={m.calls} min={0} value={calls} onChange={setCalls} addonAfter={m.calls} />
      <Button disabled={!start || calls === null} onClick={() => void save()}>
        {m.overrideSave}
      </Button>
      {overridden > 0 && <Typography.Text type="secondary">{fill(m.overridden, { count: overridden })}</Typography.Text>}
    </Space>
  );
}

/**
 * The requirement from the chosen queues' history: each queue's forecast for the month with its
 * method and backtest, and the team's share of calls and agents to schedule per interval.
 */
function Requirement({ month, queueIds, queues, share }: { month: string; queueIds: string[]; queues: Queue[]; share: number }) {
  const m = useTexts();
  const { message } = App.useApp();
  const [forecasts, setForecasts] = useState<WfmForecast[] | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const end = dayjs(`${month}-01`).endOf('month');
      const horizonDays = Math.min(62, Math.max(1, end.diff(dayjs().startOf('day'), 'day')));
      setForecasts(await Promise.all(queueIds.map((q) => api<WfmForecast>('GET', `/api/v1/wfm/forecast?queueId=${q}&horizonDays=${horizonDays}&patienceFromHistory=true`))));
    } catch (err) {
      void message.error((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const importCsv = async (file: File) => {
    if (queueIds.length !== 1) {
      void message.warning(m.importNeedsOneQueue);
      return;
    }
    try {
      const done = await api<{ rows: number; from: string; to: string }>('POST', `/api/v1/wfm/history/${queueIds[0]}`, { csv: await file.text() });
      void message.success(fill(m.imported, { rows: done.rows, from: done.from.replace('T', ' '), to: done.to.replace('T', ' ') }));
    } catch (err) {
      void message.error((err as Error).message);
    }
  };
  const byStart = new Map<string, { calls: number; agents: number }>();
  for (const f of forecasts ?? [])
    for (const i of f.intervals) {
      if (!i.start.startsWith(month)) continue;
      const b = byStart.get(i.start) ?? { calls: 0, agents: 0 };
      b.calls += i.calls * share;
      b.agents += i.scheduled;
      byStart.set(i.start, b);
    }
  const points = [...byStart.keys()].sort();
  const required = points.map((p) => Math.ceil(byStart.get(p)!.agents * share - 1e-9));
  const peak = required.reduce((best, v, i) => (v > required[best]! ? i : best), 0);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Upload
          accept=".csv,text/csv"
          showUploadList={false}
          beforeUpload={(file) => {
            void importCsv(file);
            return false;
          }}
        >
          <Button disabled={queueIds.length === 0}>{m.importHistory}</Button>
        </Upload>
        <Button loading={busy} disabled={queueIds.length === 0} onClick={() => void run()}>
          {m.forecast}
        </Button>
      </Space>
      {forecasts?.map((f) => (
        <Typography.Text key={f.queueId} data-testid="forecast-accuracy">
          {fill(m.forecastOf, {
            queue: queues.find((q) => q.id === f.queueId)?.name ?? f.queueId,
            method: m.methods[f.method] ?? f.method,
            wape: percent(f.backtest.wape),
            mase: f.backtest.mase === null ? '—' : f.backtest.mase.toFixed(2),
          })}
          {f.patienceSeconds !== undefined && fill(m.erlangA, { patience: f.patienceSeconds })}
        </Typography.Text>
      ))}
      {forecasts && forecasts.length > 0 && <Override month={month} forecasts={forecasts} queues={queues} onDone={() => void run()} />}
      {forecasts && points.length > 0 && (
        <>
          <Typography.Text strong data-testid="requirement-summary">
            {fill(m.requirementSummary, { month, total: required.reduce((a, b) => a + b, 0), peak: required[peak]!, at: points[peak]!.replace('T', ' ') })}
          </Typography.Text>
          <Curve
            points={points}
            series={[
              { name: m.calls, values: points.map((p) => Math.round(byStart.get(p)!.calls * 10) / 10) },
              { name: m.required, values: required, step: true },
            ]}
          />
        </>
      )}
    </Space>
  );
}

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
  const [editing, setEditing] = useState<{ userId: string; name: string; date: string; shift: string | null; note: string } | null>(null);
  const [cannot, setCannot] = useState<AgentUnavailability[]>([]);
  const a = useAvailabilityTexts();

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
  const loadCannot = useCallback(() => {
    if (!teamId) return;
    void api<{ items: AgentUnavailability[] }>('GET', `/api/v1/wfm/availability?team=${teamId}&month=${month}`)
      .then((r) => setCannot(r.items))
      .catch(() => setCannot([]));
  }, [teamId, month]);
  useEffect(loadCannot, [loadCannot]);

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
  const overtimeOn = new Set(roster?.overtime.map((o) => `${o.userId} ${o.date}`));
  const leaveOn = new Map(roster?.leave.map((l) => [`${l.userId} ${l.date}`, l.kind]));
  // When each agent cannot work, day by day: marked on the grid as the roster keeps it free.
  const cannotOn = new Map<string, string[]>();
  const lastDay = roster?.days.at(-1)?.date ?? `${month}-01`;
  for (const w of cannot) {
    for (const span of unavailableSpans([w], `${month}-01`, lastDay)) {
      const key = `${w.agentId} ${span.start.slice(0, 10)}`;
      cannotOn.set(key, [...(cannotOn.get(key) ?? []), windowText(w, a)]);
    }
  }
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
        const open = () => setEditing({ userId: agent.userId, name: agent.name, date: d.date, shift: shift?.shift ?? null, note: '' });
        const breaks = shift?.breaks.map((b) => `${b.name} ${b.start.slice(11)}-${b.end.slice(11)}`).join(', ');
        return (
          <button type="button" style={{ all: 'unset', cursor: 'pointer' }} onClick={open}>
            {shift ? (
              <Tag color={colorOf.get(shift.shift)} title={`${shift.start.slice(11)}-${shift.end.slice(11)}${breaks ? ` · ${m.breaks} ${breaks}` : ''}`}>
                {shift.shift}
              </Tag>
            ) : leaveOn.has(`${agent.userId} ${d.date}`) ? (
              <Tag>{m.leaveKinds[leaveOn.get(`${agent.userId} ${d.date}`)!] ?? m.rest}</Tag>
            ) : (
              <Typography.Text type="secondary">{m.rest}</Typography.Text>
            )}
            {overtimeOn.has(`${agent.userId} ${d.date}`) && <Tag color="red">{m.overtime}</Tag>}
            {cannotOn.has(`${agent.userId} ${d.date}`) && (
              <Tag color="volcano" title={`${a.title}: ${cannotOn.get(`${agent.userId} ${d.date}`)!.join('、')}`}>
                {a.cannot}
              </Tag>
            )}
          </button>
        );
      },
    })),
  ];
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
          onClick={() => act(() => api<Roster>('POST', '/api/v1/wfm/rosters', { teamId, month, queueIds, share, patienceFromHistory: true }), m.generated)}
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
        <ExportButton disabled={!roster} href={`/api/v1/wfm/rosters/${teamId}/${month}?format=xlsx&lang=${m === wfmEn ? 'en' : 'zh-CN'}`}>
          {m.export}
        </ExportButton>
      </Space>
      {/* A new month or choice of queues starts without the last forecast. */}
      <Requirement key={`${month} ${queueIds.join(',')}`} month={month} queueIds={queueIds} queues={queues} share={share} />
      {roster ? (
        <>
          <Tag color={roster.status === 'published' ? 'green' : 'default'}>{roster.status === 'published' ? m.published : m.draft}</Tag>
          <ShortList short={roster.short} />
          {roster.coverage.length > 0 && (
            <Curve
              points={roster.coverage.map((c) => c.start)}
              series={[
                { name: m.required, values: roster.coverage.map((c) => c.required), step: true },
                { name: m.scheduled, values: roster.coverage.map((c) => c.scheduled), step: true },
                { name: m.serviceLevel, values: roster.coverage.map((c) => Math.round(c.serviceLevel * 1000) / 1000), share: true },
              ]}
            />
          )}
          <Table size="small" rowKey="userId" pagination={false} scroll={{ x: 'max-content' }} columns={columns} dataSource={roster.agents} />
          <AvailabilityPanel key={teamId} month={month} teamId={teamId} agents={roster.agents} onChange={loadCannot} />
        </>
      ) : (
        <Empty description={m.noRoster} />
      )}
      <Modal
        open={editing !== null}
        title={editing && fill(m.editDay, { name: editing.name, date: editing.date })}
        onCancel={() => setEditing(null)}
        onOk={() =>
          editing &&
          void act(
            () => api<Roster>('PUT', `/api/v1/wfm/rosters/${teamId}/${month}/shifts/${editing.userId}/${editing.date}`, { shift: editing.shift, note: editing.note }),
            m.edited,
          ).then(() => setEditing(null))
        }
      >
        {editing && (
          <Space direction="vertical" style={{ width: '100%' }}>
            {/* The leader may still put a shift there, knowing the agent said they cannot work then. */}
            {cannotOn.has(`${editing.userId} ${editing.date}`) && (
              <Alert type="warning" showIcon message={`${a.title}: ${cannotOn.get(`${editing.userId} ${editing.date}`)!.join('、')}`} />
            )}
            <Select
              aria-label={m.shift}
              style={{ width: 200 }}
              value={editing.shift ?? ''}
              onChange={(v) => setEditing({ ...editing, shift: v === '' ? null : v })}
              options={[...(roster?.shiftTemplates ?? []).map((t) => ({ value: t.name, label: `${t.name} ${t.start}-${t.end}` })), { value: '', label: m.rest }]}
            />
            <Input aria-label={m.editNote} placeholder={m.editNote} maxLength={500} value={editing.note} onChange={(e) => setEditing({ ...editing, note: e.target.value })} />
          </Space>
        )}
      </Modal>
    </Space>
  );
}

/** The changes to the agent's published shifts not yet read: what changed and why, until acknowledged. */
export function ScheduleChanges({ changes, onRead }: { changes: MySchedule['changes']; onRead: () => void }) {
  const m = useTexts();
  if (changes.length === 0) return null;
  return (
    <Alert
      type="info"
      showIcon
      message={m.changesTitle}
      description={
        <ul style={{ margin: 0, paddingLeft: 18 }}>
          {changes.map((c) => (
            <li key={c.id}>
              {fill(m.change, { date: c.date, before: c.before ?? m.rest, after: c.after ?? m.rest, cause: m.causes[c.cause] ?? c.cause, note: c.note ? `：${c.note}` : '' })}
            </li>
          ))}
        </ul>
      }
      action={
        <Button size="small" onClick={() => void api('POST', '/api/v1/wfm/my-schedule/read').then(onRead)}>
          {m.gotIt}
        </Button>
      }
    />
  );
}

/** The agent's published shifts of a month with their breaks and approved overtime, in the center's time, and what changed. */
function OwnSchedule({ month }: { month: string }) {
  const m = useTexts();
  const [schedule, setSchedule] = useState<MySchedule | null>(null);
  const load = useCallback(() => void api<MySchedule>('GET', `/api/v1/wfm/my-schedule?month=${month}`).then(setSchedule), [month]);
  useEffect(load, [load]);
  if (!schedule) return null;
  const rows = [
    ...schedule.shifts.map((s) => ({ ...s, key: `s${s.date}`, overtime: null as null | string })),
    ...schedule.overtime.map((o) => ({
      date: o.date,
      shift: m.overtime,
      start: o.start,
      end: o.end,
      breaks: [],
      key: `o${o.id}`,
      overtime: o.compensation === 'pay' ? m.pay : m.timeOff,
    })),
  ].sort((a, b) => (a.start < b.start ? -1 : 1));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <ScheduleChanges changes={schedule.changes} onRead={load} />
      <AvailabilityPanel month={month} />
      {rows.length === 0 ? (
        <Empty description={m.noShifts} />
      ) : (
        <Table
          size="small"
          rowKey="key"
          pagination={false}
          dataSource={rows}
          columns={[
            { title: m.date, dataIndex: 'date', key: 'date', render: (date: string) => `${date} ${m.weekdays[dayjs(date).day()]}` },
            {
              title: m.shift,
              key: 'shift',
              render: (_: unknown, s: (typeof rows)[number]) => <Tag color={s.overtime ? 'red' : 'blue'}>{s.overtime ? `${s.shift}（${s.overtime}）` : s.shift}</Tag>,
            },
            {
              title: m.hours,
              key: 'hours',
              render: (_: unknown, s: (typeof rows)[number]) => `${s.start.slice(11)}-${s.end.slice(11)}${s.end.slice(0, 10) > s.date ? ' (+1)' : ''}`,
            },
            {
              title: m.breaks,
              key: 'breaks',
              render: (_: unknown, s: (typeof rows)[number]) => s.breaks.map((b) => `${b.name} ${b.start.slice(11)}-${b.end.slice(11)}`).join(', '),
            },
          ]}
        />
      )}
    </Space>
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
