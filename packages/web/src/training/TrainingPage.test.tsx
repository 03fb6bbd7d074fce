// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from 'antd';
import { AuthProvider } from '../auth/AuthProvider';
import { describe, expect, it } from 'vitest';
import type { ExamDetail, ExamPaper, ExamResults, ExamSubmission, ExamSummary } from '@banzu/contract';
import { fakeApi } from '../testing/dom';
import { ExamEditor } from './ExamEditor';
import { ExamsTab } from './ExamsTab';
import { MonthScores } from './MonthScores';
import { TrainingPage } from './TrainingPage';
import { TakeExam } from './TakeExam';

const wrap = (ui: React.ReactNode) => render(<App>{ui}</App>);

const paper: ExamPaper = {
  exam: {
    id: 'e1',
    title: '一月业务考试',
    passPercent: 60,
    total: 10,
    questionCount: 4,
    maxAttempts: 1,
    opensAt: '2026-01-05T01:00:00Z',
    closesAt: '2026-01-05T03:00:00Z',
    window: 'open',
    attemptsUsed: 0,
    best: null,
  },
  questions: [
    { key: 'q1', kind: 'single', text: '首问负责制是指？', points: 2, options: ['谁先接谁负责到底', '组长负责'] },
    { key: 'q2', kind: 'multiple', text: '交接班要交哪些？', points: 4, options: ['情况', '设备', '午饭'] },
    { key: 'q3', kind: 'true_false', text: '病假每天扣发10元', points: 2 },
    { key: 'q4', kind: 'fill', text: '投诉须在__小时内答复', points: 2 },
  ],
  submissions: [],
  key: null,
};

const marked: ExamSubmission = {
  id: 's1',
  attempt: 1,
  score: 8,
  total: 10,
  percent: 80,
  passed: true,
  marks: [
    { key: 'q1', correct: true, points: 2 },
    { key: 'q2', correct: true, points: 4 },
    { key: 'q3', correct: false, points: 0 },
    { key: 'q4', correct: true, points: 2 },
  ],
  answers: { q1: 0, q2: [0, 1], q3: false, q4: '48' },
  submittedAt: '2026-01-05T01:30:00Z',
};

