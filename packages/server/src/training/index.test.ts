import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '@banzu/core';
import type { ExamDetail, ExamPaper, ExamResults, ExamSubmission, ExamSummary, MonthlyExamScores, MyExam, QaLibraryEntry, TrainingCourse } from '@banzu/contract';
import { openTestApp, type TestApp } from '../http/testing';
import { ProjectionRunner } from '../projections/index';
import { reportsProjection } from '../reports/index';
import { backends } from '../store/testing';
import { han, readBack, rowWith } from '../testing/workbook';
import { monthlyExamScores } from './index';

const HOUR = 3_600_000;

const questions = [
  { key: 'q1', kind: 'single', text: '首问负责制是指？', points: 2, options: ['谁先接谁负责到底', '组长负责', '质检负责'], answer: 0 },
  { key: 'q2', kind: 'multiple', text: '交接班要交哪些？', points: 4, options: ['情况', '设备', '午饭', '记录'], answers: [0, 1, 3] },
  { key: 'q3', kind: 'true_false', text: '病假每天扣发10元', points: 2, answer: true },
  { key: 'q4', kind: 'fill', text: '投诉须在__小时内答复', points: 2, accepted: ['48', '四十八'] },
];
const fullMarks = { q1: 0, q2: [0, 1, 3], q3: true, q4: '48' };

