import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FloorAgent, FloorPatch, Roster } from '@banzu/contract';
import type { Actor } from '@banzu/core';
import { openTestApp, type TestApp } from '../http/testing';
import { backends } from '../store/testing';

const MIN = 60_000;

describe.each(backends)('the scheduled breaks reach the wallboard with the roster event that carries them ($name)', (backend) => {
  let h: TestApp;
  let leader: string;
  let leaderActor: Actor;
  let agentId: string;
  let teamId: string;
  /** What an open wallboard was sent for each roster event, in the same tick the feed applied it. */
  const patches: FloorPatch[] = [];
  /** 09:00 Shanghai on Monday 5 January 2026, the test clock's start. */
  const nine = Date.UTC(2026, 0, 5, 1, 0);

  const settle = async () => {
    const feed = h.app.floor!.feed;
    for (let i = 0; i < 200 && feed.snapshot(leaderActor).seq < (await h.app.banzu.log.head()); i++) await new Promise((r) => setTimeout(r, 10));
  };
  const sent = (): FloorAgent => patches.at(-1)!.agents!.find((a) => a.agentId === agentId)!;

  beforeAll(async () => {
    h = await openTestApp(backend, { floor: true });
    leader = await h.login('leader1');
    const me = (await h.call(await h.login('8001'), 'GET', '/api/v1/auth/me')).json() as { id: string; teamId: string };
    [agentId, teamId] = [me.id, me.teamId];
    const [leaderRow] = await h.t.store.query<{ id: string }>("SELECT id FROM users WHERE username = 'leader1'");
    leaderActor = { userId: leaderRow!.id, role: 'team_leader', teamId };
    // A draft with 早班 09:00-18:00 today, lunch 12:00-13:00 placed, as generation stores it.
    await h.t.store.query(`INSERT INTO wfm_rosters (team_id, month, status, shift_templates, generated_at) VALUES ($1, '2026-01', 'draft', $2, $3)`, [
      teamId,
      JSON.stringify([
        { name: '早班', start: '09:00', end: '18:00', breaks: [{ name: '午休', minutes: 60, earliest: '12:00', latest: '13:00' }] },
        { name: '中班', start: '11:00', end: '20:00', breaks: [{ name: '晚饭', minutes: 30, earliest: '16:00', latest: '16:30' }] },
      ]),
      new Date(nine - 86_400_000),
    ]);
    await h.t.store.query(
      `INSERT INTO wfm_roster_shifts (team_id, month, user_id, date, shift, starts_at, ends_at, breaks) VALUES ($1, '2026-01', $2, '2026-01-05', '早班', $3, $4, $5)`,
      [
        teamId,
        agentId,
        new Date(nine),
        new Date(nine + 9 * 60 * MIN),
        JSON.stringify([{ name: '午休', start: new Date(nine + 3 * 60 * MIN), end: new Date(nine + 4 * 60 * MIN) }]),
      ],
    );
    const feed = h.app.floor!.feed;
    feed.onApplied((events) => {
      for (const e of events) {
        if (e.type !== 'roster.published' && e.type !== 'roster.changed') continue;
        const patch = feed.project(leaderActor, e) as FloorPatch | null;
        if (patch) patches.push(structuredClone(patch));
      }
    });
  });
  afterAll(() => h.close());

  it('publishing sends the shift with its lunch at once, and at 12:00 the wallboard expects the agent on 午休', async () => {
    expect((await h.call(leader, 'POST', `/api/v1/wfm/rosters/${teamId}/2026-01/publish`)).statusCode).toBe(200);
    await settle();
    expect(patches).toHaveLength(1);
    expect(sent().schedule).toEqual([{ start: nine, end: nine + 9 * 60 * MIN, breaks: [{ name: '午休', start: nine + 3 * 60 * MIN, end: nine + 4 * 60 * MIN }] }]);
    h.clock.advance(3 * 60 * MIN + 5 * MIN);
    const state = h.app.floor!.feed.snapshot(leaderActor).state.agents.find((a) => a.agentId === agentId)!;
    expect(state.adherence).toMatchObject({ activity: 'break', breakName: '午休' });
  });

  it("the leader's change of the day after publishing sends the new shift's break in the same patch", async () => {
    const res = await h.call(leader, 'PUT', `/api/v1/wfm/rosters/${teamId}/2026-01/shifts/${agentId}/2026-01-05`, { shift: '中班', note: '调到中班' });
    expect(res.statusCode, res.body).toBe(200);
    await settle();
    const day = (res.json() as Roster).shifts.find((s) => s.userId === agentId && s.date === '2026-01-05')!;
    expect(day.breaks).toEqual([{ name: '晚饭', start: '2026-01-05T16:00', end: '2026-01-05T16:30' }]);
    expect(patches).toHaveLength(2);
    expect(sent().schedule).toEqual([
      { start: nine + 2 * 60 * MIN, end: nine + 11 * 60 * MIN, breaks: [{ name: '晚饭', start: nine + 7 * 60 * MIN, end: nine + 7.5 * 60 * MIN }] },
    ]);
  });
});
