import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultDisciplineCatalogue, DisciplineError, monthTotals, nextPointStatus, pointStatuses, proposeItems, weekOf, type PointStatus, type ProposalInput } from './index';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('the default catalogue', () => {
  it('has the thirteen rules of 工作现场管理规定 with the points the seed gives each', () => {
    const site = defaultDisciplineCatalogue.filter((r) => r.code.startsWith('XC-'));
    expect(site.map((r) => r.points)).toEqual([2, 2, 2, 2, 2, 2, 2, 2, 3, 2, 3, 10, 1]);
    expect(new Set(defaultDisciplineCatalogue.map((r) => r.code)).size).toBe(defaultDisciplineCatalogue.length);
    expect(site.filter((r) => r.afterWarning).map((r) => r.code)).toEqual(['XC-03', 'XC-07']);
    for (const r of defaultDisciplineCatalogue) {
      expect(r.text).toMatch(/[\u4e00-\u9fff]/);
      expect(r.active).toBe(true);
    }
  });
});

describe('contests and totals', () => {
  it('lets the agent contest once with a reason; the leader upholds or withdraws', () => {
    expect(nextPointStatus('recorded', { type: 'contest', reason: '当时在处理投诉' })).toBe('contested');
    expect(() => nextPointStatus('recorded', { type: 'contest', reason: '  ' })).toThrow(DisciplineError);
    expect(() => nextPointStatus('contested', { type: 'contest', reason: '再次申诉' })).toThrow('已在申诉中');
    expect(() => nextPointStatus('upheld', { type: 'contest', reason: '不服' })).toThrow(DisciplineError);
    expect(nextPointStatus('contested', { type: 'uphold' })).toBe('upheld');
    expect(() => nextPointStatus('recorded', { type: 'uphold' })).toThrow(DisciplineError);
    expect(nextPointStatus('contested', { type: 'withdraw' })).toBe('withdrawn');
    expect(nextPointStatus('recorded', { type: 'withdraw' })).toBe('withdrawn');
    expect(() => nextPointStatus('withdrawn', { type: 'withdraw' })).toThrow('已撤销');
  });

  it('sums a month per agent: contested items count, withdrawn ones do not, agents asked for without items are 0', () => {
    const totals = monthTotals(
      [
        { agentId: 'a1', points: 2, status: 'recorded' },
        { agentId: 'a1', points: 3, status: 'contested' },
        { agentId: 'a1', points: 10, status: 'withdrawn' },
        { agentId: 'a2', points: 1, status: 'upheld' },
      ],
      ['a1', 'a2', 'a3'],
    );
    expect(Object.fromEntries(totals)).toEqual({ a1: 5, a2: 1, a3: 0 });
  });

  it('a total equals the points of the items that are not withdrawn, whatever the mix', () => {
    const item = fc.record({ agentId: fc.constantFrom('a1', 'a2'), points: fc.integer({ min: 0, max: 10 }), status: fc.constantFrom<PointStatus>(...pointStatuses) });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 30 }), (items) => {
        const totals = monthTotals(items);
        const a1 = items.filter((i) => i.agentId === 'a1' && i.status !== 'withdrawn').reduce((s, i) => s + i.points, 0);
        expect(totals.get('a1') ?? 0).toBe(a1);
      }),
    );
  });

  it('starts the week of the model agent (树标杆) on its Monday', () => {
    expect(weekOf('2026-01-08')).toBe('2026-01-05');
    expect(weekOf('2026-01-11')).toBe('2026-01-05');
    expect(weekOf('2026-01-05')).toBe('2026-01-05');
  });
});

describe('proposals from the system’s data', () => {
  const nine = Date.UTC(2026, 0, 5, 1, 0);
  const shift = (agentId: string, start = nine) => ({ agentId, start, end: start + 9 * HOUR });
  const base: ProposalInput = { catalogue: defaultDisciplineCatalogue, stateChanges: [], shifts: [], loggedIn: new Map(), now: nine + 10 * HOUR, graceMinutes: 5 };

  it('proposes a not-ready without the agent’s reason and one only the system sets, not a break the agent chose', () => {
    const proposals = proposeItems({
      ...base,
      stateChanges: [
        { agentId: 'a1', at: nine + HOUR, to: 'not_ready', notReadyReason: 'meal' },
        { agentId: 'a1', at: nine + 2 * HOUR, to: 'not_ready', notReadyReason: 'no_answer' },
        { agentId: 'a2', at: nine + 3 * HOUR, to: 'not_ready', notReadyReason: null },
        { agentId: 'a2', at: nine + 4 * HOUR, to: 'ready', notReadyReason: null },
      ],
    });
    expect(proposals.map((p) => [p.agentId, p.ruleCode, p.occurredAt - nine, p.detail])).toEqual([
      ['a1', 'GL-05', 2 * HOUR, { reason: 'no_answer' }],
      ['a2', 'GL-05', 3 * HOUR, { reason: null }],
    ]);
    expect(new Set(proposals.map((p) => p.key)).size).toBe(2);
  });

  it('proposes a late login against the published shift beyond the grace period, not a punctual one, an absence or a shift not yet judged', () => {
    const loggedIn = new Map([
      ['late', [{ start: nine + 12 * MINUTE, end: nine + 9 * HOUR }]],
      ['grace', [{ start: nine + 4 * MINUTE, end: nine + 9 * HOUR }]],
      ['absent', []],
    ]);
    const shifts = [shift('late'), shift('grace'), shift('absent'), shift('tomorrow', nine + 24 * HOUR), shift('nobody-yet', nine + 9 * HOUR)];
    const proposals = proposeItems({ ...base, shifts, loggedIn });
    expect(proposals).toEqual([
      {
        kind: 'late_login',
        agentId: 'late',
        ruleCode: 'KQ-01',
        occurredAt: nine,
        key: `late_login:late:${nine}`,
        detail: { lateMinutes: 12, shiftStart: nine, shiftEnd: nine + 9 * HOUR },
      },
    ]);
  });

  it('proposes nothing for a rule the center switched off', () => {
    const catalogue = defaultDisciplineCatalogue.map((r) => ({ ...r, active: r.code !== 'KQ-01' && r.code !== 'GL-05' }));
    const proposals = proposeItems({
      ...base,
      catalogue,
      stateChanges: [{ agentId: 'a1', at: nine, to: 'not_ready', notReadyReason: null }],
      shifts: [shift('late')],
      loggedIn: new Map([['late', [{ start: nine + 30 * MINUTE, end: nine + HOUR }]]]),
    });
    expect(proposals).toEqual([]);
  });
});
