import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../http/testing';
import { backends } from '../store/testing';
import { rosterHorizon } from './roster';

describe('rosterHorizon: the days a roster generated today plans', () => {
  it('is the rest of the month from tomorrow, the whole of a later month, nothing on the last day, and refuses a month gone by', () => {
    expect(rosterHorizon('2026-01', '2026-01-05')).toEqual({ from: '2026-01-01', to: '2026-01-31', start: '2026-01-06', days: 26 });
    expect(rosterHorizon('2026-01', '2026-01-30')).toMatchObject({ start: '2026-01-31', days: 1 });
    expect(rosterHorizon('2026-01', '2026-01-31')).toMatchObject({ start: '2026-02-01', days: 0 });
    expect(rosterHorizon('2026-02', '2026-01-31')).toEqual({ from: '2026-02-01', to: '2026-02-28', start: '2026-02-01', days: 28 });
    expect(() => rosterHorizon('2025-12', '2026-01-01')).toThrow('2025-12 已经过去，只能排定本月和今后的班表');
  });
});

describe.each(backends)('the last day of a month on the leader’s clock ($name)', (backend) => {
  let h: TestApp;
  let leader: string;
  let queueId: string;
  let teamId: string;
  let me: string;

  beforeAll(async () => {
    h = await openTestApp(backend);
    // Saturday 31 January 2026, 10:00 in Shanghai.
    h.clock.set(Date.UTC(2026, 0, 31, 2, 0));
    leader = await h.login('leader1');
    [{ id: queueId }] = (await h.t.store.query<{ id: string }>("SELECT id FROM queues WHERE name = '售前咨询'")) as [{ id: string }];
    [{ teamId }] = (await h.t.store.query<{ teamId: string }>('SELECT team_id AS "teamId" FROM users WHERE username = \'leader1\'')) as [{ teamId: string }];
    [{ id: me }] = (await h.t.store.query<{ id: string }>("SELECT id FROM users WHERE username = '8001'")) as [{ id: string }];
    // Six weeks of weekday mornings before today: 100 calls at 09:00 Shanghai.
    for (let d = 1; d <= 42; d++) {
      const day = new Date(Date.UTC(2026, 0, 31 - d));
      if (day.getUTCDay() === 0 || day.getUTCDay() === 6) continue;
      await h.t.store.query('INSERT INTO interval_tallies (interval_start, queue_id, offered, answered, talk_seconds) VALUES ($1, $2, 100, 100, 18000)', [
        new Date(day.getTime() + 60 * 60_000),
        queueId,
      ]);
    }
  });
  afterAll(async () => {
    await h.close();
  });

  it('the leader generates next month in full', async () => {
    const made = await h.call(leader, 'POST', '/api/v1/wfm/rosters', { teamId, month: '2026-02', queueIds: [queueId], share: 0.1 });
    expect(made.statusCode, made.body).toBe(200);
    const roster = made.json();
    expect(roster.days).toHaveLength(28);
    // Monday 2 February's morning is staffed.
    expect(roster.shifts.some((s: { date: string }) => s.date === '2026-02-02')).toBe(true);
    expect(roster.shifts.every((s: { date: string }) => s.date >= '2026-02-01' && s.date <= '2026-02-28')).toBe(true);
  });

  it('drafts this month with no day left to plan, and the leader puts an agent on today by hand', async () => {
    const made = await h.call(leader, 'POST', '/api/v1/wfm/rosters', { teamId, month: '2026-01', queueIds: [queueId], share: 0.1 });
    expect(made.statusCode, made.body).toBe(200);
    expect(made.json()).toMatchObject({ month: '2026-01', status: 'draft', shifts: [], short: [] });
    const edited = await h.call(leader, 'PUT', `/api/v1/wfm/rosters/${teamId}/2026-01/shifts/${me}/2026-01-31`, { shift: '早班', note: '月末加班' });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().shifts).toEqual([expect.objectContaining({ userId: me, date: '2026-01-31', shift: '早班', start: '2026-01-31T08:30' })]);
  });

  it("a queue's calls are rostered only to the agents with every skill it requires", async () => {
    // Only 8001 speaks the queue's new language (粤语); the rest of the team may not take its calls.
    await h.t.store.query("INSERT INTO skills (id, name) VALUES ('cantonese', '粤语')");
    await h.t.store.query("INSERT INTO agent_skills (agent_id, skill_id, level) VALUES ($1, 'cantonese', 3)", [me]);
    await h.t.store.query(`UPDATE queues SET required_skills = required_skills || '[{"skillId": "cantonese", "minLevel": 2}]'::jsonb WHERE id = $1`, [queueId]);
    const made = await h.call(leader, 'POST', '/api/v1/wfm/rosters', { teamId, month: '2026-02', queueIds: [queueId], share: 0.1 });
    expect(made.statusCode, made.body).toBe(200);
    const roster = made.json();
    expect(roster.shifts.length).toBeGreaterThan(0);
    expect(new Set(roster.shifts.map((s: { userId: string }) => s.userId))).toEqual(new Set([me]));
    // Two agents at 09:00 on working days, one with the skill (four 9-hour days in a 40-hour week): every morning is short.
    const worked = new Set(roster.shifts.map((s: { date: string }) => s.date));
    const mornings = roster.short.filter((s: { start: string }) => s.start.endsWith('T09:00'));
    expect(mornings.length).toBe(20);
    for (const s of mornings) expect(s).toMatchObject({ required: 2, scheduled: worked.has(s.start.slice(0, 10)) ? 1 : 0 });
  });

  it("the leader's grid lists a morning short of the queue's skilled agents even when the team's total is enough", async () => {
    // As above: only 8001 speaks 粤语, which the queue requires.
    await h.t.store.query("INSERT INTO skills (id, name) VALUES ('cantonese', '粤语') ON CONFLICT DO NOTHING");
    await h.t.store.query("INSERT INTO agent_skills (agent_id, skill_id, level) VALUES ($1, 'cantonese', 3) ON CONFLICT DO NOTHING", [me]);
    await h.t.store.query(`UPDATE queues SET required_skills = '[{"skillId": "cantonese", "minLevel": 2}]'::jsonb WHERE id = $1`, [queueId]);
    const made = await h.call(leader, 'POST', '/api/v1/wfm/rosters', { teamId, month: '2026-02', queueIds: [queueId], share: 0.1 });
    expect(made.statusCode, made.body).toBe(200);
    const worked = new Set(made.json().shifts.map((s: { date: string }) => s.date));
    const weekdays = Array.from({ length: 28 }, (_, i) => `2026-02-${String(i + 1).padStart(2, '0')}`).filter((d) => ![0, 6].includes(new Date(`${d}T00:00Z`).getUTCDay()));
    const without = weekdays.find((d) => !worked.has(d))!;
    const withMe = weekdays.find((d) => worked.has(d))!;
    const others = (
      await h.t.store.query<{ id: string }>('SELECT u.id FROM users u JOIN agents a ON a.user_id = u.id WHERE u.team_id = $1 AND u.id <> $2 ORDER BY a.employee_no LIMIT 2', [
        teamId,
        me,
      ])
    ).map((r) => r.id);
    // The leader fills the mornings by hand with agents who do not speak 粤语: two for two required.
    for (const [userId, date] of [
      [others[0]!, without],
      [others[1]!, without],
      [others[0]!, withMe],
    ] as const) {
      const put = await h.call(leader, 'PUT', `/api/v1/wfm/rosters/${teamId}/2026-02/shifts/${userId}/${date}`, { shift: '早班', note: '' });
      expect(put.statusCode, put.body).toBe(200);
    }
    const grid = await h.call(leader, 'GET', `/api/v1/wfm/rosters/${teamId}/2026-02`);
    const roster = grid.json();
    const at = (date: string) => roster.short.filter((s: { start: string }) => s.start === `${date}T09:00`);
    const queue = [{ id: queueId, name: '售前咨询' }];
    expect(roster.coverage.find((c: { start: string }) => c.start === `${without}T09:00`)).toMatchObject({ required: 2, scheduled: 2 });
    expect(at(without)).toEqual([{ start: `${without}T09:00`, required: 2, scheduled: 0, reason: 'skill', queues: queue }]);
    expect(roster.coverage.find((c: { start: string }) => c.start === `${withMe}T09:00`)).toMatchObject({ required: 2, scheduled: 2 });
    expect(at(withMe)).toEqual([{ start: `${withMe}T09:00`, required: 2, scheduled: 1, reason: 'skill', queues: queue }]);
  });

  it('refuses a month wholly in the past, in Chinese', async () => {
    const past = await h.call(leader, 'POST', '/api/v1/wfm/rosters', { teamId, month: '2025-12', queueIds: [queueId] });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.message).toBe('2025-12 已经过去，只能排定本月和今后的班表');
  });
});
