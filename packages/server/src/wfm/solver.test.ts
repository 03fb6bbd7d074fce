import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { solveCovering, solveLp, solveRoster } from './solver';

const day = (hour: number, date = '2026-03-02') => `${date}T${String(hour).padStart(2, '0')}:00`;

describe('solveCovering', () => {
  it('covers a day at least cost: the case solved by hand', async () => {
    // 08-12 need 2, 12-16 need 5, 16-20 need 3. 早班 08-16 (8 h), 晚班 12-20 (8 h), 中班 10-18 at 6.
    // 早班 must cover 08-12 twice (中班 starts at 10), 晚班 16-20 three times: 2 + 3 = 5 covers 12-16, cost 40.
    const requirements = [8, 9, 10, 11]
      .map((h) => ({ start: day(h), agents: 2 }))
      .concat(
        [12, 13, 14, 15].map((h) => ({ start: day(h), agents: 5 })),
        [16, 17, 18, 19].map((h) => ({ start: day(h), agents: 3 })),
      );
    const shifts = [
      { name: '早班', start: '08:00', end: '16:00' },
      { name: '晚班', start: '12:00', end: '20:00' },
      { name: '中班', start: '10:00', end: '18:00', cost: 6 },
    ];
    const result = await solveCovering(requirements, shifts);
    expect(result).toMatchObject({
      status: 'optimal',
      objective: 40,
      assignments: [
        { day: '2026-03-02', shift: '早班', agents: 2 },
        { day: '2026-03-02', shift: '晚班', agents: 3 },
      ],
    });
    expect(result.coverage.find((c) => c.start === day(12))).toEqual({ start: day(12), required: 5, scheduled: 5 });
    // With 中班 cheaper still, it takes the middle: 2 早班 + 3 晚班 stays, since 中班 cannot reach 08:00 or 19:00.
    const cheap = await solveCovering(requirements, [shifts[0]!, shifts[1]!, { ...shifts[2]!, cost: 1 }]);
    expect(cheap.objective).toBe(40);
  });

  it('a night shift crossing midnight covers the early hours of the next day, and of the first day from the day before', async () => {
    const requirements = [
      { start: day(1), agents: 2 },
      { start: day(23), agents: 1 },
      { start: day(1, '2026-03-03'), agents: 1 },
    ];
    const result = await solveCovering(requirements, [{ name: '夜班', start: '22:00', end: '06:00' }]);
    expect(result.status).toBe('optimal');
    expect(result.assignments).toEqual([
      { day: '2026-03-01', shift: '夜班', agents: 2 },
      { day: '2026-03-02', shift: '夜班', agents: 1 },
    ]);
    expect(result.objective).toBe(24);
  });

  it('says which interval makes it infeasible', async () => {
    const result = await solveCovering(
      [
        { start: day(7), agents: 1 },
        { start: day(9), agents: 1 },
      ],
      [{ name: '早班', start: '08:30', end: '17:30' }],
    );
    expect(result).toMatchObject({ status: 'infeasible', objective: null, assignments: [] });
    // 09:00 is covered; 07:00 is before any shift, and an hour from 08:00 is not covered whole by 08:30.
    expect(result.reasons).toEqual(['no shift covers the interval at 2026-03-02T07:00, which requires agents']);
  });

  it('finds the same optimum as a brute-force search on small random cases', async () => {
    const shift = fc
      .tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 9 }))
      .map(([from, length, cost]) => ({ from, to: Math.min(6, from + length), cost }));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 6, maxLength: 6 }), fc.array(shift, { minLength: 1, maxLength: 3 }), async (need, raw) => {
        const shifts = raw.map((s, i) => ({ name: `s${i}`, start: `${String(8 + s.from).padStart(2, '0')}:00`, end: `${String(8 + s.to).padStart(2, '0')}:00`, cost: s.cost }));
        const requirements = need.map((agents, h) => ({ start: day(8 + h), agents }));
        const result = await solveCovering(requirements, shifts);
        // Every count from 0 to 3 for every shift: enough, since no interval needs more than 3.
        let best = Number.POSITIVE_INFINITY;
        const counts = raw.map(() => 0);
        const visit = (k: number): void => {
          if (k === raw.length) {
            const covered = need.every((n, h) => raw.reduce((sum, s, i) => sum + (s.from <= h && h < s.to ? counts[i]! : 0), 0) >= n);
            if (covered)
              best = Math.min(
                best,
                raw.reduce((sum, s, i) => sum + s.cost * counts[i]!, 0),
              );
            return;
          }
          for (let c = 0; c <= 3; c++) {
            counts[k] = c;
            visit(k + 1);
          }
        };
        visit(0);
        if (best === Number.POSITIVE_INFINITY) expect(result.status).toBe('infeasible');
        else {
          expect(result.status).toBe('optimal');
          expect(result.objective).toBe(best);
          for (const c of result.coverage) expect(c.scheduled).toBeGreaterThanOrEqual(c.required);
        }
      }),
      { numRuns: 60, seed: 15 },
    );
  });

  it('solveLp reports an infeasible model as such', async () => {
    expect((await solveLp('Minimize\n obj: x\nSubject To\n c1: x >= 2\n c2: x <= 1\nEnd')).status).toBe('infeasible');
  });
});