describe.each(backends)('training and exams ($name)', (backend) => {
  let h: TestApp;
  let trainer: string;
  let manager: string;
  let leader1: string;
  let leader2: string;
  let qa: string;
  let a1: string;
  let a2: string;
  let a3: string;
  let a5: string;
  const ids: Record<string, string> = {};
  let team1: string;

  const loginAll = async () => {
    const tokens = await Promise.all(['trainer1', 'leader1', 'leader2', 'qa1', '8001', '8002', '8003', '8005', 'manager'].map((u) => h.login(u)));
    [trainer, leader1, leader2, qa, a1, a2, a3, a5, manager] = tokens as [string, string, string, string, string, string, string, string, string];
  };
  const json = async <T>(token: string, method: string, url: string, body?: unknown, status = 200): Promise<T> => {
    const res = await h.call(token, method, url, body);
    expect(res.statusCode, res.body).toBe(status);
    return res.json() as T;
  };
  const refused = async (token: string, method: string, url: string, body: unknown, status: number) => {
    const res = await h.call(token, method, url, body);
    expect(res.statusCode, res.body).toBe(status);
    return (res.json() as { error: { message: string } }).error.message;
  };

  beforeAll(async () => {
    h = await openTestApp(backend);
    await loginAll();
    for (const no of ['8001', '8002', '8003', '8005']) {
      const [row] = await h.t.store.query<{ id: string; team_id: string }>('SELECT u.id, u.team_id FROM users u JOIN agents a ON a.user_id = u.id WHERE a.employee_no = $1', [no]);
      ids[no] = row!.id;
      if (no === '8001') team1 = row!.team_id;
    }
  });
  afterAll(() => h.close());

  it('lets the trainer write a course with texts and links, refuses a library call that is not there, and shows it to agents', async () => {
    const course = await json<TrainingCourse>(
      trainer,
      'POST',
      '/api/v1/training/courses',
      {
        title: '投诉处理',
        description: '新员工第二周',
        materials: [
          { kind: 'text', title: '首问负责制', body: '谁先接谁负责到底' },
          { kind: 'link', title: '话术手册', body: 'https://example.com/handbook' },
        ],
      },
      201,
    );
    expect(course.materials.map((m) => m.kind)).toEqual(['text', 'link']);
    expect(course.createdBy).toBe('培训师');
    const missing = await refused(
      trainer,
      'PUT',
      `/api/v1/training/courses/${course.id}`,
      { title: '投诉处理', materials: [{ kind: 'library', title: '优秀录音', libraryId: '00000000-0000-4000-8000-000000000000' }] },
      400,
    );
    expect(missing).toContain('录音库里没有这条录音');
    expect((await json<TrainingCourse>(a1, 'GET', `/api/v1/training/courses/${course.id}`)).materials).toHaveLength(2);
    for (const token of [a1, leader1, qa]) expect((await h.call(token, 'POST', '/api/v1/training/courses', { title: 'x' })).statusCode).toBe(403);
  });

  it('links a call of the QA model-call library into a course instead of copying it', async () => {
    const [queue] = await h.t.store.query<{ id: string }>(`SELECT id FROM queues WHERE name = '售前咨询'`);
    const start = h.clock.now() - 2 * HOUR;
    const e = (type: string, t: number, payload: object) => ({ type, stream: 'lib-1', at: t, payload }) as DomainEvent;
    const agentId = ids['8001']!;
    const runner = new ProjectionRunner(h.t.store, h.app.banzu.log, reportsProjection({ timeZone: 'Asia/Shanghai' }));
    runner.start();
    await h.app.banzu.log.append([
      e('call.arrived', start, { direction: 'inbound', from: '+8613800000001', to: '4008001234', queueId: queue!.id, vipLevel: 0 }),
      e('call.queued', start, { queueId: queue!.id, position: 1, vipLevel: 0, placeAt: start, seq: 1, via: 'arrival', callback: false }),
      e('call.offered', start + 5_000, { agentIds: [agentId], queueId: queue!.id, purpose: 'queue', ringTimeoutSeconds: 20 }),
      e('call.answered', start + 10_000, { agentId, queueId: queue!.id, purpose: 'queue', recorded: true }),
      e('call.ended', start + 130_000, { outcome: 'answered', endedBy: 'caller', connected: true }),
    ]);
    await runner.caughtUp(await h.app.banzu.log.head());
    runner.stop();
    const entry = await json<QaLibraryEntry>(qa, 'POST', '/api/v1/qa/library', { callId: 'lib-1', kind: 'good', category: '投诉安抚', note: '耐心解释' }, 201);
    const course = await json<TrainingCourse>(
      trainer,
      'POST',
      '/api/v1/training/courses',
      { title: '优秀录音赏析', materials: [{ kind: 'library', title: '安抚范例', libraryId: entry.id }] },
      201,
    );
    expect(course.materials).toEqual([
      {
        id: expect.any(String),
        kind: 'library',
        title: '安抚范例',
        body: '',
        library: { id: entry.id, callId: 'lib-1', kind: 'good', category: '投诉安抚', note: '耐心解释', agentName: '王芳' },
      },
    ]);
  });

  it('runs an exam: the trainer writes and publishes it, agents take it once inside the window, marked at once, and the answers are never sent before', async () => {
    // Bad questions are named in Chinese and nothing is saved.
    const bad = await refused(trainer, 'POST', '/api/v1/training/exams', { title: '坏卷', questions: [{ ...questions[0], answer: 5 }] }, 400);
    expect(bad).toBe('第 1 题的正确答案不是其中一个选项');
    const english = await refused(trainer, 'POST', '/api/v1/training/exams?lang=en', { title: '坏卷', questions: [{ ...questions[0], answer: 5 }] }, 400);
    expect(english).toBe('question 1: the right answer is not one of its options');
    expect((await json<{ items: ExamSummary[] }>(trainer, 'GET', '/api/v1/training/exams')).items).toHaveLength(0);
    for (const token of [a1, leader1, qa]) expect((await h.call(token, 'POST', '/api/v1/training/exams', { title: '月考', questions })).statusCode).toBe(403);

    const draft = await json<ExamDetail>(trainer, 'POST', '/api/v1/training/exams', { title: '一月业务考试', passPercent: 60, questions: questions.slice(0, 3) }, 201);
    expect(draft).toMatchObject({ status: 'draft', total: 8, questionCount: 3 });
    const exam = await json<ExamDetail>(trainer, 'PUT', `/api/v1/training/exams/${draft.id}`, { title: '一月业务考试', passPercent: 60, questions }, 200);
    expect(exam.total).toBe(10);
    // A draft is no agent's.
    expect((await json<{ items: MyExam[] }>(a1, 'GET', '/api/v1/training/my-exams')).items).toEqual([]);
    expect((await h.call(a1, 'GET', `/api/v1/training/my-exams/${exam.id}`)).statusCode).toBe(404);

    const now = h.clock.now();
    const window = { opensAt: new Date(now).toISOString(), closesAt: new Date(now + 2 * HOUR).toISOString() };
    expect(await refused(trainer, 'POST', `/api/v1/training/exams/${exam.id}/publish`, { teamIds: [team1], opensAt: window.closesAt, closesAt: window.opensAt }, 400)).toBe(
      '截止时间须晚于开考时间',
    );
    expect(await refused(trainer, 'POST', `/api/v1/training/exams/${exam.id}/publish`, { ...window }, 400)).toBe('请选择参加考试的班组或座席');
    expect((await h.call(leader1, 'POST', `/api/v1/training/exams/${exam.id}/publish`, { teamIds: [team1], ...window })).statusCode).toBe(403);
    const published = await json<ExamSummary>(trainer, 'POST', `/api/v1/training/exams/${exam.id}/publish`, { teamIds: [team1], ...window });
    expect(published).toMatchObject({ status: 'published', takers: 4, submitted: 0 });
    expect(await refused(trainer, 'PUT', `/api/v1/training/exams/${exam.id}`, { title: '改', questions }, 409)).toBe('考试已发布，试题和及格线不能再改');

    // The agent's list and paper carry no answers; another team's agent does not get it; only trainers read the key.
    const mine = await json<{ items: MyExam[] }>(a1, 'GET', '/api/v1/training/my-exams');
    expect(mine.items).toMatchObject([{ id: exam.id, window: 'open', attemptsUsed: 0, best: null, total: 10 }]);
    const paper = await h.call(a1, 'GET', `/api/v1/training/my-exams/${exam.id}`);
    expect(paper.statusCode).toBe(200);
    expect(paper.body).not.toMatch(/"answers?"|accepted|谁先接谁负责到底","组长负责","质检负责"\],"answer/);
    expect((paper.json() as ExamPaper).key).toBeNull();
    expect((paper.json() as ExamPaper).questions.map((q) => q.kind)).toEqual(['single', 'multiple', 'true_false', 'fill']);
    expect(JSON.stringify(await json(a1, 'GET', '/api/v1/training/my-exams'))).not.toMatch(/accepted|"answers?"/);
    expect((await json<{ items: MyExam[] }>(a5, 'GET', '/api/v1/training/my-exams')).items).toEqual([]);
    expect((await h.call(a5, 'POST', `/api/v1/training/my-exams/${exam.id}/submissions`, { answers: fullMarks })).statusCode).toBe(404);
    for (const token of [a1, leader1, qa]) expect((await h.call(token, 'GET', `/api/v1/training/exams/${exam.id}`)).statusCode).toBe(403);
    expect(JSON.stringify(await json(leader1, 'GET', '/api/v1/training/exams'))).not.toMatch(/accepted|"answers?"/);

    // Marked at once; a second hand-in is refused in Chinese and changes nothing.
    const first = await json<ExamSubmission>(a1, 'POST', `/api/v1/training/my-exams/${exam.id}/submissions`, { answers: { ...fullMarks, q4: ' ４８ ' } }, 201);
    expect(first).toMatchObject({ attempt: 1, score: 10, total: 10, percent: 100, passed: true });
    expect(await refused(a1, 'POST', `/api/v1/training/my-exams/${exam.id}/submissions`, { answers: {} }, 409)).toBe('你已交过卷，不能重复提交');
    const second = await json<ExamSubmission>(a2, 'POST', `/api/v1/training/my-exams/${exam.id}/submissions`, { answers: { q1: 0, q2: [0, 1], q3: true, q4: '24' } }, 201);
    expect(second).toMatchObject({ score: 4, percent: 40, passed: false });
    expect(second.marks.map((m) => m.correct)).toEqual([true, false, true, false]);
    expect(await refused(a3, 'POST', `/api/v1/training/my-exams/${exam.id}/submissions`, { answers: { q9: 1 } }, 400)).toBe('答卷里有试卷上没有的题目：q9');
    expect((await json<{ items: MyExam[] }>(a1, 'GET', '/api/v1/training/my-exams')).items[0]).toMatchObject({ attemptsUsed: 1, best: { percent: 100 } });

    // Results: the trainer sees every taker, the team's leader the team, another leader not at all, agents never.
    const results = await json<ExamResults>(trainer, 'GET', `/api/v1/training/exams/${exam.id}/results`);
    expect(results.rows).toHaveLength(4);
    expect(results.rows.find((r) => r.agentId === ids['8001'])).toMatchObject({ attempts: 1, percent: 100, passed: true });
    expect(results.rows.find((r) => r.agentId === ids['8003'])).toMatchObject({ attempts: 0, percent: null, passed: null });
    expect(results.passRates.byTeam).toEqual([{ cohort: '客服一组 Team 1', takers: 2, passed: 1, passRate: 0.5, meanPercent: 70 }]);
    // Cohorts by hire month: 8002's staff record says November; 8001 has none, so the account's month counts.
    expect(results.passRates.byHireMonth.map((c) => [c.takers, c.passed])).toEqual([[2, 1]]);
    await json(manager, 'PUT', `/api/v1/staff/records/${ids['8002']}`, { hireDate: '2025-11-03' });
    const byHire = (await json<ExamResults>(trainer, 'GET', `/api/v1/training/exams/${exam.id}/results`)).passRates.byHireMonth;
    expect(byHire).toHaveLength(2);
    expect(byHire.find((c) => c.cohort === '2025-11')).toEqual({ cohort: '2025-11', takers: 1, passed: 0, passRate: 0, meanPercent: 40 });
    expect((await json<ExamResults>(leader1, 'GET', `/api/v1/training/exams/${exam.id}/results`)).rows).toHaveLength(4);
    expect((await h.call(leader2, 'GET', `/api/v1/training/exams/${exam.id}/results`)).statusCode).toBe(404);
    expect((await h.call(a1, 'GET', `/api/v1/training/exams/${exam.id}/results`)).statusCode).toBe(403);

    // After the window: no more hand-ins, and the paper now shows the answers.
    h.clock.advance(3 * HOUR);
    await loginAll();
    expect(await refused(a3, 'POST', `/api/v1/training/my-exams/${exam.id}/submissions`, { answers: fullMarks }, 409)).toBe('考试已结束，不能再交卷');
    const closed = await json<ExamPaper>(a2, 'GET', `/api/v1/training/my-exams/${exam.id}`);
    expect(closed.exam.window).toBe('closed');
    expect(closed.key?.[1]).toMatchObject({ kind: 'multiple', answers: [0, 1, 3] });
    expect(closed.submissions).toHaveLength(1);
  });

  it('refuses a hand-in before the exam opens', async () => {
    const exam = await json<ExamDetail>(trainer, 'POST', '/api/v1/training/exams', { title: '下周考试', questions }, 201);
    const now = h.clock.now();
    await json(trainer, 'POST', `/api/v1/training/exams/${exam.id}/publish`, {
      agentIds: [ids['8005']],
      opensAt: new Date(now + 24 * HOUR).toISOString(),
      closesAt: new Date(now + 48 * HOUR).toISOString(),
    });
    expect((await json<{ items: MyExam[] }>(a5, 'GET', '/api/v1/training/my-exams')).items[0]).toMatchObject({ window: 'upcoming' });
    expect(await refused(a5, 'GET', `/api/v1/training/my-exams/${exam.id}`, undefined, 409)).toBe('考试尚未开始，请在开考时间后作答');
    expect(await refused(a5, 'POST', `/api/v1/training/my-exams/${exam.id}/submissions`, { answers: fullMarks }, 409)).toBe('考试尚未开始，请在开考时间后作答');
    expect(
      await refused(
        trainer,
        'POST',
        `/api/v1/training/exams/${exam.id}/publish`,
        { agentIds: [ids['8005']], opensAt: new Date(now).toISOString(), closesAt: new Date(now + HOUR).toISOString() },
        409,
      ),
    ).toBe('这场考试已经发布过了');
  });

  it("gives each agent's monthly exam score, in the caller's scope, for the assessment and as an Excel export", async () => {
    const scores = await monthlyExamScores(h.t.store, '2026-01', [ids['8001']!, ids['8002']!, ids['8005']!]);
    expect(Object.fromEntries(scores)).toEqual({ [ids['8001']!]: 100, [ids['8002']!]: 40 });
    expect((await monthlyExamScores(h.t.store, '2025-12', [ids['8001']!])).size).toBe(0);

    const month = await json<MonthlyExamScores>(trainer, 'GET', '/api/v1/training/scores?month=2026-01');
    expect(month.items.map((r) => [r.agentName, r.exams, r.passed, r.score])).toEqual([
      ['王芳', 1, 1, 100],
      ['李娜', 1, 0, 40],
    ]);
    expect(month.items.find((r) => r.agentName === '李娜')?.hireMonth).toBe('2025-11');
    expect((await json<MonthlyExamScores>(a2, 'GET', '/api/v1/training/scores?month=2026-01')).items.map((r) => r.agentId)).toEqual([ids['8002']]);
    expect((await json<MonthlyExamScores>(leader2, 'GET', '/api/v1/training/scores?month=2026-01')).items).toEqual([]);
    expect((await h.call(leader2, 'GET', `/api/v1/training/scores?month=2026-01&team=${team1}`)).statusCode).toBe(403);
    expect(await refused(trainer, 'GET', '/api/v1/training/scores?month=2026-13', undefined, 400)).toContain('月份格式应为 YYYY-MM');

    const res = await h.call(trainer, 'GET', '/api/v1/training/scores/export.xlsx?month=2026-01');
    expect(res.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const values = sheet.getSheetValues().map((row) => (Array.isArray(row) ? row.slice(1) : []));
    expect(values.some((row) => row.join('|') === '工号|姓名|班组|入职月份|考试次数|及格次数|平均成绩')).toBe(true);
    expect(values.some((row) => row[1] === '王芳' && row[6] === 100)).toBe(true);
    expect(values.some((row) => String(row[0]).includes('合格率 50%'))).toBe(true);
    const en = (await readBack((await h.call(trainer, 'GET', '/api/v1/training/scores/export.xlsx?month=2026-01&lang=en')).rawPayload)).sheets[0]!;
    expect(rowWith(en, 'Employee no.').join('|')).toBe('Employee no.|Name|Team|Hired|Exams|Passed|Mean score');
    expect(`${en.name} ${en.rows[0]!.join(' ')}`).not.toMatch(han);
    expect(en.rows.some((r) => r[0]!.includes('pass rate 50%'))).toBe(true);
    const [audit] = await h.t.store.query<{ n: string | number }>("SELECT count(*) AS n FROM audit_log WHERE action = 'export' AND subject = 'exam_scores'");
    // Each export is audited, the English one too.
    expect(Number(audit!.n)).toBe(2);
    expect((await h.call(a1, 'GET', '/api/v1/training/scores/export.xlsx?month=2026-01')).statusCode).toBe(403);
    expect((await h.call(qa, 'GET', '/api/v1/training/scores/export.xlsx?month=2026-01')).statusCode).toBe(403);
  });
});
