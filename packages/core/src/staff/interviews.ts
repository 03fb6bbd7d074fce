/** A scoring band of a question (评分规则): points from `min` to `max` for an answer that fits the description. */
export interface ScoringBand {
  min: number;
  max: number;
  description: string;
}

/** One question of a promotion interview's rubric: 必答题 (required) or 随机问题 (random). */
export interface InterviewQuestion {
  code: string;
  title: string;
  kind: 'required' | 'random';
  maxPoints: number;
  /** 答题要点: what a good answer covers. */
  keyPoints: string;
  bands: ScoringBand[];
  /** 参考答案, where the rubric gives one. */
  referenceAnswer: string;
}

export interface InterviewRubric {
  id: string;
  name: string;
  questions: InterviewQuestion[];
}

const band = (min: number, max: number, description: string): ScoringBand => ({ min, max, description });
const twoPoints: ScoringBand[] = [
  band(10, 10, '思路正确，两个要点都答到'),
  band(5, 5, '思路正确，答对一个要点'),
  band(0, 0, '思路不清未答到要点；或越级上报、不配合工作等负面反馈，直接判定0分'),
];
const fullHalfNone = (subject: string): ScoringBand[] => [
  band(10, 10, `${subject}合理，且思路清晰有理有据，给满分`),
  band(5, 5, `${subject}合理但思路欠佳；或不合理但能站在自己的角度给出思路清晰的分析，给5分`),
  band(0, 0, `${subject}不合理，且无法明确不合理原因，给0分`),
];
const minusFive = (fits: string, fails: string): ScoringBand[] => [band(10, 10, fits), band(5, 5, `${fits}，但是阐述不明确，扣5分`), band(0, 0, fails)];

/**
 * Seed 000's 呼叫中心组长面试问题答案及评分规则: the required question (20 points in four bands) and five
 * random questions (10 points each), with their key points, scoring rules and reference answer.
 */
export const teamLeaderRubric: InterviewRubric = {
  id: 'builtin-team-leader',
  name: '组长竞聘面试（面试问题答案及评分规则）',
  questions: [
    {
      code: 'R1',
      title: '请以你的角度分析组长岗位的三项岗位核心工作内容，为什么这么理解',
      kind: 'required',
      maxPoints: 20,
      keyPoints: '能明确指出组长工作中的三项工作重点，并对个人理解的阐述合理',
      bands: [
        band(16, 20, '整体回答明确简介，个人思路明确，有重点有逻辑'),
        band(8, 15, '能明确区分出个人理解的岗位区分，但内容和实际情况有偏差，欠说服力'),
        band(4, 7, '单从岗位职级进行区分分析，没有深入挖掘题目重点'),
        band(0, 3, '避答、弃答或思绪混乱'),
      ],
      referenceAnswer: '',
    },
    {
      code: 'Q1',
      title: '当你和你所属的班长在工作意见有分歧的时候，你该如何处理？',
      kind: 'random',
      maxPoints: 10,
      keyPoints: '（1）服从应是第一时间反馈状态；（2）能冷静分析意见分歧的原因和自身存在问题，并能与班长进行有效沟通',
      bands: twoPoints,
      referenceAnswer: '',
    },
    {
      code: 'Q2',
      title: '现行的组长辅导模式是否有更好的建议，并说出合理性？',
      kind: 'random',
      maxPoints: 10,
      keyPoints: '能站在组长岗位角度，有条理进行分析，并体现新模式的改变意义',
      bands: minusFive('能给出符合辅导意义及合理性的建议', '不符合考核意义，分析不合理及思想觉悟层次低的答案给予0分'),
      referenceAnswer: '',
    },
    {
      code: 'Q3',
      title: '假如本次竞聘成功，请告知上岗后的个人第一工作规划是什么？为什么？',
      kind: 'random',
      maxPoints: 10,
      keyPoints: '能根据组长岗位需求，有条理分析，有明确目标的制定规划',
      bands: minusFive('能给出符合组长岗位需求的工作规划', '表象且无内涵的工作规划并缺乏说服力的答案给予0分'),
      referenceAnswer: '熟悉组内数据、了解组内员工性格、积极与班长做好工作性格沟通等',
    },
    {
      code: 'Q4',
      title: '对于目前的巡场效果，请发表个人看法及建议？',
      kind: 'random',
      maxPoints: 10,
      keyPoints: '能基于目前现场的实际巡场效果不理想的现状进行描述，并适当提出改善建议',
      bands: fullHalfNone('分析结果'),
      referenceAnswer: '',
    },
    {
      code: 'Q5',
      title: '你认为现场质量运营管理中有何问题需要改善，请给予合理的阐述？',
      kind: 'random',
      maxPoints: 10,
      keyPoints: '能根据组长岗位的角度，有条理分析，并符合现场运营规则',
      bands: fullHalfNone('阐述结果'),
      referenceAnswer: '',
    },
  ],
};

