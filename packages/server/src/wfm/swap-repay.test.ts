import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShiftSwap } from '@banzu/contract';
import { openTestApp, type TestApp } from '../http/testing';
import { backends } from '../store/testing';

describe.each(backends)('换班 as seed 003 words it: 月换班不得超过1个班次，并应在一个月内还班 ($name)', (backend) => {
  let h: TestApp;
  let leader: string;
  const a = { token: '', id: '' };
  const b = { token: '', id: '' };
  const c = { token: '', id: '' };
  let teamId: string;
  let cover: ShiftSwap;

  const call = async <T>(token: string, method: string, url: string, body?: unknown, status = 200): Promise<T> => {
    const res = await h.call(token, method, url, body);
    expect(res.statusCode, res.body).toBe(status);
    return res.json() as T;
  };
  const refused = async (token: string, body: unknown, text: string) => {
    const res = await h.call(token, 'POST', '/api/v1/wfm/swaps', body);
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error.message).toContain(text);
  };

  beforeAll(async () => {
    h = await openTestApp(backend);
    leader = await h.login('leader1');
    const rows = await h.t.store.query<{ id: string; no: string; teamId: string }>(
      "SELECT a.user_id AS id, a.employee_no AS no, u.team_id AS \"teamId\" FROM agents a JOIN users u ON u.id = a.user_id WHERE a.employee_no IN ('8001', '8002', '8003') ORDER BY a.employee_no",
    );
    for (const [person, row] of [a, b, c].map((p, i) => [p, rows[i]!] as const)) Object.assign(person, { id: row.id, token: await h.login(row.no) });
    teamId = rows[0]!.teamId;
    // Published February and March, 早班 09:00-18:00: A on 10 and 14 Feb, 10 and 25 March; B on 5 and 20 March; C on 12 Feb.
    const shifts: [string, string][] = [
      [a.id, '2026-02-10'],
      [a.id, '2026-02-14'],
      [a.id, '2026-03-10'],
      [a.id, '2026-03-25'],
      [b.id, '2026-03-05'],
      [b.id, '2026-03-20'],
      [c.id, '2026-02-12'],
    ];
    for (const month of ['2026-02', '2026-03']) {
      await h.t.store.query(`INSERT INTO wfm_rosters (team_id, month, status, shift_templates, generated_at, published_at) VALUES ($1, $2, 'published', $3, $4, $4)`, [
        teamId,
        month,
        JSON.stringify([{ name: '早班', start: '09:00', end: '18:00' }]),
        new Date(h.clock.now()),
      ]);
    }
    for (const [userId, date] of shifts) {
      const start = Date.parse(`${date}T01:00:00Z`);
      await h.t.store.query(`INSERT INTO wfm_roster_shifts (team_id, month, user_id, date, shift, starts_at, ends_at) VALUES ($1, $2, $3, $4, '早班', $5, $6)`, [
        teamId,
        date.slice(0, 7),
        userId,
        date,
        new Date(start),
        new Date(start + 9 * 3_600_000),
      ]);
    }
  });
  afterAll(() => h.close());

  it('B covers A on 10 February, to be repaid by 10 March; A may not swap again in February', async () => {
    cover = await call<ShiftSwap>(a.token, 'POST', '/api/v1/wfm/swaps', { partnerId: b.id, requesterDate: '2026-02-10', reason: '家里有事' }, 201);
    await call(b.token, 'POST', `/api/v1/wfm/swaps/${cover.id}/consent`);
    expect(await call<ShiftSwap>(leader, 'POST', `/api/v1/wfm/swaps/${cover.id}/approve`)).toMatchObject({ status: 'approved', repayBy: '2026-03-10' });
    await refused(a.token, { partnerId: c.id, requesterDate: '2026-02-14' }, '每月换班不得超过 1 次');
    // A second one that slipped in beside the first (two proposals at the same moment) is refused at approval.
    const [slipped] = await h.t.store.query<{ id: string }>(
      `INSERT INTO wfm_swaps (team_id, requester_id, partner_id, requester_date, partner_date, reason, status, requested_at, consented_at)
       VALUES ($1, $2, $3, '2026-02-14', NULL, '', 'consented', $4, $4) RETURNING id`,
      [teamId, a.id, c.id, new Date(h.clock.now())],
    );
    const approval = await h.call(leader, 'POST', `/api/v1/wfm/swaps/${slipped!.id}/approve`);
    expect(approval.statusCode).toBe(409);
    expect(approval.json().error.message).toMatch(/^每月换班不得超过 1 次：.+ 2026-02 已有换班获批$/);
    await h.t.store.query("UPDATE wfm_swaps SET status = 'cancelled' WHERE id = $1", [slipped!.id]);
  });

  it('a repayment after the month is refused, naming the deadline; one within it is taken', async () => {
    await refused(b.token, { partnerId: a.id, requesterDate: '2026-03-20', repays: cover.id }, '2026-02-10 的替班应在 2026-03-10 前还，2026-03-20 已超过期限');
    expect(await call<ShiftSwap>(b.token, 'POST', '/api/v1/wfm/swaps', { partnerId: a.id, requesterDate: '2026-03-05', repays: cover.id }, 201)).toMatchObject({
      status: 'proposed',
      repays: cover.id,
    });
  });

  it('once the deadline has passed unrepaid, A may swap nothing until the cover is repaid', async () => {
    h.clock.advance(Date.parse('2026-03-11T02:00:00Z') - h.clock.now());
    a.token = await h.login('8001');
    await refused(a.token, { partnerId: c.id, requesterDate: '2026-03-25' }, '应在 2026-03-10 前还班');
  });
});
