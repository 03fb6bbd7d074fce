import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { centerCalendar } from '../calendar/index';
import { seededRandom } from '../random/index';
import {
  addWorkingDays,
  answerProblems,
  calibrate,
  defaultPenaltyLadder,
  defaultSamplingPlan,
  fleissKappa,
  formProblems,
  penaltyStep,
  qaStars,
  qualityTier,
  sampleReasons,
  sampleRuleReasons,
  scoreEvaluation,
  selectSample,
  type Answer,
  type FormItem,
  type FormVersion,
  type SampleCandidate,
  type SamplingPlan,
} from './index';

const item = (key: string, points: number, extra: Partial<FormItem> = {}): FormItem => ({ key, text: key, points, type: 'points', allowNA: false, fatal: false, ...extra });
const form: FormVersion = {
  name: '服务质量评分表',
  fatalScope: 'evaluation',
  sections: [
    { name: '开场', items: [item('greeting', 10, { type: 'yes_no' }), item('verify', 10, { allowNA: true })] },
    { name: '业务', items: [item('accuracy', 30), item('privacy', 0.5, { fatal: true, type: 'yes_no' }), item('tone', 5, { type: 'scale' })] },
  ],
};
const all = (over: Answer[] = []): Answer[] => ['greeting', 'verify', 'accuracy', 'privacy', 'tone'].map((key) => over.find((a) => a.key === key) ?? { key });

describe('scoring an evaluation', () => {
  it('is Σ earned ÷ Σ possible × 100, N/A items left out of both', () => {
    expect(scoreEvaluation(form, all()).score).toBe(100);
    const r = scoreEvaluation(
      form,
      all([
        { key: 'accuracy', earned: 15 },
        { key: 'verify', na: true },
      ]),
    );
    expect(r.possible).toBe(45.5);
    expect(r.score).toBeCloseTo((30.5 / 45.5) * 100, 10);
    expect(r.fatal).toBe(false);
    expect(r.items.find((i) => i.key === 'accuracy')).toMatchObject({ failed: true, earned: 15 });
  });

  it('gives 0 when a fatal item failed, and only zeroes its section when the form says so', () => {
    const fatal = all([{ key: 'privacy', failed: true }]);
    expect(scoreEvaluation(form, fatal)).toMatchObject({ score: 0, fatal: true });
    const sectionForm = { ...form, fatalScope: 'section' as const };
    const r = scoreEvaluation(sectionForm, fatal);
    expect(r.fatal).toBe(true);
    expect(r.sections.map((s) => s.earned)).toEqual([20, 0]);
    expect(r.score).toBeCloseTo((20 / 55.5) * 100, 10);
    // Failing a non-fatal item costs its points only.
    expect(scoreEvaluation(form, all([{ key: 'greeting', failed: true }]))).toMatchObject({ fatal: false, earned: 45.5 });
  });

  it('names every problem of a bad answer sheet', () => {
    const codes = (answers: Answer[]) => answerProblems(form, answers).map((p) => p.code);
    expect(codes(all())).toEqual([]);
    expect(codes([...all(), { key: 'nope' }])).toEqual(['unknown_item']);
    expect(codes(all([{ key: 'accuracy', earned: 31 }]))).toEqual(['earned_out_of_range']);
    expect(codes(all([{ key: 'accuracy', earned: -1 }]))).toEqual(['earned_out_of_range']);
    expect(codes(all([{ key: 'greeting', earned: 5 }]))).toEqual(['earned_not_allowed']);
    expect(codes(all([{ key: 'tone', earned: 2.5 }]))).toEqual(['earned_not_allowed']);
    expect(codes(all([{ key: 'greeting', na: true }]))).toEqual(['na_not_allowed']);
    expect(codes(all().slice(1))).toEqual(['unanswered']);
    expect(codes([...all(), { key: 'greeting' }])).toEqual(['duplicate_answer']);
    const onlyNA: FormVersion = { ...form, sections: [{ name: 'x', items: [item('a', 1, { allowNA: true })] }] };
    expect(answerProblems(onlyNA, [{ key: 'a', na: true }]).map((p) => p.code)).toEqual(['all_na']);
  });

  it('checks a form before it is saved', () => {
    expect(formProblems(form)).toEqual([]);
    const bad: FormVersion = { name: ' ', fatalScope: 'evaluation', sections: [{ name: 's', items: [item('a', 0), item('a', 2.5, { type: 'scale' })] }] };
    expect(formProblems(bad).map((p) => p.code)).toEqual(['no_name', 'bad_points', 'duplicate_key', 'bad_points']);
  });
});