/** Seed 000's 呼叫中心班长面试问题答案及评分规则, the same shape for the next step up. */
export const shiftLeaderRubric: InterviewRubric = {
  id: 'builtin-shift-leader',
  name: '班长竞聘面试（面试问题答案及评分规则）',
  questions: [
    {
      code: 'R1',
      title: '你认为目前班长工作中存在哪些可以改进的项目，请阐述你的改进建议？',
      kind: 'required',
      maxPoints: 20,
      keyPoints: '能根据班长岗位的角度，有条理分析，并符合现场运营规则',
      bands: [
        band(16, 20, '阐述结果为合理，且思路清晰有理有据'),
        band(8, 15, '阐述结果合理，但思路欠佳'),
        band(4, 7, '阐述不合理，但能站在自己的角度给出思路清晰的分析'),
        band(0, 3, '阐述不合理，且无法明确不合理原因'),
      ],
      referenceAnswer: '',
    },
    {
      code: 'Q1',
      title: '当你和你所属的上级在工作意见有分歧的时候，你该如何处理？',
      kind: 'random',
      maxPoints: 10,
      keyPoints: '（1）服从应是第一时间反馈状态；（2）能冷静分析意见分歧的原因和自身存在问题，并能与班长进行有效沟通',
      bands: twoPoints,
      referenceAnswer: '',
    },
    {
      code: 'Q2',
      title: '对于目前热线服务室的坐席人员架构组成状况，请分享你认为第一重要的班长工作？',
      kind: 'random',
      maxPoints: 10,
      keyPoints: '能站在班长岗位角度，有条理进行分析，并体现工作意义',
      bands: minusFive('能给出符合题目前提的工作内容', '不符合题意，分析不合理及思想觉悟层次低的答案给予0分'),
      referenceAnswer: '',
    },
    {
      code: 'Q3',
      title: '假如本次竞聘成功，你是否想过在组内发起一句团队口号？如有请分享意义。',
      kind: 'random',
      maxPoints: 10,
      keyPoints: '能有准备的给予明确团队口号，并合理阐释口号定义和作用',
      bands: minusFive('能给出符合团队凝聚力建设的团队口号', '表象且无内涵的团队口号并缺乏说服力的答案给予0分'),
      referenceAnswer: '',
    },
    {
      code: 'Q4',
      title: '对于目前员工流失率偏高的现状，请发表个人看法，并找出主要原因？',
      kind: 'random',
      maxPoints: 10,
      keyPoints: '能基于在部门目前的现状来分析员工流失率偏高的原因',
      bands: fullHalfNone('分析结果'),
      referenceAnswer: '',
    },
    {
      code: 'Q5',
      title: '请以你的角度分析班长岗位和组长岗位的区别，为什么这么理解',
      kind: 'random',
      maxPoints: 10,
      keyPoints: '（1）能明确指出班组长工作中的重点不同，能找出1到2个即可；（2）根据区别给出理解的原因，重点在于认知有理有据',
      bands: minusFive('能明确区分出个人理解的岗位区分', '没有深入挖掘题目重点或理解阐述混乱给予0分'),
      referenceAnswer: '',
    },
  ],
};

/** The templates every center starts with; the 组长 rubric is the default. */
export const builtinRubrics: readonly InterviewRubric[] = [teamLeaderRubric, shiftLeaderRubric];

/**
 * What is wrong with a rubric or a score, with the question and figures it is about, for the caller
 * to say in the user's words.
 */
export type InterviewProblem = {
  code: 'no_questions' | 'code_twice' | 'max_points' | 'band_reversed' | 'band_outside' | 'score_outside' | 'score_between_bands';
  params: Record<string, string | number>;
};

/**
 * What is wrong with a rubric's questions, or null: codes unique, bands inside 0..maxPoints with
 * min ≤ max, at least one question.
 *
 * @example
 * rubricProblem([]); // { code: 'no_questions', params: {} }
 */