describe('training and exams', () => {
  it('lets an agent take an exam: answers each kind, is warned of an unanswered question, hands in once and sees the mark', async () => {
    const posted: unknown[] = [];
    fakeApi((method, path, body) => {
      if (method === 'GET' && path === '/api/v1/training/my-exams/e1') return [200, paper];
      if (method === 'POST' && path === '/api/v1/training/my-exams/e1/submissions') {
        posted.push(body);
        return [201, marked];
      }
      return [404, { error: { code: 'not_found', message: path } }];
    });
    wrap(<TakeExam examId="e1" onBack={() => {}} />);
    await screen.findByText('1. 首问负责制是指？');
    // No right answer is shown while the exam is open.
    expect(screen.queryByText(/正确答案：/)).toBeNull();
    fireEvent.click(screen.getByLabelText('A. 谁先接谁负责到底'));
    fireEvent.click(screen.getByLabelText('B. 设备'));
    fireEvent.click(screen.getByLabelText('A. 情况'));
    fireEvent.click(screen.getByLabelText('错'));
    fireEvent.click(screen.getByRole('button', { name: /交\s?卷/ }));
    expect(await screen.findByText('还有 1 道题未作答，确定交卷吗？再点一次“交卷”提交。')).toBeTruthy();
    expect(posted).toEqual([]);
    fireEvent.change(screen.getByLabelText('q4-answer'), { target: { value: '48' } });
    fireEvent.click(screen.getByRole('button', { name: /交\s?卷/ }));
    await screen.findByText('你的成绩：8 / 10（80%）及格');
    expect(posted).toEqual([{ answers: { q1: 0, q2: [0, 1], q3: false, q4: '48' } }]);
    // Handed in: no second hand-in, each question marked, the answers come after the exam closes.
    expect(screen.queryByRole('button', { name: /交\s?卷/ })).toBeNull();
    expect(screen.getAllByText('正确')).toHaveLength(3);
    expect(screen.getAllByText('错误')).toHaveLength(1);
    expect(screen.getByText('考试结束后可查看正确答案')).toBeTruthy();
    expect((screen.getByLabelText('q4-answer') as HTMLInputElement).disabled).toBe(true);
  });

  it('shows the server’s refusal in Chinese and the right answers once the exam has closed', async () => {
    fakeApi((method, path) => {
      if (method === 'GET') return [200, { ...paper, exam: { ...paper.exam, window: 'open' } }];
      if (path.endsWith('/submissions')) return [409, { error: { code: 'closed', message: '考试已结束，不能再交卷' } }];
      return [404, {}];
    });
    wrap(<TakeExam examId="e1" onBack={() => {}} />);
    await screen.findByText('1. 首问负责制是指？');
    for (const q of ['q4']) fireEvent.change(screen.getByLabelText(`${q}-answer`), { target: { value: '48' } });
    fireEvent.click(screen.getByLabelText('A. 谁先接谁负责到底'));
    fireEvent.click(screen.getByLabelText('A. 情况'));
    fireEvent.click(screen.getByLabelText('对'));
    fireEvent.click(screen.getByRole('button', { name: /交\s?卷/ }));
    expect(await screen.findByText('考试已结束，不能再交卷')).toBeTruthy();

    const closed: ExamPaper = {
      ...paper,
      exam: { ...paper.exam, window: 'closed', attemptsUsed: 1, best: marked },
      submissions: [marked],
      key: [
        { key: 'q1', kind: 'single', text: '首问负责制是指？', points: 2, options: ['谁先接谁负责到底', '组长负责'], answer: 0 },
        { key: 'q2', kind: 'multiple', text: '交接班要交哪些？', points: 4, options: ['情况', '设备', '午饭'], answers: [0, 1] },
        { key: 'q3', kind: 'true_false', text: '病假每天扣发10元', points: 2, answer: true },
        { key: 'q4', kind: 'fill', text: '投诉须在__小时内答复', points: 2, accepted: ['48', '四十八'] },
      ],
    };
    fakeApi(() => [200, closed]);
    wrap(<TakeExam examId="e2" onBack={() => {}} />);
    expect(await screen.findByText('正确答案：情况、设备')).toBeTruthy();
    expect(screen.getByText('正确答案：对')).toBeTruthy();
    expect(screen.getByText('正确答案：48 / 四十八')).toBeTruthy();
  });

  it('lets the trainer write an exam of several kinds with the right answers and saves it', async () => {
    const posted: unknown[] = [];
    fakeApi((method, path, body) => {
      if (method === 'POST' && path === '/api/v1/training/exams') {
        posted.push(body);
        return [201, { id: 'e1' } as ExamDetail];
      }
      return [400, { error: { code: 'invalid_request', message: '?' } }];
    });
    let saved: ExamDetail | null = null;
    wrap(<ExamEditor editing={null} courses={[]} onSaved={(e) => (saved = e)} onCancel={() => {}} />);
    fireEvent.change(screen.getByLabelText('考试名称'), { target: { value: '一月业务考试' } });
    fireEvent.change(screen.getByLabelText('及格线（%）'), { target: { value: '80' } });
    fireEvent.change(screen.getByLabelText('q1-text'), { target: { value: '首问负责制是指？' } });
    fireEvent.change(screen.getByLabelText('q1-option1'), { target: { value: '组长负责' } });
    fireEvent.change(screen.getByLabelText('q1-option2'), { target: { value: '谁先接谁负责到底' } });
    fireEvent.click(screen.getByLabelText('q1-correct2'));

    fireEvent.click(screen.getByRole('button', { name: '添加题目' }));
    fireEvent.mouseDown(screen.getByLabelText('q2-kind'));
    fireEvent.click(await screen.findByTitle('填空题'));
    fireEvent.change(await screen.findByLabelText('q2-text'), { target: { value: '投诉须在__小时内答复' } });
    fireEvent.change(screen.getByLabelText('q2-accepted'), { target: { value: '48| 四十八 |' } });
    fireEvent.change(screen.getByLabelText('q2-points'), { target: { value: '3' } });

    fireEvent.click(screen.getByRole('button', { name: /保\s?存/ }));
    await waitFor(() => expect(saved).not.toBeNull());
    expect(posted).toEqual([
      {
        title: '一月业务考试',
        courseId: null,
        passPercent: 80,
        maxAttempts: 1,
        questions: [
          { key: 'q1', kind: 'single', text: '首问负责制是指？', points: 2, options: ['组长负责', '谁先接谁负责到底'], answer: 1 },
          { key: 'q2', kind: 'fill', text: '投诉须在__小时内答复', points: 3, accepted: ['48', '四十八'] },
        ],
      },
    ]);
  });

  it('shows the trainer what the server found wrong with the questions', async () => {
    fakeApi(() => [400, { error: { code: 'invalid_request', message: '第 1 题没有题干' } }]);
    wrap(<ExamEditor editing={null} courses={[]} onSaved={() => {}} onCancel={() => {}} />);
    fireEvent.click(screen.getByRole('button', { name: /保\s?存/ }));
    expect(await screen.findByText('第 1 题没有题干')).toBeTruthy();
    expect(within(document.body).queryByText('已保存')).toBeNull();
  });

  it('lets the trainer publish a draft to a team for a window in the center’s time, then read the results with the pass rate per team', async () => {
    const summary: ExamSummary = {
      id: 'e1',
      title: '一月业务考试',
      courseId: null,
      status: 'draft',
      passPercent: 60,
      maxAttempts: 1,
      questionCount: 4,
      total: 10,
      opensAt: null,
      closesAt: null,
      teamIds: [],
      agentIds: [],
      takers: 0,
      submitted: 0,
      createdBy: '培训师',
      createdAt: '2026-01-05T01:00:00Z',
      updatedAt: '2026-01-05T01:00:00Z',
      publishedAt: null,
    };
    const published = { ...summary, status: 'published' as const, opensAt: '2026-01-05T01:00:00.000Z', closesAt: '2026-01-06T01:00:00.000Z', takers: 4, submitted: 2 };
    const results: ExamResults = {
      exam: published,
      rows: [
        {
          agentId: 'a1',
          agentName: '王芳',
          employeeNo: '8001',
          teamId: 't1',
          teamName: '客服一组',
          hireMonth: '2025-12',
          attempts: 1,
          score: 10,
          percent: 100,
          passed: true,
          submittedAt: '2026-01-05T02:00:00Z',
        },
        {
          agentId: 'a3',
          agentName: '刘洋',
          employeeNo: '8003',
          teamId: 't1',
          teamName: '客服一组',
          hireMonth: '2025-12',
          attempts: 0,
          score: null,
          percent: null,
          passed: null,
          submittedAt: null,
        },
      ],
      passRates: { byTeam: [{ cohort: '客服一组', takers: 2, passed: 1, passRate: 0.5, meanPercent: 70 }], byHireMonth: [] },
    };
    let current = summary;
    const posted: unknown[] = [];
    fakeApi((method, path, body) => {
      if (path === '/api/v1/training/exams') return [200, { items: [current] }];
      if (path === '/api/v1/training/courses') return [200, { items: [] }];
      if (path === '/api/v1/teams') return [200, [{ id: 't1', name: '客服一组', siteId: 's', leaderIds: [], agentCount: 4 }]];
      if (method === 'POST' && path === '/api/v1/training/exams/e1/publish') {
        posted.push(body);
        current = published;
        return [200, published];
      }
      if (path === '/api/v1/training/exams/e1/results') return [200, results];
      return [404, { error: { code: 'not_found', message: path } }];
    });
    wrap(<ExamsTab timeZone="Asia/Shanghai" canRun />);
    fireEvent.click(await screen.findByRole('button', { name: /发\s?布/ }));
    fireEvent.mouseDown(await screen.findByLabelText('参加的班组'));
    fireEvent.click(await screen.findByTitle('客服一组'));
    fireEvent.change(screen.getByLabelText('开考时间'), { target: { value: '2026-01-05T09:00' } });
    fireEvent.change(screen.getByLabelText('截止时间'), { target: { value: '2026-01-06T09:00' } });
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: /发\s?布/ }));
    await waitFor(() => expect(posted).toEqual([{ teamIds: ['t1'], opensAt: '2026-01-05T01:00:00.000Z', closesAt: '2026-01-06T01:00:00.000Z' }]));
    fireEvent.click(await screen.findByRole('button', { name: /成\s?绩/ }));
    expect(await screen.findByText('10（100%）及格')).toBeTruthy();
    expect(screen.getByText('未交卷')).toBeTruthy();
    expect(screen.getByText('50%')).toBeTruthy();
  });

  it.each([
    ['agent', ['我的考试', '每月成绩', '课程'], '开始答题'],
    ['trainer', ['考试', '每月成绩', '课程'], '新建考试'],
  ])('gives the %s the tabs of the role', async (role, tabs, action) => {
    const me = { id: 'u1', role, displayName: '用户', teamId: role === 'agent' ? 't1' : null, skills: [] };
    fakeApi((_method, path) => {
      if (path === '/api/v1/auth/session') return [200, { user: me, expired: false }];
      if (path === '/api/v1/center') return [200, { timeZone: 'Asia/Shanghai' }];
      if (path === '/api/v1/training/my-exams') return [200, { items: [paper.exam] }];
      if (path === '/api/v1/training/exams' || path === '/api/v1/training/courses') return [200, { items: [] }];
      if (path.startsWith('/api/v1/training/scores')) return [200, { month: '2026-01', items: [], passRates: { byTeam: [], byHireMonth: [] } }];
      return [404, { error: { code: 'not_found', message: path } }];
    });
    wrap(
      <AuthProvider>
        <TrainingPage />
      </AuthProvider>,
    );
    expect(await screen.findByRole('button', { name: action }, { timeout: 5000 })).toBeTruthy();
    expect(screen.getAllByRole('tab').map((t) => t.textContent)).toEqual(tabs);
  });

  it("shows a team's month of exam scores with its pass rate, and exports that team's month", async () => {
    const asked: string[] = [];
    fakeApi((_method, path) => {
      if (path === '/api/v1/teams') return [200, [{ id: 't1', name: '客服一组', siteId: 's', leaderIds: [], agentCount: 4 }]];
      if (path.startsWith('/api/v1/training/scores')) {
        asked.push(path);
        const items = path.includes('team=t1')
          ? [{ agentId: 'a1', agentName: '王芳', employeeNo: '8001', teamId: 't1', teamName: '客服一组', hireMonth: '2025-12', exams: 2, passed: 1, score: 72.5 }]
          : [];
        return [200, { month: '2026-01', items, passRates: { byTeam: [{ cohort: '客服一组', takers: 2, passed: 1, passRate: 0.5, meanPercent: 70 }], byHireMonth: [] } }];
      }
      return [404, { error: { code: 'not_found', message: path } }];
    });
    wrap(<MonthScores month="2026-01" canExport allTeams />);
    fireEvent.mouseDown(await screen.findByLabelText('班组'));
    fireEvent.click(await screen.findByTitle('客服一组'));
    expect(await screen.findByText('72.5', {}, { timeout: 5000 })).toBeTruthy();
    expect(asked).toEqual(['/api/v1/training/scores?month=2026-01', '/api/v1/training/scores?month=2026-01&team=t1']);
    expect(screen.getByRole('link', { name: /导出 Excel/ }).getAttribute('href')).toBe('/api/v1/training/scores/export.xlsx?month=2026-01&team=t1&lang=zh-CN');
    expect(screen.getByText('50%')).toBeTruthy();
  });
});
