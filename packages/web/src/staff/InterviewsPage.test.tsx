// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from 'antd';
import { describe, expect, it, vi } from 'vitest';
import type { InterviewRoundDetail, InterviewRoundSummary, StoredRubric } from '@banzu/contract';
import { teamLeaderRubric } from '@banzu/core';
import { fakeApi } from '../testing/dom';
import { InterviewsPage } from './InterviewsPage';

const user = { id: 'l1', role: 'team_leader', displayName: '一组组长' };
vi.mock('../auth/AuthProvider', () => ({ useAuth: () => ({ user }) }));

const questions = teamLeaderRubric.questions.filter((q) => q.code === 'R1' || q.code === 'Q3');
const summary: InterviewRoundSummary = {
  id: 'r1',
  title: '2026 年一季度组长竞聘',
  rubricName: teamLeaderRubric.name,
  heldOn: '2026-01-20',
  status: 'open',
  candidates: 2,
  interviewers: 2,
  submitted: 1,
};
const round = (patch: Partial<InterviewRoundDetail>): InterviewRoundDetail => ({
  id: 'r1',
  title: summary.title,
  rubricName: summary.rubricName,
  heldOn: summary.heldOn,
  status: 'open',
  questions,
  candidates: [
    { agentId: 'a2', name: '李娜', employeeNo: '8002', teamName: '客服一组' },
    { agentId: 'a6', name: '赵勇', employeeNo: '8006', teamName: '客服二组' },
  ],
  interviewers: [
    { userId: 'l1', name: '一组组长', submitted: false },
    { userId: 'l2', name: '二组组长', submitted: true },
  ],
  mySheet: { scores: [], submitted: false },
  ranking: null,
  ...patch,
});

describe('晋升面试 page', () => {
  it('an interviewer reads the rules, scores each candidate per question, sees no ranking before submitting, then the ranking', async () => {
    const calls: { method: string; path: string; body: unknown }[] = [];
    let current = round({});
    fakeApi((method, path, body) => {
      calls.push({ method, path, body });
      if (path === '/api/v1/interviews/rounds') return [200, [summary]];
      if (path === '/api/v1/interviews/rounds/r1' && method === 'GET') return [200, current];
      if (path === '/api/v1/interviews/rounds/r1/scores') {
        const bad = (body as { scores: { points: number }[] }).scores.find((s) => s.points === 6);
        if (bad) return [400, { error: { code: 'invalid_request', message: '题目 Q3 的得分 6 不在任何评分档内（10、5、0）' } }];
        current = round({ mySheet: { scores: (body as { scores: InterviewRoundDetail['mySheet'] & object }).scores as never, submitted: false } });
        return [200, current];
      }
      if (path === '/api/v1/interviews/rounds/r1/submit') {
        current = round({
          mySheet: { scores: current.mySheet!.scores, submitted: true },
          interviewers: current.interviewers.map((i) => ({ ...i, submitted: true })),
          ranking: [
            { agentId: 'a2', name: '李娜', employeeNo: '8002', teamName: '客服一组', total: 26.5, byQuestion: { R1: 17.5, Q3: 9 }, interviewers: 2, rank: 1 },
            { agentId: 'a6', name: '赵勇', employeeNo: '8006', teamName: '客服二组', total: 20, byQuestion: { R1: 15, Q3: 5 }, interviewers: 2, rank: 2 },
          ],
        });
        return [200, current];
      }
      return [404, { error: { code: 'not_found', message: path } }];
    });
    render(
      <App>
        <InterviewsPage />
      </App>,
    );
    // A team leader organizes nothing: no rubric tab, only the panels the leader sits on.
    expect(screen.queryByRole('tab', { name: '评分模板' })).toBeNull();
    fireEvent.click(await screen.findByText('2026 年一季度组长竞聘'));
    expect(await screen.findByText('提交自己的评分表后才能看到排名。')).toBeTruthy();
    // The rubric's rules, as on paper: the required question's bands and the reference answer.
    fireEvent.click(screen.getByText(/R1 请以你的角度分析组长岗位的三项岗位核心工作内容/));
    expect(await screen.findByText('16-20 整体回答明确简介，个人思路明确，有重点有逻辑')).toBeTruthy();
    fireEvent.click(screen.getByText(/Q3 假如本次竞聘成功/));
    expect(await screen.findByText('熟悉组内数据、了解组内员工性格、积极与班长做好工作性格沟通等')).toBeTruthy();

    const score = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
    score('李娜 R1', '18');
    score('李娜 Q3', '6');
    fireEvent.click(screen.getByText('保存草稿'));
    expect(await screen.findByText('题目 Q3 的得分 6 不在任何评分档内（10、5、0）')).toBeTruthy();
    score('李娜 Q3', '10');
    score('赵勇 R1', '15');
    score('赵勇 Q3', '5');
    fireEvent.click(screen.getByText('保存草稿'));
    await waitFor(() => expect(calls.filter((c) => c.path.endsWith('/scores'))).toHaveLength(2));
    expect(calls.filter((c) => c.path.endsWith('/scores'))[1]!.body).toEqual({
      scores: [
        { agentId: 'a2', questionCode: 'R1', points: 18 },
        { agentId: 'a2', questionCode: 'Q3', points: 10 },
        { agentId: 'a6', questionCode: 'R1', points: 15 },
        { agentId: 'a6', questionCode: 'Q3', points: 5 },
      ],
    });

    // Saved: the buttons are no longer busy.
    await waitFor(() => expect(screen.getByText('提交评分表').closest('button')!.className).not.toContain('ant-btn-loading'));
    fireEvent.click(screen.getByText('提交评分表'));
    fireEvent.click(await screen.findByRole('button', { name: 'OK' }, { timeout: 5000 }));
    // The ranking below the sheet: best first, with the total.
    const ranking = (await screen.findByText('总分为各面试官总分的平均分')).closest('.ant-card')! as HTMLElement;
    const [first, second] = within(ranking).getAllByRole('row').slice(1);
    expect(within(first!).getByText('8002 李娜')).toBeTruthy();
    expect(within(first!).getByText('26.5')).toBeTruthy();
    expect(within(second!).getByText('8006 赵勇')).toBeTruthy();
    expect(screen.getByText('你已提交评分表。')).toBeTruthy();
    expect((screen.getByLabelText('李娜 R1') as HTMLInputElement).disabled).toBe(true);
  });

  it('an organizer sees the built-in rubric, which is saved as a new one rather than changed, its bands intact', async () => {
    user.role = 'manager';
    const rubrics: StoredRubric[] = [{ ...teamLeaderRubric, builtin: true }];
    const posted: unknown[] = [];
    fakeApi((method, path, body) => {
      if (path === '/api/v1/interviews/rounds' && method === 'GET') return [200, []];
      if (path === '/api/v1/interviews/rubrics' && method === 'GET') return [200, rubrics];
      if (path === '/api/v1/users') return [200, []];
      if (method === 'POST' && path === '/api/v1/interviews/rubrics') {
        posted.push(body);
        return [201, { ...(body as object), id: 'own', builtin: false }];
      }
      return [404, { error: { code: 'not_found', message: path } }];
    });
    render(
      <App>
        <InterviewsPage />
      </App>,
    );
    expect(await screen.findByText('还没有面试')).toBeTruthy();
    expect(await screen.findByText('新建面试', { selector: '.ant-card-head-title' })).toBeTruthy();
    fireEvent.click(screen.getByRole('tab', { name: '评分模板' }));
    expect(await screen.findByText(/内置模板来自《面试问题答案及评分规则》/)).toBeTruthy();
    // Only "save as new" for a built-in.
    expect(screen.queryByText('保存模板')).toBeNull();
    expect((screen.getByLabelText('评分规则 1') as HTMLTextAreaElement).value.split('\n')[0]).toBe('16-20 整体回答明确简介，个人思路明确，有重点有逻辑');
    fireEvent.change(screen.getByLabelText('模板名称'), { target: { value: '2026 组长竞聘' } });
    fireEvent.click(screen.getByText('另存为新模板'));
    await waitFor(() => expect(posted).toHaveLength(1));
    const saved = posted[0] as StoredRubric;
    expect(saved.name).toBe('2026 组长竞聘');
    expect(saved.questions[0]!.bands).toEqual(teamLeaderRubric.questions[0]!.bands);
    expect(saved.questions[1]!.bands).toEqual(teamLeaderRubric.questions[1]!.bands);
  });
});