export function rubricProblem(questions: readonly InterviewQuestion[]): InterviewProblem | null {
  if (questions.length === 0) return { code: 'no_questions', params: {} };
  const codes = new Set<string>();
  for (const q of questions) {
    if (codes.has(q.code)) return { code: 'code_twice', params: { question: q.code } };
    codes.add(q.code);
    if (!(q.maxPoints > 0)) return { code: 'max_points', params: { question: q.code } };
    for (const b of q.bands) {
      const band = `${b.min}-${b.max}`;
      if (b.min > b.max) return { code: 'band_reversed', params: { question: q.code, band } };
      if (b.min < 0 || b.max > q.maxPoints) return { code: 'band_outside', params: { question: q.code, band, max: q.maxPoints } };
    }
  }
  return null;
}

/**
 * What is wrong with one score, or null: within 0..maxPoints and, when the question has bands,
 * inside one of them (a score of 6 where the rules give 10, 5 or 0 is not a score the rules allow).
 *
 * @example
 * scoreProblem(teamLeaderRubric.questions[0]!, 21); // { code: 'score_outside', params: { question: 'R1', points: 21, max: 20 } }
 */
export function scoreProblem(question: InterviewQuestion, points: number): InterviewProblem | null {
  if (!Number.isFinite(points) || points < 0 || points > question.maxPoints) return { code: 'score_outside', params: { question: question.code, points, max: question.maxPoints } };
  if (question.bands.length > 0 && !question.bands.some((b) => points >= b.min && points <= b.max)) {
    const bands = question.bands.map((b) => (b.min === b.max ? `${b.min}` : `${b.min}-${b.max}`)).join('、');
    return { code: 'score_between_bands', params: { question: question.code, points, bands } };
  }
  return null;
}

/** One interviewer's handed-in sheet: points per candidate per question code. */
export interface SubmittedSheet {
  interviewerId: string;
  scores: readonly { agentId: string; questionCode: string; points: number }[];
}

export interface CandidateResult {
  agentId: string;
  /** Mean over the interviewers who handed in of each one's sum over the questions; null before anyone did. */
  total: number | null;
  /** Each question's mean over those interviewers. */
  byQuestion: Record<string, number | null>;
  /** How many interviewers' sheets count. */
  interviewers: number;
  /** 1 for the best; equal totals share a place (1, 1, 3); null without a total. */
  rank: number | null;
}

/**
 * Totals and ranking of a round: the seed gives each interviewer's points per question and no
 * rule for combining interviewers, so a candidate's total is the mean of the interviewers' sums
 * (each interviewer's sheet weighs the same); a question an interviewer left empty counts 0 in
 * that interviewer's sum. Only handed-in sheets count. Best first, equal totals in the candidates'
 * order; candidates without a total last.
 *
 * @example
 * interviewRanking(questions, ['a1', 'a2'], [{ interviewerId: 'i1', scores: [{ agentId: 'a1', questionCode: 'R1', points: 18 }] }]);
 * // [{ agentId: 'a1', total: 18, rank: 1, … }, { agentId: 'a2', total: 0, rank: 2, … }]
 */
export function interviewRanking(questions: readonly InterviewQuestion[], candidates: readonly string[], sheets: readonly SubmittedSheet[]): CandidateResult[] {
  const points = (sheet: SubmittedSheet, agentId: string, code: string) => sheet.scores.find((s) => s.agentId === agentId && s.questionCode === code)?.points ?? 0;
  const mean = (values: number[]) => (values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length);
  const results = candidates.map((agentId) => {
    const byQuestion = Object.fromEntries(questions.map((q) => [q.code, mean(sheets.map((s) => points(s, agentId, q.code)))]));
    const total = mean(sheets.map((s) => questions.reduce((sum, q) => sum + points(s, agentId, q.code), 0)));
    return { agentId, total, byQuestion, interviewers: sheets.length, rank: null as number | null };
  });
  // A stable sort: equal totals keep the candidates' order (the server lists them by 工号).
  const ordered = [...results].sort((a, b) => (b.total ?? -1) - (a.total ?? -1));
  ordered.forEach((r, i) => {
    if (r.total === null) return;
    const previous = ordered[i - 1];
    r.rank = previous && previous.total !== null && Math.abs(previous.total - r.total) < 1e-9 ? previous.rank : i + 1;
  });
  return ordered;
}
