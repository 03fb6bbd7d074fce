import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { solveCovering, solveLp } from './solver';

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