describe('solveRoster', () => {
  const shifts = [
    { name: '早班', start: '08:00', end: '16:00' },
    { name: '晚班', start: '14:00', end: '22:00' },
    { name: '夜班', start: '22:00', end: '08:00', cost: 12 },
  ];
  /** Monday 2 to Sunday 15 March 2026: 2 agents 08-14, 3 at 14-16, 1 until 22:00 and 1 at night. */
  const requirements = Array.from({ length: 14 }, (_, d) => `2026-03-${String(2 + d).padStart(2, '0')}`).flatMap((date) =>
    Array.from({ length: 24 }, (_, h) => ({ start: `${date}T${String(h).padStart(2, '0')}:00`, agents: h < 8 || h >= 22 ? 1 : h < 14 ? 2 : h < 16 ? 3 : 1 })),
  );
  const minutes = (local: string) => Date.parse(`${local}:00Z`) / 60_000;

  it('covers every interval while keeping every rule of every agent', async () => {
    const agents = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((id) => ({
      id,
      unavailable: id === 'a' ? ['2026-03-04', '2026-03-05'] : [],
      excludedShifts: id === 'b' ? ['夜班'] : [],
    }));
    const roster = await solveRoster({ agents, from: '2026-03-02', to: '2026-03-15', shifts, requirements });
    // Only the first night before 08:00 is short: its shift would start on 1 March, before the roster.
    expect(roster.short).toEqual(Array.from({ length: 8 }, (_, h) => ({ start: `2026-03-02T0${h}:00`, required: 1, scheduled: 0 })));
    for (const agent of agents) {
      const mine = roster.shifts.filter((s) => s.agentId === agent.id).sort((x, y) => x.start.localeCompare(y.start));
      expect(new Set(mine.map((s) => s.date)).size).toBe(mine.length);
      for (let i = 1; i < mine.length; i++) expect(minutes(mine[i]!.start) - minutes(mine[i - 1]!.end)).toBeGreaterThanOrEqual(11 * 60);
      for (const week of [
        ['2026-03-02', '2026-03-08'],
        ['2026-03-09', '2026-03-15'],
      ]) {
        const days = mine.filter((s) => s.date >= week[0]! && s.date <= week[1]!);
        expect(days.length).toBeLessThanOrEqual(5);
        expect(days.length * 8).toBeLessThanOrEqual(40 + 10);
      }
      for (const s of mine) expect(agent.unavailable).not.toContain(s.date);
    }
    expect(roster.shifts.filter((s) => s.agentId === 'b' && s.shift === '夜班')).toEqual([]);
    // Every interval covered: count the shifts spanning each hour.
    for (const r of requirements) {
      const at = minutes(r.start);
      if (r.start >= '2026-03-02T08:00') expect(roster.shifts.filter((s) => minutes(s.start) <= at && at + 60 <= minutes(s.end)).length).toBeGreaterThanOrEqual(r.agents);
    }
  });

  it('says where the people and rules fall short instead of failing', async () => {
    const roster = await solveRoster({ agents: [{ id: 'a' }], from: '2026-03-02', to: '2026-03-02', shifts, requirements: requirements.slice(0, 24) });
    // One agent, one 8-hour shift a day: early or late, each takes 8 agent-hours off the shortage.
    expect(roster.shifts).toHaveLength(1);
    const missing = roster.short.reduce((sum, s) => sum + s.required - s.scheduled, 0);
    expect(missing).toBe(requirements.slice(0, 24).reduce((sum, r) => sum + r.agents, 0) - 8);
    expect(roster.short.find((s) => s.start === '2026-03-02T23:00')).toEqual({ start: '2026-03-02T23:00', required: 1, scheduled: 0 });
  });

  /** Hourly requirement rows from `from` to `to` o'clock on each date. */
  const hours = (dates: readonly string[], from: number, to: number, agents = 1, skill?: string) =>
    dates.flatMap((date) => Array.from({ length: to - from }, (_, i) => ({ start: day(from + i, date), agents, ...(skill ? { skill } : {}) })));
  const week = (first: number, count: number) => Array.from({ length: count }, (_, i) => `2026-03-${String(first + i).padStart(2, '0')}`);
  const missing = (roster: { short: { required: number; scheduled: number }[] }) => roster.short.reduce((sum, s) => sum + s.required - s.scheduled, 0);
  const nine = [{ name: '白班', start: '09:00', end: '18:00' }];

  it('the rest between shifts decides: one agent cannot close at 23:00 and open at 07:00, two can', async () => {
    const shifts = [
      { name: '早班', start: '07:00', end: '15:00' },
      { name: '晚班', start: '15:00', end: '23:00' },
    ];
    const requirements = [...hours(['2026-03-02'], 15, 23), ...hours(['2026-03-03'], 7, 15)];
    const alone = await solveRoster({ agents: [{ id: 'a' }], from: '2026-03-02', to: '2026-03-03', shifts, requirements });
    // Either shift, not both: 8 hours of rest < 11. One of the two 8-hour stretches stays short.
    expect(alone).toMatchObject({ status: 'optimal' });
    expect(alone.shifts).toHaveLength(1);
    expect(missing(alone)).toBe(8);
    const two = await solveRoster({ agents: [{ id: 'a' }, { id: 'b' }], from: '2026-03-02', to: '2026-03-03', shifts, requirements });
    expect(two.short).toEqual([]);
    expect(new Set(two.shifts.map((s) => s.agentId)).size).toBe(2);
  });

  it("the week's hours decide: 9-hour days under 20 hours a week are two days, not the two and a bit the hours alone would allow", async () => {
    const requirements = hours(week(2, 5), 9, 17);
    const one = await solveRoster({ agents: [{ id: 'a', maxHoursPerWeek: 20 }], from: '2026-03-02', to: '2026-03-06', shifts: nine, requirements });
    expect(one.status).toBe('optimal');
    expect(one.shifts).toHaveLength(2);
    expect(missing(one)).toBe(3 * 8);
    const two = await solveRoster({
      agents: [
        { id: 'a', maxHoursPerWeek: 20 },
        { id: 'b', maxHoursPerWeek: 20 },
      ],
      from: '2026-03-02',
      to: '2026-03-06',
      shifts: nine,
      requirements,
    });
    expect(two.shifts).toHaveLength(4);
    expect(missing(two)).toBe(8);
  });

  it('days in a row decide across the turn of the week: three on, one off over ten days is eight days', async () => {
    // Monday 2 to Wednesday 11 March: at most 3 days in a row, so at most 8 of 10 (1-3, 5-7, 9-10), the second week starting with the run before it.
    const agent = { id: 'a', maxDaysPerWeek: 7, maxHoursPerWeek: 84 };
    const roster = await solveRoster({
      agents: [agent],
      from: '2026-03-02',
      to: '2026-03-11',
      shifts: nine,
      requirements: hours(week(2, 10), 9, 17),
      rules: { maxConsecutiveDays: 3 },
    });
    expect(roster.status).toBe('optimal');
    expect(roster.shifts).toHaveLength(8);
    expect(missing(roster)).toBe(2 * 8);
    const worked = new Set(roster.shifts.map((s) => s.date));
    for (const d of week(2, 7)) expect([d, ...week(Number(d.slice(8)) + 1, 3)].every((x) => worked.has(x))).toBe(false);
  });

  it('skills decide who works when: each queue only by agents with its skill, and an agent with both answers one at a time', async () => {
    const agents = [
      { id: 'sales', skills: ['售前'], maxDaysPerWeek: 1 },
      { id: 'care', skills: ['售后'], maxDaysPerWeek: 1 },
    ];
    // Monday needs 售前, Tuesday 售后: each agent works the day of their own skill.
    const requirements = [...hours(['2026-03-02'], 9, 17, 1, '售前'), ...hours(['2026-03-03'], 9, 17, 1, '售后')];
    const roster = await solveRoster({ agents, from: '2026-03-02', to: '2026-03-03', shifts: nine, requirements });
    expect(roster.status).toBe('optimal');
    expect(roster.short).toEqual([]);
    expect(roster.shifts.map((s) => [s.agentId, s.date])).toEqual([
      ['sales', '2026-03-02'],
      ['care', '2026-03-03'],
    ]);
    // Both queues at once on Monday: the agent with both skills counts once, so the 售前 agent works too.
    const both = [
      { id: 'sales', skills: ['售前'] },
      { id: 'all', skills: ['售前', '售后'] },
    ];
    const monday = [...hours(['2026-03-02'], 9, 17, 1, '售前'), ...hours(['2026-03-02'], 9, 17, 1, '售后')];
    const together = await solveRoster({ agents: both, from: '2026-03-02', to: '2026-03-02', shifts: nine, requirements: monday });
    expect(together.short).toEqual([]);
    expect(together.shifts.map((s) => s.agentId).sort()).toEqual(['all', 'sales']);
    // Without the 售前 agent (on leave), the pair of queues is short by one, named.
    const away = await solveRoster({ agents: [{ ...both[0]!, unavailable: ['2026-03-02'] }, both[1]!], from: '2026-03-02', to: '2026-03-02', shifts: nine, requirements: monday });
    expect(away.shifts.map((s) => s.agentId)).toEqual(['all']);
    expect(away.short).toHaveLength(8);
    expect(away.short[0]).toEqual({ start: day(9), required: 2, scheduled: 1, skill: '售前+售后' });
  });

  it('a requirement without a skill is anyone’s, and agents without the skill do not count for a queue', async () => {
    const agents = [{ id: 'new' }, { id: 'old', skills: ['售后'] }];
    const requirements = hours(['2026-03-02'], 9, 17, 2, '售后');
    const roster = await solveRoster({ agents, from: '2026-03-02', to: '2026-03-02', shifts: nine, requirements });
    expect(roster.shifts.map((s) => s.agentId)).toEqual(['old']);
    expect(roster.short[0]).toEqual({ start: day(9), required: 2, scheduled: 1, skill: '售后' });
    const anyone = await solveRoster({ agents, from: '2026-03-02', to: '2026-03-02', shifts: nine, requirements: hours(['2026-03-02'], 9, 17, 2) });
    expect(anyone.short).toEqual([]);
    expect(anyone.shifts).toHaveLength(2);
  });
});
