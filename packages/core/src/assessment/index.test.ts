import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyLeaveTally, type LeaveTally } from '../wfm/index';
import {
  assessAgent,
  assessmentBonus,
  type AssessmentComponents,
  AssessmentRulesError,
  attendanceComponent,
  checkAssessmentRules,
  defaultAssessmentRules,
  examComponent,
  kpiComponent,
  pointsComponent,
  qaComponent,
  rankAssessments,
} from './index';

const leave = (days: Partial<LeaveTally>): LeaveTally => ({ ...emptyLeaveTally(), ...days });
const rules = defaultAssessmentRules;

describe('the bonus with seed 003 rules (考勤奖 200, 考评奖 200)', () => {
  it('takes 10 per sick day and 30 per personal day from the attendance bonus', () => {
    expect(assessmentBonus(100, leave({}), rules)).toMatchObject({ attendance: 200, evaluation: 200, total: 400 });
    expect(assessmentBonus(100, leave({ sick: 3 }), rules)).toMatchObject({ attendance: 170, total: 370 });
    expect(assessmentBonus(100, leave({ personal: 2, sick: 1 }), rules)).toMatchObject({ attendance: 130 });
    expect(assessmentBonus(100, leave({ personal: 0.5 }), rules).attendance).toBe(185);
  });

  it('forfeits the whole attendance bonus at 7 sick days or 5 personal days, not one day before', () => {
    expect(assessmentBonus(100, leave({ sick: 6 }), rules).attendance).toBe(140);
    expect(assessmentBonus(100, leave({ sick: 7 }), rules)).toMatchObject({ attendance: 0, deductions: [{ kind: 'sick', days: 7, forfeit: true }] });
    expect(assessmentBonus(100, leave({ personal: 4 }), rules).attendance).toBe(80);
    expect(assessmentBonus(100, leave({ personal: 5 }), rules).attendance).toBe(0);
  });

  it('costs nothing for annual or marriage leave, and pays the evaluation bonus in proportion to the score from 60 up', () => {
    expect(assessmentBonus(85, leave({ annual: 5, marriage: 3 }), rules)).toMatchObject({ attendance: 200, evaluation: 170, deductions: [] });
    expect(assessmentBonus(59.9, leave({}), rules).evaluation).toBe(0);
    expect(assessmentBonus(null, leave({}), rules)).toMatchObject({ evaluation: 0, total: 200 });
  });

  it('follows a center that changed the rules', () => {
    const strict = { ...rules, attendanceBonus: 300, leaveDeductions: { sick: { perDay: 50, forfeitAtDays: null }, annual: { perDay: 5, forfeitAtDays: 2 } } };
    expect(assessmentBonus(100, leave({ sick: 10 }), strict).attendance).toBe(0);
    expect(assessmentBonus(100, leave({ sick: 2, personal: 9 }), strict).attendance).toBe(200);
    expect(assessmentBonus(100, leave({ annual: 2 }), strict).attendance).toBe(0);
  });
});

