import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentUnavailability, Roster } from '@banzu/contract';
import { weekday } from '@banzu/core';
import { openTestApp, type TestApp } from '../http/testing';
import { backends } from '../store/testing';
import { historyCsv } from './testing';

describe.each(backends)('可用性: when an agent cannot work, stated by the agent or the leader, kept by roster generation ($name)', (backend) => {
  let h: TestApp;
  let leader: string;
  let otherLeader: string;
  let teamId: string;
  const agents: Record<string, { token: string; id: string }> = {};

  const call = async <T>(token: string, method: string, url: string, body?: unknown, status = 200): Promise<T> => {
    const res = await h.call(token, method, url, body);
    expect(res.statusCode, res.body).toBe(status);
    return res.json() as T;
  };

  beforeAll(async () => {
    h = await openTestApp(backend);
    [leader, otherLeader] = (await Promise.all(['leader1', 'leader2'].map((u) => h.login(u)))) as [string, string];
    for (const r of await h.t.store.query<{ id: string; no: string }>("SELECT user_id AS id, employee_no AS no FROM agents WHERE employee_no IN ('8001', '8002', '8005')")) {
      agents[r.no] = { id: r.id, token: await h.login(r.no) };
    }
    [{ teamId }] = (await h.t.store.query<{ teamId: string }>('SELECT team_id AS "teamId" FROM users WHERE username = \'leader1\'')) as [{ teamId: string }];
  });
  afterAll(() => h.close());

  it('an agent states 周三晚上 for every week, the leader a whole day for a teammate; each is audited and seen by whom it concerns', async () => {
    const a = agents['8001']!;
    const weekly = await call<AgentUnavailability>(a.token, 'POST', '/api/v1/wfm/availability', { weekday: 3, start: '18:00', end: '24:00', note: '周三晚上要上课' }, 201);
    expect(weekly).toMatchObject({ agentId: a.id, teamId, weekday: 3, date: null, start: '18:00', end: '24:00', note: '周三晚上要上课' });
    const day = await call<AgentUnavailability>(leader, 'POST', '/api/v1/wfm/availability', { agentId: agents['8002']!.id, date: '2026-02-11' }, 201);
    expect(day).toMatchObject({ weekday: null, date: '2026-02-11', start: '00:00', end: '24:00' });

    // The agent sees the own; the leader the team's; a teammate not the other's.
    expect((await call<{ items: AgentUnavailability[] }>(a.token, 'GET', '/api/v1/wfm/availability')).items.map((w) => w.id)).toEqual([weekly.id]);
    expect((await call<{ items: AgentUnavailability[] }>(leader, 'GET', `/api/v1/wfm/availability?team=${teamId}&month=2026-02`)).items).toHaveLength(2);
    expect((await call<{ items: AgentUnavailability[] }>(leader, 'GET', `/api/v1/wfm/availability?team=${teamId}&month=2026-03`)).items.map((w) => w.id)).toEqual([weekly.id]);
    expect((await h.call(a.token, 'GET', `/api/v1/wfm/availability?agentId=${agents['8002']!.id}`)).statusCode).toBe(403);
    expect((await h.call(otherLeader, 'GET', `/api/v1/wfm/availability?team=${teamId}`)).statusCode).toBe(403);

    const audit = await h.t.store.query<{ action: string; detail: { when: string } }>("SELECT action, detail FROM audit_log WHERE subject = 'availability' ORDER BY at");
    expect(audit.map((r) => [r.action, r.detail.when])).toEqual([
      ['availability.add', '周三'],
      ['availability.add', '2026-02-11'],
    ]);
  });

  it('refuses bad windows and other people in Chinese, changing nothing', async () => {
    const a = agents['8001']!;
    const refused = async (token: string, body: unknown, status: number, text: string) => {
      const res = await h.call(token, 'POST', '/api/v1/wfm/availability', body);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().error.message).toContain(text);
    };
    await refused(a.token, { start: '18:00', end: '22:00' }, 400, '二者选一');
    await refused(a.token, { weekday: 3, date: '2026-02-11' }, 400, '二者选一');
    await refused(a.token, { weekday: 8 }, 400, '周日');
    await refused(a.token, { weekday: 2, start: '20:00', end: '18:00' }, 400, '结束时间应晚于开始时间');
    await refused(a.token, { weekday: 2, start: '25:00' }, 400, 'HH:MM');
    await refused(a.token, { agentId: agents['8002']!.id, weekday: 2 }, 403, '只能填写自己');
    await refused(otherLeader, { agentId: a.id, weekday: 2 }, 403, '本班组');
    await refused(leader, { agentId: 'nobody', weekday: 2 }, 400, '没有这个座席');
    expect((await call<{ items: unknown[] }>(leader, 'GET', `/api/v1/wfm/availability?team=${teamId}`)).items).toHaveLength(2);
  });

  it('the generated month gives the agent no shift across 周三晚上 and the teammate none on the stated day', async () => {
    const [{ id: queueId }] = (await h.t.store.query<{ id: string }>("SELECT id FROM queues WHERE name = '售前咨询'")) as [{ id: string }];
    await call(leader, 'POST', `/api/v1/wfm/history/${queueId}`, { csv: historyCsv({ weekends: true, untilHour: 22 }) });
    const roster = await call<Roster>(leader, 'POST', '/api/v1/wfm/rosters', { teamId, month: '2026-02', queueIds: [queueId] });
    const mine = roster.shifts.filter((s) => s.userId === agents['8001']!.id);
    const wednesdays = mine.filter((s) => weekday(s.date) === 3);
    // The evening shifts run past 18:00: on other days the agent works them, on Wednesdays never.
    expect(mine.some((s) => weekday(s.date) !== 3 && s.end.slice(11) > '18:00')).toBe(true);
    expect(wednesdays.length).toBeGreaterThan(0);
    for (const s of wednesdays) expect(s.end.slice(11) <= '18:00' && s.end.slice(0, 10) === s.date, `${s.date} ${s.shift}`).toBe(true);
    expect(roster.shifts.filter((s) => s.userId === agents['8002']!.id && s.date === '2026-02-11')).toEqual([]);
  });

  it('the agent removes a window; the other team leader may not; audited', async () => {
    const a = agents['8001']!;
    const [weekly] = (await call<{ items: AgentUnavailability[] }>(a.token, 'GET', '/api/v1/wfm/availability')).items;
    expect((await h.call(otherLeader, 'DELETE', `/api/v1/wfm/availability/${weekly!.id}`)).statusCode).toBe(403);
    expect((await h.call(agents['8002']!.token, 'DELETE', `/api/v1/wfm/availability/${weekly!.id}`)).statusCode).toBe(403);
    expect((await h.call(a.token, 'DELETE', `/api/v1/wfm/availability/${weekly!.id}`)).statusCode).toBe(204);
    expect((await h.call(a.token, 'DELETE', `/api/v1/wfm/availability/${weekly!.id}`)).json().error.message).toContain('找不到不可上班时间');
    expect((await call<{ items: unknown[] }>(a.token, 'GET', '/api/v1/wfm/availability')).items).toEqual([]);
    expect((await h.t.store.query("SELECT 1 FROM audit_log WHERE action = 'availability.remove'")).length).toBe(1);
  });
});
