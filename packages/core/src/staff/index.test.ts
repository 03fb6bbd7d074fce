import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addTallies, computeMetrics, defaultMetricParameters } from '../metrics/index';
import { builtinRubrics, interviewRanking, rowDays, rubricProblem, scoreProblem, staffRecordProblem, teamLeaderRubric, teamSpells, tenureMonths, type StaffDates } from './index';

const record = (patch: Partial<StaffDates>): StaffDates => ({
  hireDate: '2026-03-01',
  probationEnd: null,
  probationOutcome: 'pending',
  leaveDate: null,
  leaveCategory: null,
  ...patch,
});

describe('staff records', () => {
  it('refuses a leaving date before the hire date, a leave without a reason category, and an extension without a new end, naming the dates', () => {
    expect(staffRecordProblem(record({ leaveDate: '2026-02-28', leaveCategory: 'resigned' }))).toEqual({
      code: 'leave_before_hire',
      params: { leaveDate: '2026-02-28', hireDate: '2026-03-01' },
    });
    expect(staffRecordProblem(record({ leaveDate: '2026-03-01', leaveCategory: 'resigned' }))).toBeNull();
    expect(staffRecordProblem(record({ leaveDate: '2026-04-01' }))?.code).toBe('leave_needs_category');
    expect(staffRecordProblem(record({ probationEnd: '2026-02-01' }))).toEqual({ code: 'probation_before_hire', params: { probationEnd: '2026-02-01', hireDate: '2026-03-01' } });
    expect(staffRecordProblem(record({ probationOutcome: 'extended' }))?.code).toBe('extension_needs_end');
  });

  it('counts tenure in completed months, up to the leaving date', () => {
    expect(tenureMonths('2025-11-15', null, '2026-01-14')).toBe(1);
    expect(tenureMonths('2025-11-15', null, '2026-01-15')).toBe(2);
    expect(tenureMonths('2025-11-15', '2025-12-20', '2026-06-01')).toBe(1);
    expect(tenureMonths('2026-02-01', null, '2026-01-01')).toBe(0);
  });

  it('splits employment by the team the agent was in each local day; a move late in the evening UTC counts on the next Shanghai day', () => {
    const spells = teamSpells(
      {
        agentId: 'a1',
        hireDate: '2026-01-01',
        leaveDate: '2026-02-15',
        teamId: 't3',
        // 17:00 UTC on 9 January is 01:00 on 10 January in Shanghai.
        moves: [
          { at: Date.UTC(2026, 0, 9, 17), fromTeamId: 't1', toTeamId: 't2' },
          { at: Date.UTC(2026, 1, 1, 2), fromTeamId: 't2', toTeamId: 't3' },
        ],
      },
      'Asia/Shanghai',
    );
    expect(spells).toEqual([
      { agentId: 'a1', teamId: 't1', firstDay: '2026-01-01', lastDay: '2026-01-09', leaves: false },
      { agentId: 'a1', teamId: 't2', firstDay: '2026-01-10', lastDay: '2026-01-31', leaves: false },
      { agentId: 'a1', teamId: 't3', firstDay: '2026-02-01', lastDay: '2026-02-15', leaves: true },
    ]);
    // Without moves: one open spell in the current team; a move before the hire date sets the starting team.
    expect(teamSpells({ agentId: 'a2', hireDate: '2026-01-05', leaveDate: null, teamId: 't1', moves: [] }, 'Asia/Shanghai')).toEqual([
      { agentId: 'a2', teamId: 't1', firstDay: '2026-01-05', lastDay: null, leaves: false },
    ]);
    expect(
      teamSpells({ agentId: 'a3', hireDate: '2026-01-05', leaveDate: null, teamId: 't2', moves: [{ at: Date.UTC(2025, 11, 1), fromTeamId: 't1', toTeamId: 't2' }] }, 'UTC')[0]!
        .teamId,
    ).toBe('t2');
  });

  it('covers every employed day exactly once, whatever the moves', () => {
    const day = fc.integer({ min: 0, max: 120 }).map((d) => new Date(Date.UTC(2026, 0, 1 + d)).toISOString().slice(0, 10));
    fc.assert(
      fc.property(
        day,
        fc.option(fc.integer({ min: 0, max: 90 })),
        fc.array(fc.record({ d: fc.integer({ min: -30, max: 150 }), to: fc.constantFrom('t1', 't2', 't3') }), { maxLength: 6 }),
        (hire, stay, raw) => {
          const leave = stay === null ? null : new Date(Date.parse(hire) + stay * 86_400_000).toISOString().slice(0, 10);
          const moves = raw.map((m, i) => ({ at: Date.UTC(2026, 0, 1 + m.d, 4, i), fromTeamId: 't0', toTeamId: m.to }));
          const spells = teamSpells({ agentId: 'a', hireDate: hire, leaveDate: leave, teamId: 't1', moves }, 'UTC');
          expect(spells[0]!.firstDay).toBe(hire);
          expect(spells.at(-1)!.lastDay).toBe(leave);
          expect(spells.filter((s) => s.leaves).length).toBe(leave === null ? 0 : 1);
          const days = spells.reduce((sum, s) => sum + ((s.lastDay === null ? Date.parse('2026-12-31') : Date.parse(s.lastDay)) - Date.parse(s.firstDay)) / 86_400_000 + 1, 0);
          const expected = ((leave === null ? Date.parse('2026-12-31') : Date.parse(leave)) - Date.parse(hire)) / 86_400_000 + 1;
          expect(days).toBe(expected);
        },
      ),
    );
  });
});