/** Forms of 1-4 sections of 1-5 items with answers that fit them. */
const formAndAnswers = fc
  .array(fc.array(fc.record({ points: fc.integer({ min: 1, max: 20 }), allowNA: fc.boolean(), fatal: fc.boolean() }), { minLength: 1, maxLength: 5 }), {
    minLength: 1,
    maxLength: 4,
  })
  .chain((sections) => {
    const f: FormVersion = {
      name: 'f',
      fatalScope: 'evaluation',
      sections: sections.map((items, s) => ({ name: `s${s}`, items: items.map((i, n) => item(`k${s}-${n}`, i.points, { allowNA: i.allowNA, fatal: i.fatal })) })),
    };
    const answers = fc.tuple(
      ...f.sections.flatMap((s) =>
        s.items.map((i) =>
          fc.oneof(
            fc.integer({ min: 0, max: i.points }).map((earned): Answer => ({ key: i.key, earned })),
            fc.constant<Answer>(i.allowNA ? { key: i.key, na: true } : { key: i.key }),
            fc.constant<Answer>({ key: i.key, failed: i.fatal }),
          ),
        ),
      ),
    );
    return fc.tuple(fc.constant(f), answers);
  })
  .filter(([f, answers]) => answerProblems(f, answers).length === 0);

describe('scoring properties', () => {
  it('the score is always within 0..100, and 0 whenever a fatal item failed', () => {
    fc.assert(
      fc.property(formAndAnswers, ([f, answers]) => {
        const r = scoreEvaluation(f, answers);
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(100);
        const fatal = answers.some((a) => a.failed && f.sections.flatMap((s) => s.items).find((i) => i.key === a.key)!.fatal);
        expect(r.fatal).toBe(fatal);
        if (fatal) expect(r.score).toBe(0);
      }),
    );
  });

  it('N/A never scores lower than answering the item with 0 points', () => {
    fc.assert(
      fc.property(formAndAnswers, ([f, answers]) => {
        for (const a of answers) {
          const i = f.sections.flatMap((s) => s.items).find((x) => x.key === a.key)!;
          if (!i.allowNA || answers.every((b) => b === a || b.na)) continue;
          const withNA = scoreEvaluation(
            f,
            answers.map((b) => (b === a ? { key: a.key, na: true } : b)),
          );
          const withZero = scoreEvaluation(
            f,
            answers.map((b) => (b === a ? { key: a.key, earned: 0 } : b)),
          );
          expect(withNA.score).toBeGreaterThanOrEqual(withZero.score - 1e-9);
        }
      }),
    );
  });
});

describe('the acknowledgement deadline', () => {
  const zone = 'Asia/Shanghai';
  it('counts working days by the center’s calendar: weekends and holidays skipped, make-up days counted', () => {
    const fridayNoon = Date.UTC(2026, 0, 9, 4, 0);
    expect(new Date(addWorkingDays(fridayNoon, 3, zone, centerCalendar())).toISOString()).toBe('2026-01-14T04:00:00.000Z');
    expect(new Date(addWorkingDays(fridayNoon, 3, zone, centerCalendar({ days: { '2026-01-13': 'holiday' } }))).toISOString()).toBe('2026-01-15T04:00:00.000Z');
    // A Saturday worked in exchange for a holiday (调休) counts.
    expect(new Date(addWorkingDays(fridayNoon, 3, zone, centerCalendar({ days: { '2026-01-10': 'workday' } }))).toISOString()).toBe('2026-01-13T04:00:00.000Z');
    expect(addWorkingDays(fridayNoon, 0, zone, centerCalendar())).toBe(fridayNoon);
  });
});