describe('晋升面试: a new round', () => {
  it('an organizer names the round, its date, the candidates (agents) and the interviewers, and the round opens', async () => {
    user.role = 'manager';
    const posted: unknown[] = [];
    fakeApi((method, path, body) => {
      if (path === '/api/v1/interviews/rounds' && method === 'GET') return [200, []];
      if (path === '/api/v1/interviews/rubrics') return [200, [{ ...teamLeaderRubric, builtin: true }]];
      if (path === '/api/v1/users')
        return [
          200,
          [
            { id: 'a2', username: '8002', displayName: '李娜', role: 'agent', teamId: 't1', employeeNo: '8002', disabled: false, skills: [] },
            { id: 'l1', username: 'leader1', displayName: '一组组长', role: 'team_leader', teamId: 't1', employeeNo: null, disabled: false, skills: [] },
          ],
        ];
      if (path === '/api/v1/interviews/rounds' && method === 'POST') {
        posted.push(body);
        return [201, round({ id: 'r9', title: '组长竞聘', mySheet: null, ranking: [] })];
      }
      if (path === '/api/v1/interviews/rounds/r9') return [200, round({ id: 'r9', title: '组长竞聘', mySheet: null, ranking: [] })];
      return [404, { error: { code: 'not_found', message: path } }];
    });
    render(
      <App>
        <InterviewsPage />
      </App>,
    );
    const create = await screen.findByRole('button', { name: '新建面试' });
    fireEvent.click(create);
    expect(await screen.findByText('请填写面试名称')).toBeTruthy();
    expect(posted).toEqual([]);
    fireEvent.change(screen.getByLabelText('面试名称'), { target: { value: '组长竞聘' } });
    fireEvent.change(screen.getByLabelText('面试日期'), { target: { value: '2026-01-20' } });
    fireEvent.mouseDown(screen.getByLabelText('候选人（座席）'));
    fireEvent.click(await screen.findByTitle('8002 李娜'));
    fireEvent.mouseDown(screen.getByLabelText('面试官'));
    fireEvent.click(await screen.findByTitle('leader1 一组组长'));
    fireEvent.click(create);
    await waitFor(() => expect(posted).toHaveLength(1));
    // No questions picked: the round asks the whole rubric.
    expect(posted[0]).toEqual({ title: '组长竞聘', rubricId: 'builtin-team-leader', heldOn: '2026-01-20', candidates: ['a2'], interviewers: ['l1'] });
    expect(await screen.findByText(/组长竞聘 · 2026-01-20/)).toBeTruthy();
  });
});
