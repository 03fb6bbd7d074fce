import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Briefing, Debrief, DebriefProblem, Report } from '@banzu/contract';
import type { DomainEvent } from '@banzu/core';
import { openTestApp, type TestApp } from '../http/testing';
import { ProjectionRunner } from '../projections/index';
import { reportsProjection } from '../reports/index';
import { backends } from '../store/testing';
import { monthlyBriefingAttendance } from './index';

/** 2026-01-05 (a Monday, the test clock's day) at a Shanghai wall-clock time. */
const at = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return Date.UTC(2026, 0, 5, h! - 8, m!);
};
const e = (type: string, stream: string, time: string, payload: object) => ({ type, stream, at: at(time), payload }) as DomainEvent;

describe.each(backends)('briefings and debriefs ($name)', (backend) => {
  let h: TestApp;
  let leader: string;
  let otherLeader: string;
  let agent: string;
  let colleague: string;
  let otherAgent: string;
  let manager: string;
  let team1: string;
  let agentId: string;
  let colleagueId: string;
  let otherAgentId: string;

  const json = async <T>(token: string, method: string, url: string, body?: unknown, status = 200): Promise<T> => {
    const res = await h.call(token, method, url, body);
    expect(res.statusCode, res.body).toBe(status);
    return res.json() as T;
  };

  beforeAll(async () => {
    h = await openTestApp(backend);
    [leader, otherLeader, agent, colleague, otherAgent, manager] = (await Promise.all(['leader1', 'leader2', '8001', '8002', '8005', 'manager'].map((u) => h.login(u)))) as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const ids = await h.t.store.query<{ no: string; id: string; team: string }>(
      `SELECT a.employee_no AS no, u.id, u.team_id AS team FROM agents a JOIN users u ON u.id = a.user_id WHERE a.employee_no IN ('8001', '8002', '8005')`,
    );
    const byNo = (no: string) => ids.find((r) => r.no === no)!;
    [agentId, colleagueId, otherAgentId, team1] = [byNo('8001').id, byNo('8002').id, byNo('8005').id, byNo('8001').team];

    // Yesterday for the 6 January briefing: 8001 of 客服一组 answers two calls on the 5th.
    const [queue] = await h.t.store.query<{ id: string }>("SELECT id FROM queues WHERE name = '售前咨询'");
    const queueId = queue!.id;
    const state = (time: string, from: string, to: string) =>
      e('agent.state_changed', agentId, time, { from, to, notReadyReason: null, callId: null, wrapUpEndsAt: null, forcedBy: null });
    const answered = (id: string, arrive: string, answer: string, end: string) => [
      e('call.arrived', id, arrive, { direction: 'inbound', from: '13800138000', to: '4008001234', queueId, vipLevel: 0 }),
      e('call.queued', id, arrive, { queueId, position: 1, vipLevel: 0, placeAt: at(arrive), seq: 1, via: 'arrival', callback: false }),
      e('call.offered', id, arrive, { agentIds: [agentId], queueId, purpose: 'queue', ringTimeoutSeconds: 20 }),
      e('call.answered', id, answer, { agentId, queueId, purpose: 'queue', recorded: true }),
      e('call.ended', id, end, { outcome: 'answered', endedBy: 'caller', connected: true }),
    ];
    await h.app.banzu.log.append([
      state('08:00', 'logged_out', 'ready'),
      ...answered('b1', '08:10', '08:10', '08:15'),
      state('08:10', 'ready', 'talking'),
      state('08:15', 'talking', 'ready'),
      ...answered('b2', '08:20', '08:21', '08:28'),
      state('08:21', 'ready', 'talking'),
      state('08:28', 'talking', 'ready'),
      state('08:50', 'ready', 'logged_out'),
    ]);
    const runner = new ProjectionRunner(h.t.store, h.app.banzu.log, reportsProjection({ timeZone: 'Asia/Shanghai' }));
    await runner.start();
    await runner.caughtUp(await h.app.banzu.log.head());
    runner.stop();
  });
  afterAll(() => h.close());

  it('prepares the agenda from the reports’ own figures for yesterday, against the team’s target, with the knowledge base’s notices', async () => {
    await json(manager, 'PUT', '/api/v1/targets', { metricId: 'averageHandleTime', scope: 'team', scopeId: team1, target: 300 });
    await json(leader, 'POST', '/api/v1/kb/articles', { title: '春节值班安排', body: '除夕晚班双倍工资', category: '通知' }, 201);
    const briefing = await json<Briefing>(leader, 'GET', '/api/v1/briefings?date=2026-01-06');
    expect(briefing).toMatchObject({ id: null, status: 'new', teamId: team1, date: '2026-01-06', timeZone: 'Asia/Shanghai', goal: '' });
    const report = await json<Report>(leader, 'GET', `/api/v1/reports/metrics?from=2026-01-05&to=2026-01-05&by=day&teamId=${team1}`);
    expect(report.total.metrics.answered).toBe(2);
    expect(briefing.agenda.yesterday).toBe('2026-01-05');
    expect(briefing.agenda.serviceLevel).toMatchObject({ variant: report.serviceLevel.variant, zh: report.serviceLevel.zh });
    for (const line of briefing.agenda.kpis) expect(line.value, line.metricId).toEqual(report.total.metrics[line.metricId] ?? null);
    // 2 calls of 5 and 7 minutes: 6 minutes on average, over the team's 5-minute target.
    expect(briefing.agenda.kpis.find((k) => k.metricId === 'averageHandleTime')).toMatchObject({ value: 360, target: 300, met: false });
    expect(briefing.agenda.knowledge.items).toEqual([expect.objectContaining({ title: '春节值班安排', notice: true, change: 'new' })]);
    // No roster generated: the agenda says so instead of naming anyone on or off; nobody is on leave.
    expect(briefing.agenda.schedule).toEqual({ roster: 'missing', on: [], off: [], leave: { source: 'available', agents: [] } });
    // Another day's figures are another day's: the 5th's briefing reads the 4th, which had no calls.
    const before = await json<Briefing>(leader, 'GET', '/api/v1/briefings?date=2026-01-05');
    expect(before.agenda.kpis.find((k) => k.metricId === 'answered')?.value).toBe(0);
  });

  it('carries the debrief’s unsolved and undecided problems to the next day’s briefing, not the solved ones', async () => {
    const raised = await json<DebriefProblem>(agent, 'POST', '/api/v1/debriefs/problems', { text: '新套餐的退订规则不清楚' }, 201);
    expect(raised).toMatchObject({ date: '2026-01-05', status: 'open', raisedBy: agentId, raisedByName: '王芳' });
    const solved = await json<DebriefProblem>(colleague, 'POST', '/api/v1/debriefs/problems', { text: '工单系统保存慢' }, 201);
    const open = await json<DebriefProblem>(leader, 'POST', '/api/v1/debriefs/problems', { text: '耳机音量不足' }, 201);
    await json(leader, 'POST', `/api/v1/debriefs/problems/${solved.id}/decision`, { solved: true, answer: '已清理缓存，明天再观察' });
    const unsolved = await json<DebriefProblem>(leader, 'POST', `/api/v1/debriefs/problems/${raised.id}/decision`, { solved: false });
    expect(unsolved).toMatchObject({ status: 'unsolved', decidedAt: new Date(h.clock.now()).toISOString() });
    // Solved needs the answer; an agent does not decide; another team's leader does not find it.
    expect((await h.call(leader, 'POST', `/api/v1/debriefs/problems/${open.id}/decision`, { solved: true })).json().error.message).toContain('答复');
    expect((await h.call(agent, 'POST', `/api/v1/debriefs/problems/${open.id}/decision`, { solved: false })).statusCode).toBe(403);
    expect((await h.call(otherLeader, 'POST', `/api/v1/debriefs/problems/${open.id}/decision`, { solved: false })).statusCode).toBe(404);

    const debrief = await json<Debrief>(leader, 'GET', '/api/v1/debriefs?date=2026-01-05');
    expect(debrief.problems.map((p) => p.text)).toEqual(['新套餐的退订规则不清楚', '工单系统保存慢', '耳机音量不足']);
    // An agent sees the own problems only.
    expect((await json<Debrief>(agent, 'GET', '/api/v1/debriefs?date=2026-01-05')).problems.map((p) => p.id)).toEqual([raised.id]);

    const next = await json<Briefing>(leader, 'GET', '/api/v1/briefings?date=2026-01-06');
    expect(next.agenda.carriedOver.map((p) => [p.text, p.status])).toEqual([
      ['新套餐的退订规则不清楚', 'unsolved'],
      ['耳机音量不足', 'open'],
    ]);
    expect((await json<Debrief>(leader, 'GET', '/api/v1/debriefs?date=2026-01-06')).carriedOver.map((p) => p.id)).toEqual([raised.id, open.id]);

    // An answer found after the debrief is passed on at the next briefing, once.
    const late = await json<DebriefProblem>(leader, 'POST', '/api/v1/debriefs/problems', { date: '2026-01-04', text: '积分兑换规则' }, 201);
    await json(leader, 'POST', `/api/v1/debriefs/problems/${late.id}/decision`, { solved: true, answer: '积分按月清零' });
    const told = await json<Briefing>(leader, 'GET', '/api/v1/briefings?date=2026-01-06');
    expect(told.agenda.carriedOver.find((p) => p.id === late.id)).toMatchObject({ status: 'solved', answer: '积分按月清零', decidedDate: '2026-01-05' });
    expect((await json<Briefing>(leader, 'GET', '/api/v1/briefings?date=2026-01-07')).agenda.carriedOver.map((p) => p.id)).not.toContain(late.id);
  });

  it('publishes with the goal; the agent reads and confirms the own team’s briefing, the leader marks attendance, the month counts it', async () => {
    expect((await h.call(agent, 'GET', '/api/v1/briefings?date=2026-01-06')).statusCode).toBe(404);
    const draft = await json<Briefing>(leader, 'POST', '/api/v1/briefings', { date: '2026-01-06', goal: '工单错误量控制在0!', items: ['春节值班报名截止周三'] });
    expect(draft).toMatchObject({ status: 'draft', goal: '工单错误量控制在0!', roll: [] });
    const published = await json<Briefing>(leader, 'POST', '/api/v1/briefings', { date: '2026-01-06', goal: '工单错误量控制在0!', items: ['春节值班报名截止周三'], publish: true });
    expect(published).toMatchObject({ id: draft.id, status: 'published', publishedByName: '一组组长' });
    expect(published.roll.map((r) => r.employeeNo)).toEqual(['8001', '8002', '8003', '8004']);
    expect((await h.call(leader, 'POST', '/api/v1/briefings', { date: '2026-01-06', goal: '改一下' })).statusCode).toBe(409);

    // The agent sees it with the own line only, and confirms once.
    const seen = await json<Briefing>(agent, 'GET', '/api/v1/briefings?date=2026-01-06');
    expect(seen).toMatchObject({ goal: '工单错误量控制在0!', items: ['春节值班报名截止周三'] });
    expect(seen.roll).toEqual([expect.objectContaining({ agentId, confirmedAt: null, attendedAt: null })]);
    h.clock.advance(60_000);
    const confirmed = await json<Briefing>(agent, 'POST', `/api/v1/briefings/${published.id}/confirm`);
    expect(confirmed.roll[0]!.confirmedAt).toBe(new Date(h.clock.now()).toISOString());
    // Another team's agent confirms only the own team's: this one is not found for them.
    expect((await h.call(otherAgent, 'POST', `/api/v1/briefings/${published.id}/confirm`)).statusCode).toBe(404);
    expect((await h.call(otherAgent, 'GET', `/api/v1/briefings?team=${team1}&date=2026-01-06`)).statusCode).toBe(403);
    expect((await h.call(leader, 'POST', `/api/v1/briefings/${published.id}/confirm`)).statusCode).toBe(403);

    const marked = await json<Briefing>(leader, 'POST', `/api/v1/briefings/${published.id}/attendance`, { agentId, attended: true });
    expect(marked.roll.find((r) => r.agentId === agentId)?.attendedAt).toBe(new Date(h.clock.now()).toISOString());
    expect((await h.call(leader, 'POST', `/api/v1/briefings/${published.id}/attendance`, { agentId: otherAgentId })).statusCode).toBe(400);
    expect((await h.call(otherLeader, 'POST', `/api/v1/briefings/${published.id}/attendance`, { agentId })).statusCode).toBe(404);

    // Published is as published: a problem solved afterwards stays on this agenda, and leaves the next one.
    const carried = published.agenda.carriedOver[0]!;
    await json(leader, 'POST', `/api/v1/debriefs/problems/${carried.id}/decision`, { solved: true, answer: '退订须在账期结束前三天' });
    expect((await json<Briefing>(leader, 'GET', '/api/v1/briefings?date=2026-01-06')).agenda.carriedOver.map((p) => p.id)).toContain(carried.id);
    expect((await json<Briefing>(leader, 'GET', '/api/v1/briefings?date=2026-01-07')).agenda.carriedOver.map((p) => p.id)).not.toContain(carried.id);

    expect(await monthlyBriefingAttendance(h.t.store, '2026-01', [agentId, colleagueId, otherAgentId])).toEqual([
      { agentId, held: 1, attended: 1, confirmed: 1, missed: 0 },
      { agentId: colleagueId, held: 1, attended: 0, confirmed: 0, missed: 1 },
      { agentId: otherAgentId, held: 0, attended: 0, confirmed: 0, missed: 0 },
    ]);
    expect(await monthlyBriefingAttendance(h.t.store, '2026-02', [agentId])).toEqual([{ agentId, held: 0, attended: 0, confirmed: 0, missed: 0 }]);
  });

  it('tells who is on from the published roster, and who is on approved leave', async () => {
    // The rows the roster generator writes (it needs a forecast from call history): 7 January, three of the team on shifts.
    const shifts = [
      [agentId, '早班', '00:30', '09:30'],
      [colleagueId, '中班', '03:00', '12:00'],
    ] as const;
    const [third] = await h.t.store.query<{ id: string }>("SELECT user_id AS id FROM agents WHERE employee_no = '8003'");
    await h.t.store.query(
      `INSERT INTO wfm_rosters (team_id, month, status, shift_templates, generated_at) VALUES ($1, '2026-01', 'draft', '[{"name":"早班","start":"08:30","end":"17:30"}]', now())`,
      [team1],
    );
    for (const [user, shift, start, end] of [...shifts, [third!.id, '早班', '00:30', '09:30'] as const]) {
      await h.t.store.query(`INSERT INTO wfm_roster_shifts (team_id, month, user_id, date, shift, starts_at, ends_at) VALUES ($1, '2026-01', $2, '2026-01-07', $3, $4, $5)`, [
        team1,
        user,
        shift,
        `2026-01-07T${start}:00Z`,
        `2026-01-07T${end}:00Z`,
      ]);
    }
    const draft = await json<Briefing>(leader, 'GET', '/api/v1/briefings?date=2026-01-07');
    expect(draft.agenda.schedule).toMatchObject({ roster: 'draft', on: [] });
    await json(leader, 'POST', `/api/v1/wfm/rosters/${team1}/2026-01/publish`);
    const sick = await json<{ id: string }>(leader, 'POST', '/api/v1/leave', { agentId: third!.id, kind: 'sick', startDate: '2026-01-07', endDate: '2026-01-07' }, 201);
    // Pending leave is not leave yet.
    expect((await json<Briefing>(leader, 'GET', '/api/v1/briefings?date=2026-01-07')).agenda.schedule.on.map((a) => a.employeeNo)).toEqual(['8001', '8003', '8002']);
    await json(leader, 'POST', `/api/v1/leave/${sick.id}/approve`, {});
    const { schedule } = (await json<Briefing>(leader, 'GET', '/api/v1/briefings?date=2026-01-07')).agenda;
    expect(schedule.on.map((a) => [a.employeeNo, a.shift, a.start])).toEqual([
      ['8001', '早班', '2026-01-07T08:30'],
      ['8002', '中班', '2026-01-07T11:00'],
    ]);
    expect(schedule.off.map((a) => a.employeeNo)).toEqual(['8004']);
    expect(schedule.leave).toEqual({ source: 'available', agents: [expect.objectContaining({ employeeNo: '8003', kind: 'sick' })] });
  });

  it('keeps another team’s leader out with 403 and answers a bad date with a Chinese 400 that saves nothing', async () => {
    expect((await h.call(otherLeader, 'GET', `/api/v1/briefings?team=${team1}&date=2026-01-08`)).statusCode).toBe(403);
    const foreign = await h.call(otherLeader, 'POST', '/api/v1/briefings', { team: team1, date: '2026-01-08', goal: '争取得到客户表扬!' });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().error.message).toContain('本班组');
    expect((await h.call(otherLeader, 'GET', `/api/v1/debriefs?team=${team1}&date=2026-01-05`)).statusCode).toBe(403);
    expect((await h.call(manager, 'GET', '/api/v1/briefings?team=nope&date=2026-01-08')).statusCode).toBe(404);
    // The floor's roles name the team: they have none of their own.
    expect((await h.call(manager, 'GET', '/api/v1/briefings?date=2026-01-08')).json().error.message).toContain('班组');

    for (const date of ['2026-02-30', 'tomorrow', '2026-1-8']) {
      const res = await h.call(leader, 'GET', `/api/v1/briefings?date=${date}`);
      expect(res.statusCode, date).toBe(400);
      expect(res.json().error.message).toBe(`日期“${date}”不合法，应为 YYYY-MM-DD 格式的日期`);
    }
    expect((await h.call(leader, 'GET', '/api/v1/briefings?date=tomorrow&lang=en')).json().error.message).toBe('"tomorrow" is not a date: write it YYYY-MM-DD');
    expect((await h.call(leader, 'POST', '/api/v1/briefings?lang=en', { goal: '没有日期' })).json().error.message).toBe('body.date: give the date (YYYY-MM-DD)');
    const bad = await h.call(leader, 'POST', '/api/v1/briefings', { date: '2026-13-01', goal: '电话接听量超过100!', publish: true });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('YYYY-MM-DD');
    expect((await h.call(agent, 'POST', '/api/v1/debriefs/problems', { date: '2026-01-32', text: '问题' })).statusCode).toBe(400);
    expect((await h.call(agent, 'POST', '/api/v1/debriefs/problems', { text: '   ' })).json().error.message).toContain('问题内容不能为空');
    expect((await h.call(leader, 'POST', '/api/v1/briefings', { goal: '没有日期' })).json().error.message).toContain('请填写日期');
    const rows = await h.t.store.query<{ n: number }>("SELECT count(*)::int AS n FROM briefings WHERE goal = '电话接听量超过100!'");
    expect(rows[0]!.n).toBe(0);
    await expect(monthlyBriefingAttendance(h.t.store, '2026-1', [agentId])).rejects.toThrow('月份');
  });
});