describe('the penalty ladder (seed 004)', () => {
  const day = 86_400_000;
  it('escalates a repeated fatal item step by step, forgets offences outside the window, and stops at the last step', () => {
    const offence = (d: number, keys = ['privacy']) => ({ at: d * day, itemKeys: keys });
    expect(penaltyStep(defaultPenaltyLadder, [], offence(100))?.zh).toBe('口头提醒');
    expect(penaltyStep(defaultPenaltyLadder, [offence(90)], offence(100))?.zh).toBe('口头警告');
    const slip = penaltyStep(defaultPenaltyLadder, [offence(80), offence(90)], offence(100));
    expect(slip).toMatchObject({ zh: '质检提醒单', slip: true });
    // Another item is another error under `same_item`; any fatal counts under `any_fatal`.
    expect(penaltyStep(defaultPenaltyLadder, [offence(90, ['rude'])], offence(100))?.zh).toBe('口头提醒');
    expect(penaltyStep({ ...defaultPenaltyLadder, countBy: 'any_fatal' }, [offence(90, ['rude'])], offence(100))?.zh).toBe('口头警告');
    expect(penaltyStep(defaultPenaltyLadder, [offence(5)], offence(100))?.zh).toBe('口头提醒');
    const many = Array.from({ length: 10 }, (_, i) => offence(90 + i / 10));
    expect(penaltyStep(defaultPenaltyLadder, many, offence(100))?.zh).toBe('辞退');
    expect(penaltyStep(defaultPenaltyLadder, [], { at: 0, itemKeys: [] })).toBeNull();
  });
});

describe('calibration', () => {
  it('computes Fleiss’ kappa as the textbook example does', () => {
    // Fleiss (1971) style: 10 subjects, 14 raters, 5 categories (the Wikipedia worked example): κ ≈ 0.210.
    const table = [
      [0, 0, 0, 0, 14],
      [0, 2, 6, 4, 2],
      [0, 0, 3, 5, 6],
      [0, 3, 9, 2, 0],
      [2, 2, 8, 1, 1],
      [7, 7, 0, 0, 0],
      [3, 2, 6, 3, 0],
      [2, 5, 3, 2, 2],
      [6, 5, 2, 1, 0],
      [0, 2, 2, 3, 7],
    ];
    const subjects = table.map((row) => row.flatMap((n, c) => Array.from({ length: n }, () => `c${c}`)));
    expect(fleissKappa(subjects)).toBeCloseTo(0.21, 2);
    expect(
      fleissKappa([
        ['a', 'a'],
        ['b', 'b'],
      ]),
    ).toBe(1);
    expect(
      fleissKappa([
        ['a', 'a'],
        ['a', 'a'],
      ]),
    ).toBeNull();
    expect(fleissKappa([['a']])).toBeNull();
  });

  it('takes subjects rated by different numbers of raters together, as sessions of three and four inspectors are', () => {
    // Per subject the agreeing pairs over its own pairs (1/3, 1, 1/2); chance from all 9 ratings (5 a, 4 b).
    const expected = ((1 / 3 + 1 + 1 / 2) / 3 - 41 / 81) / (1 - 41 / 81);
    const subjects = [
      ['a', 'a', 'b'],
      ['a', 'a'],
      ['b', 'b', 'b', 'a'],
    ];
    expect(fleissKappa(subjects)).toBeCloseTo(expected, 10);
    expect(expected).toBeCloseTo(0.2125, 4);
    // One inspector alone says nothing about agreement.
    expect(fleissKappa([...subjects, ['b']])).toBeCloseTo(expected, 10);
  });

  it('shows the spread per item so the ambiguous one stands out', () => {
    const sheet = (tone: number) => [
      { key: 'greeting', na: false, earned: 10, possible: 10, failed: false },
      { key: 'verify', na: true, earned: 0, possible: 0, failed: false },
      { key: 'accuracy', na: false, earned: 0, possible: 30, failed: true },
      { key: 'tone', na: false, earned: tone, possible: 5, failed: tone < 5 },
    ];
    const r = calibrate([sheet(5), sheet(2), sheet(0)]);
    expect(r.items.find((i) => i.key === 'tone')).toMatchObject({ min: 0, max: 5, categories: ['full', 'part:2', 'none'] });
    expect(r.items.find((i) => i.key === 'greeting')).toMatchObject({ min: 10, max: 10, categories: ['full', 'full', 'full'] });
    expect(r.kappa).toBeLessThan(1);
    expect(calibrate([sheet(5), sheet(5), sheet(5)]).kappa).toBe(1);
    expect(calibrate([sheet(5), sheet(5), sheet(2)]).kappa!).toBeGreaterThan(r.kappa!);
  });
});

describe('the QA star', () => {
  it('is the best average per team among agents with enough evaluations, ties to more evaluations', () => {
    const e = (agentId: string, teamId: string, ...scores: number[]) => scores.map((score) => ({ agentId, teamId, score }));
    const stars = qaStars([...e('a1', 't1', 100, 100), ...e('a2', 't1', 98, 96, 97), ...e('a3', 't1', 98, 96, 97, 97), ...e('b1', 't2', 50)], 3);
    expect(stars).toEqual([{ teamId: 't1', agentId: 'a3', average: 97, evaluations: 4 }]);
  });
});