describe('components and score', () => {
  it('measures KPIs against target: a target met is 100%, a shortfall in proportion, a KPI without target left out', () => {
    const kpi = kpiComponent([
      { metricId: 'averageHandleTime', value: 200, target: 180, better: 'lower' },
      { metricId: 'firstContactResolution', value: 0.8, target: 0.8, better: 'higher' },
      { metricId: 'callsPerHour', value: 5, target: null, better: 'higher' },
      { metricId: 'serviceLevel', value: null, target: 0.8, better: 'higher' },
    ]);
    expect(kpi).toEqual({ value: 95, score: 95, reason: null });
    expect(kpiComponent([{ metricId: 'callsPerHour', value: 5, target: null, better: 'higher' }])).toEqual({ value: null, score: null, reason: '没有设定指标目标' });
  });

  it('pays 全月考勤奖 only for the full month: a day missed without leave takes all of it, unless the center says otherwise', () => {
    expect(assessmentBonus(90, leave({}), rules, 0)).toMatchObject({ attendance: 200, absence: { days: 0, forfeit: false } });
    expect(assessmentBonus(90, leave({}), rules, 1)).toMatchObject({ attendance: 0, evaluation: 180, total: 180, absence: { days: 1, forfeit: true } });
    expect(assessmentBonus(90, leave({ sick: 2 }), { ...rules, absenceForfeitDays: 3 }, 2)).toMatchObject({ attendance: 180, absence: { forfeit: false } });
    expect(assessmentBonus(90, leave({}), { ...rules, absenceForfeitDays: null }, 20).attendance).toBe(200);
    expect(() => checkAssessmentRules({ ...rules, absenceForfeitDays: 0 })).toThrow('旷工天数');
  });

  it('counts the month’s briefings attended as the center’s share of the attendance score (早会列入当月考核)', () => {
    const shifts = { source: 'roster' as const, expected: 1200, attended: 1140 };
    expect(attendanceComponent(shifts, rules)).toEqual({ value: 95, score: 95, reason: null });
    // 2 of 8 briefings, 20% of the score: 0.8 × 95 + 0.2 × 25.
    expect(attendanceComponent({ ...shifts, briefings: { held: 8, attended: 2 } }, rules)).toEqual({ value: 95, score: 81, reason: null });
    expect(attendanceComponent({ ...shifts, briefings: { held: 0, attended: 0 } }, rules).score).toBe(95);
    expect(attendanceComponent({ ...shifts, briefings: { held: 8, attended: 2 } }, { briefingPercent: 0 }).score).toBe(95);
    expect(() => checkAssessmentRules({ ...rules, briefingPercent: 120 })).toThrow('早会在出勤中的占比应在 0 到 100 之间');
  });

  it('says why a component is missing instead of scoring it 0, and leaves it out of the score', () => {
    const components: AssessmentComponents = {
      kpi: kpiComponent([{ metricId: 'averageHandleTime', value: 200, target: 180, better: 'lower' }]),
      qa: qaComponent(92),
      attendance: attendanceComponent({ source: 'roster', expected: 1200, attended: 1140 }),
      points: pointsComponent(4, rules),
      exam: examComponent(null),
    };
    expect(components.exam).toEqual({ value: null, score: null, reason: '本月没有考试成绩' });
    expect(components.points).toEqual({ value: 4, score: 96, reason: null });
    const sheet = assessAgent(components, leave({ sick: 2 }), rules);
    expect(sheet.score).toBe(92.5);
    expect(sheet.missing).toEqual(['exam']);
    expect(sheet.bonus).toMatchObject({ attendance: 180, evaluation: 185, total: 365 });
    const none = assessAgent(
      {
        ...components,
        kpi: kpiComponent([]),
        qa: qaComponent(null),
        attendance: attendanceComponent({ source: 'logins', expected: 0, attended: 0 }),
        points: pointsComponent(null, rules),
      },
      leave({}),
      rules,
    );
    expect(none.score).toBeNull();
    expect(none.bonus.total).toBe(200);
  });

  it('refuses rules that cannot be used', () => {
    expect(() => checkAssessmentRules({ ...rules, weights: { kpi: 0, qa: 0, attendance: 0, points: 0, exam: 0 } })).toThrow(AssessmentRulesError);
    expect(() => checkAssessmentRules({ ...rules, attendanceBonus: -1 })).toThrow('考勤奖');
    expect(() => checkAssessmentRules({ ...rules, leaveDeductions: { sick: { perDay: 10, forfeitAtDays: 0 } } })).toThrow(AssessmentRulesError);
    expect(checkAssessmentRules(rules)).toBe(rules);
  });
});