describe('turnover', () => {
  it('is leavers over the average headcount of the row’s days (agentTurnover)', () => {
    // 3 leavers, 300 agent-days in a 30-day month: an average of 10 agents, 30% turnover.
    const tally = addTallies({ leavers: 3, headcountDays: 300 });
    expect(computeMetrics(tally, { ...defaultMetricParameters, periodDays: 30 }).agentTurnover).toBeCloseTo(0.3);
    expect(computeMetrics(tally).agentTurnover).toBeNull();
    expect(computeMetrics(addTallies({ leavers: 0, headcountDays: 0 }), { ...defaultMetricParameters, periodDays: 30 }).agentTurnover).toBeNull();
  });

  it('knows the days a report row covers within the range', () => {
    expect(rowDays('month', '2026-02', '2026-01-15', '2026-03-31')).toBe(28);
    expect(rowDays('month', '2026-01', '2026-01-15', '2026-03-31')).toBe(17);
    expect(rowDays('week', '2026-01-05', '2026-01-07', '2026-01-31')).toBe(5);
    expect(rowDays('day', '2026-01-07', '2026-01-01', '2026-01-31')).toBe(1);
    expect(rowDays('team', 't1', '2026-01-01', '2026-12-31')).toBe(365);
  });
});

describe('promotion interviews', () => {
  const [required, q1] = teamLeaderRubric.questions as [(typeof teamLeaderRubric.questions)[0], (typeof teamLeaderRubric.questions)[0]];

  it('ships seed 000’s two rubrics: a required question of 20 points in four bands, random ones of 10, the reference answer', () => {
    expect(builtinRubrics.map((r) => rubricProblem(r.questions))).toEqual([null, null]);
    expect(required.maxPoints).toBe(20);
    expect(required.bands.map((b) => `${b.min}-${b.max}`)).toEqual(['16-20', '8-15', '4-7', '0-3']);
    expect(teamLeaderRubric.questions.filter((q) => q.kind === 'random').map((q) => q.maxPoints)).toEqual([10, 10, 10, 10, 10]);
    expect(teamLeaderRubric.questions.find((q) => q.code === 'Q3')!.referenceAnswer).toContain('熟悉组内数据');
  });

  it('accepts only scores the bands allow', () => {
    expect(scoreProblem(required, 17)).toBeNull();
    expect(scoreProblem(required, 21)).toEqual({ code: 'score_outside', params: { question: 'R1', points: 21, max: 20 } });
    expect(scoreProblem(q1, 5)).toBeNull();
    expect(scoreProblem(q1, 6)).toEqual({ code: 'score_between_bands', params: { question: 'Q1', points: 6, bands: '10、5、0' } });
    expect(rubricProblem([{ ...q1, bands: [{ min: 0, max: 12, description: '' }] }])).toEqual({ code: 'band_outside', params: { question: 'Q1', band: '0-12', max: 10 } });
    expect(rubricProblem([q1, q1])).toEqual({ code: 'code_twice', params: { question: 'Q1' } });
  });

  it('totals a candidate as the mean of the interviewers’ sums and ranks best first, ties sharing a place', () => {
    const questions = [required, q1];
    const sheet = (interviewerId: string, scores: [string, number, number][]) => ({
      interviewerId,
      scores: scores.flatMap(([agentId, r, q]) => [
        { agentId, questionCode: 'R1', points: r },
        { agentId, questionCode: 'Q1', points: q },
      ]),
    });
    const ranking = interviewRanking(
      questions,
      ['a', 'b', 'c'],
      [
        sheet('i1', [
          ['a', 18, 10],
          ['b', 12, 5],
          ['c', 16, 10],
        ]),
        sheet('i2', [
          ['a', 14, 5],
          ['b', 20, 10],
          ['c', 16, 10],
        ]),
      ],
    );
    // a: (28 + 19) / 2 = 23.5; b: (17 + 30) / 2 = 23.5; c: 26.
    expect(ranking.map((r) => [r.agentId, r.total, r.rank])).toEqual([
      ['c', 26, 1],
      ['a', 23.5, 2],
      ['b', 23.5, 2],
    ]);
    expect(ranking[1]!.byQuestion).toEqual({ R1: 16, Q1: 7.5 });
    expect(interviewRanking(questions, ['a'], [])[0]).toMatchObject({ total: null, rank: null, interviewers: 0 });
  });
});