describe('sampling', () => {
  const at = Date.UTC(2026, 0, 5, 2, 0);
  const call = (callId: string, agentId: string, over: Partial<SampleCandidate> = {}): SampleCandidate => ({
    callId,
    agentId,
    startedAt: at,
    talkSeconds: 180,
    holdSeconds: 0,
    transfers: 0,
    from: null,
    queueId: 'q',
    ...over,
  });
  const plan = { ...defaultSamplingPlan, complaintQueueIds: ['complaints'] };

  it('says why a call is worth hearing', () => {
    const calls = [
      call('long', 'a', { talkSeconds: 900 }),
      call('short', 'a', { talkSeconds: 10 }),
      call('hold', 'a', { holdSeconds: 200 }),
      call('xfer', 'a', { transfers: 1 }),
      call('first', 'a', { from: '+8613800000001' }),
      call('again', 'b', { from: '+8613800000001', startedAt: at + 20 * 3_600_000 }),
      call('late', 'b', { from: '+8613800000001', startedAt: at + 60 * 3_600_000 }),
      call('complaint', 'b', { queueId: 'complaints' }),
      call('unhappy', 'b', { satisfaction: 1 }),
      call('left-on-hold', 'b', { endedBy: 'caller', endedIn: 'hold' }),
      call('left-in-transfer', 'b', { endedBy: 'caller', endedIn: 'ring' }),
      call('left-requeued', 'b', { endedBy: 'caller', endedIn: 'queue' }),
      call('hung-up-talking', 'b', { endedBy: 'caller', endedIn: 'talk' }),
      call('put-down-on-hold', 'b', { endedBy: 'agent', endedIn: 'hold' }),
      call('keyword', 'b', { keyword: true }),
      call('plain', 'b'),
    ];
    const r = sampleRuleReasons(calls, plan);
    expect(Object.fromEntries(r)).toEqual({
      long: ['long_talk'],
      short: ['short_talk'],
      hold: ['long_hold'],
      xfer: ['transferred'],
      first: ['repeat_caller'],
      again: [],
      late: [],
      complaint: ['complaint_queue'],
      unhappy: ['low_satisfaction'],
      'left-on-hold': ['abandon_after_answer'],
      'left-in-transfer': ['abandon_after_answer'],
      'left-requeued': ['abandon_after_answer'],
      'hung-up-talking': [],
      'put-down-on-hold': [],
      keyword: ['keyword'],
      // A record stored before who ended the call was kept (and `plain`) has no such reason.
      plain: [],
    });
    expect(sampleRuleReasons(calls, { ...plan, repeatHours: 48 }).get('again')).toEqual(['repeat_caller']);
  });

  it('fills each agent’s quota, flagged calls first, new agents weighted up, and spreads the calls evenly over inspectors', () => {
    const calls = [
      ...Array.from({ length: 10 }, (_, i) => call(`a${i}`, 'a', i === 7 ? { talkSeconds: 900 } : {})),
      ...Array.from({ length: 10 }, (_, i) => call(`n${i}`, 'new')),
      ...Array.from({ length: 10 }, (_, i) => call(`d${i}`, 'done')),
    ];
    const picked = selectSample({
      plan,
      calls,
      newAgents: new Set(['new']),
      alreadySampled: new Map([['done', 1]]),
      exclude: new Set(['a0']),
      inspectors: [
        { id: 'qa1', open: 2 },
        { id: 'qa2', open: 0 },
      ],
      random: seededRandom(7),
    });
    const of = (agent: string) => picked.filter((p) => p.agentId === agent);
    expect(of('a')).toHaveLength(2);
    expect(of('a')[0]).toMatchObject({ callId: 'a7', reasons: ['long_talk'] });
    expect(of('a')[1]!.reasons).toEqual(['random']);
    expect(of('new')).toHaveLength(4);
    expect(of('new').every((p) => p.reasons.includes('new_agent'))).toBe(true);
    expect(of('done')).toHaveLength(1);
    expect(picked.some((p) => p.callId === 'a0')).toBe(false);
    // 7 picks on loads 2 and 0: qa2 gets 2 to catch up, then they alternate — 5 and 4 in the end.
    const loads = ['qa1', 'qa2'].map((id) => picked.filter((p) => p.inspectorId === id).length + (id === 'qa1' ? 2 : 0));
    expect(Math.abs(loads[0]! - loads[1]!)).toBeLessThanOrEqual(1);
    // The same seed picks the same calls.
    expect(selectSample({ plan, calls, newAgents: new Set(), alreadySampled: new Map(), exclude: new Set(), inspectors: [{ id: 'x', open: 0 }], random: seededRandom(3) })).toEqual(
      selectSample({ plan, calls, newAgents: new Set(), alreadySampled: new Map(), exclude: new Set(), inspectors: [{ id: 'x', open: 0 }], random: seededRandom(3) }),
    );
  });

  it('classes agents 优/中等/差 by their recent confirmed scores, 中等 with too few or with tiers off', () => {
    const tiers = defaultSamplingPlan.tiers;
    expect(qualityTier({ average: 90, evaluations: 3 }, tiers)).toBe('good');
    expect(qualityTier({ average: 89.9, evaluations: 3 }, tiers)).toBe('middle');
    expect(qualityTier({ average: 75, evaluations: 3 }, tiers)).toBe('middle');
    expect(qualityTier({ average: 74.9, evaluations: 3 }, tiers)).toBe('poor');
    expect(qualityTier({ average: 40, evaluations: 2 }, tiers)).toBe('middle');
    expect(qualityTier(undefined, tiers)).toBe('middle');
    expect(qualityTier({ average: 40, evaluations: 9 }, { ...tiers, enabled: false })).toBe('middle');
  });

  it('hears 优 agents less and 差 agents more, and says so on each pick', () => {
    const tiered = { ...plan, perAgent: 4, tiers: { ...plan.tiers, goodWeight: 0.5, poorWeight: 1.5 } };
    const calls = ['good', 'middle', 'poor', 'unscored', 'new'].flatMap((agent) => Array.from({ length: 10 }, (_, i) => call(`${agent}${i}`, agent)));
    const recentScores = new Map([
      ['good', { average: 96, evaluations: 5 }],
      ['middle', { average: 82, evaluations: 5 }],
      ['poor', { average: 60, evaluations: 3 }],
      ['new', { average: 50, evaluations: 4 }],
    ]);
    const sample = (p: SamplingPlan) =>
      selectSample({
        plan: p,
        calls,
        newAgents: new Set(['new']),
        recentScores,
        alreadySampled: new Map(),
        exclude: new Set(),
        inspectors: [{ id: 'qa1', open: 0 }],
        random: seededRandom(5),
      });
    const picked = sample(tiered);
    const of = (agent: string) => picked.filter((p) => p.agentId === agent);
    expect(of('good')).toHaveLength(2);
    expect(of('good').every((p) => p.reasons.join() === 'random,good_tier')).toBe(true);
    expect(of('middle')).toHaveLength(4);
    expect(of('unscored')).toHaveLength(4);
    expect([...of('middle'), ...of('unscored')].every((p) => p.reasons.join() === 'random')).toBe(true);
    expect(of('poor')).toHaveLength(6);
    expect(of('poor').every((p) => p.reasons.join() === 'random,poor_tier')).toBe(true);
    // A new agent who is also 差: both weights, 4 × 2 × 1.5.
    expect(of('new')).toHaveLength(10);
    expect(of('new')[0]!.reasons).toEqual(['random', 'new_agent', 'poor_tier']);
    // Tiers off: every agent not new has the plan's quota.
    const flat = sample({ ...tiered, tiers: { ...tiered.tiers, enabled: false } });
    expect(['good', 'middle', 'poor', 'unscored'].map((a) => flat.filter((p) => p.agentId === a).length)).toEqual([4, 4, 4, 4]);
    expect(flat.some((p) => p.reasons.includes('good_tier') || p.reasons.includes('poor_tier'))).toBe(false);
  });

  it('keeps its promises whatever the calls, quotas, scores and loads (property)', () => {
    const agents = ['a', 'b', 'c', 'd'];
    const candidate = fc.record({
      agentId: fc.constantFrom(...agents),
      talkSeconds: fc.integer({ min: 0, max: 1200 }),
      holdSeconds: fc.integer({ min: 0, max: 300 }),
      transfers: fc.integer({ min: 0, max: 2 }),
      from: fc.option(fc.constantFrom('+8613800000001', '+8613800000002'), { nil: null }),
      hour: fc.integer({ min: 0, max: 72 }),
      keyword: fc.boolean(),
      endedBy: fc.constantFrom('caller' as const, 'agent' as const, null),
      endedIn: fc.constantFrom('talk' as const, 'hold' as const, 'ring' as const, null),
    });
    const input = fc.record({
      calls: fc.array(candidate, { maxLength: 40 }),
      perAgent: fc.integer({ min: 0, max: 6 }),
      share: fc.double({ min: 0, max: 1, noNaN: true }),
      newAgentWeight: fc.double({ min: 1, max: 3, noNaN: true }),
      tiersOn: fc.boolean(),
      goodWeight: fc.double({ min: 0, max: 1, noNaN: true }),
      poorWeight: fc.double({ min: 1, max: 4, noNaN: true }),
      newAgents: fc.subarray(agents),
      averages: fc.array(fc.option(fc.record({ average: fc.integer({ min: 0, max: 100 }), evaluations: fc.integer({ min: 0, max: 6 }) }), { nil: undefined }), {
        minLength: 4,
        maxLength: 4,
      }),
      already: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 4, maxLength: 4 }),
      excluded: fc.array(fc.nat({ max: 39 }), { maxLength: 10 }),
      loads: fc.array(fc.integer({ min: 0, max: 8 }), { minLength: 1, maxLength: 4 }),
      seed: fc.integer(),
    });
    fc.assert(
      fc.property(input, (i) => {
        const calls = i.calls.map((c, n) => call(`c${n}`, c.agentId, { ...c, startedAt: at + c.hour * 3_600_000 }));
        const p: SamplingPlan = {
          ...plan,
          perAgent: i.perAgent * i.share,
          newAgentWeight: i.newAgentWeight,
          tiers: { ...plan.tiers, enabled: i.tiersOn, goodWeight: i.goodWeight, poorWeight: i.poorWeight },
        };
        const recentScores = new Map(agents.flatMap((a, n) => (i.averages[n] ? [[a, i.averages[n]] as const] : [])));
        const alreadySampled = new Map(agents.map((a, n) => [a, i.already[n]!]));
        const exclude = new Set(i.excluded.map((n) => `c${n}`));
        const inspectors = i.loads.map((open, n) => ({ id: `qa${n}`, open }));
        const picked = selectSample({ plan: p, calls, newAgents: new Set(i.newAgents), recentScores, alreadySampled, exclude, inspectors, random: seededRandom(i.seed) });

        for (const [n, agent] of agents.entries()) {
          const scores = i.averages[n];
          const tiered = i.tiersOn && scores !== undefined && scores.evaluations >= p.tiers.minEvaluations;
          const tierWeight = !tiered ? 1 : scores.average >= p.tiers.goodFrom ? i.goodWeight : scores.average < p.tiers.poorBelow ? i.poorWeight : 1;
          const weight = (i.newAgents.includes(agent) ? i.newAgentWeight : 1) * tierWeight;
          const quota = Math.max(0, Math.round(p.perAgent * weight) - i.already[n]!);
          const mine = picked.filter((x) => x.agentId === agent);
          expect(mine.length).toBeLessThanOrEqual(quota);
          // The quota is filled when the agent has the calls.
          expect(mine.length).toBe(Math.min(quota, calls.filter((c) => c.agentId === agent && !exclude.has(c.callId)).length));
        }
        const reasons = sampleRuleReasons(calls, p);
        for (const x of picked) {
          expect(x.reasons.length).toBeGreaterThan(0);
          expect(x.reasons.every((r) => sampleReasons.includes(r))).toBe(true);
          expect(exclude.has(x.callId)).toBe(false);
          expect(calls.find((c) => c.callId === x.callId)!.agentId).toBe(x.agentId);
          // A call left out matches no more rules than any call of the same agent picked.
          const left = calls.filter((c) => c.agentId === x.agentId && !exclude.has(c.callId) && !picked.some((y) => y.callId === c.callId));
          for (const c of left) expect(reasons.get(c.callId)!.length).toBeLessThanOrEqual(reasons.get(x.callId)!.length);
        }
        expect(new Set(picked.map((x) => x.callId)).size).toBe(picked.length);
        // Loads even out: whoever was dealt a call ends at most one above the least loaded.
        const load = inspectors.map((q) => q.open + picked.filter((x) => x.inspectorId === q.id).length);
        for (const [n, q] of inspectors.entries()) if (picked.some((x) => x.inspectorId === q.id)) expect(load[n]).toBeLessThanOrEqual(Math.min(...load) + 1);
      }),
      { numRuns: 300 },
    );
  });
});