describe('ranks', () => {
  it('ranks in the team and in the center; equal scores share the better place; no score, no rank', () => {
    const ranked = rankAssessments([
      { agentId: 'a', teamId: 't1', score: 90 },
      { agentId: 'b', teamId: 't1', score: 90 },
      { agentId: 'c', teamId: 't1', score: 80 },
      { agentId: 'd', teamId: 't2', score: 95 },
      { agentId: 'e', teamId: 't2', score: null },
    ]);
    const by = Object.fromEntries(ranked.map((r) => [r.agentId, [r.teamRank, r.centerRank]]));
    expect(by).toEqual({ a: [1, 2], b: [1, 2], c: [3, 4], d: [1, 1], e: [null, null] });
    expect(ranked.find((r) => r.agentId === 'c')).toMatchObject({ teamRankedOf: 3, centerRankedOf: 4 });
  });
});

describe('properties', () => {
  const score = fc.option(
    fc.integer({ min: 0, max: 1000 }).map((n) => n / 10),
    { nil: null },
  );
  const sheets = fc.array(fc.record({ agentId: fc.uuid(), teamId: fc.constantFrom('t1', 't2', 't3'), score }), { maxLength: 40 });

  it('ranks agree with scores: a higher score ranks better, equal scores rank equal, in the team and in the center', () => {
    fc.assert(
      fc.property(sheets, (input) => {
        const unique = [...new Map(input.map((s) => [s.agentId, s])).values()];
        const ranked = rankAssessments(unique);
        for (const a of ranked) {
          expect(a.centerRank === null).toBe(a.score === null);
          for (const b of ranked) {
            if (a.score === null || b.score === null) continue;
            if (a.score > b.score) expect(a.centerRank!).toBeLessThan(b.centerRank!);
            if (a.score === b.score) expect(a.centerRank).toBe(b.centerRank);
            if (a.teamId === b.teamId && a.score > b.score) expect(a.teamRank!).toBeLessThan(b.teamRank!);
            if (a.teamId === b.teamId && a.score === b.score) expect(a.teamRank).toBe(b.teamRank);
          }
          // A rank counts the better scores before it: 1 + how many scored higher.
          if (a.score !== null) expect(a.centerRank).toBe(1 + ranked.filter((b) => b.score !== null && b.score > a.score!).length);
        }
      }),
    );
  });

  const days = fc.integer({ min: 0, max: 46 }).map((n) => n / 2);
  const tally = fc.record({ sick: days, personal: days, annual: days, marriage: days, maternity: days, bereavement: days });
  const amount = fc.integer({ min: 0, max: 2000 });
  const centerRules = fc.record({
    attendanceBonus: amount,
    evaluationBonus: amount,
    evaluationMinScore: fc.integer({ min: 0, max: 100 }),
    sick: fc.record({ perDay: fc.integer({ min: 0, max: 500 }), forfeitAtDays: fc.option(fc.integer({ min: 1, max: 31 }), { nil: null }) }),
    personal: fc.record({ perDay: fc.integer({ min: 0, max: 500 }), forfeitAtDays: fc.option(fc.integer({ min: 1, max: 31 }), { nil: null }) }),
  });

  it('the bonus is never negative nor above 考勤奖 + 考评奖, and more leave never pays more', () => {
    fc.assert(
      fc.property(score, tally, centerRules, fc.integer({ min: 1, max: 10 }), (s, t, r, extra) => {
        const centerRule = { ...rules, ...r, leaveDeductions: { sick: r.sick, personal: r.personal } };
        const bonus = assessmentBonus(s, t, centerRule);
        expect(bonus.attendance).toBeGreaterThanOrEqual(0);
        expect(bonus.evaluation).toBeGreaterThanOrEqual(0);
        expect(bonus.total).toBeGreaterThanOrEqual(0);
        expect(bonus.attendance).toBeLessThanOrEqual(r.attendanceBonus);
        expect(bonus.evaluation).toBeLessThanOrEqual(r.evaluationBonus);
        expect(bonus.total).toBeLessThanOrEqual(r.attendanceBonus + r.evaluationBonus);
        expect(assessmentBonus(s, { ...t, sick: t.sick + extra }, centerRule).attendance).toBeLessThanOrEqual(bonus.attendance);
      }),
    );
  });
});
