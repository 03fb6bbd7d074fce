// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from 'antd';
import { describe, expect, it, vi } from 'vitest';
import { fakeApi } from '../testing/dom';
import type { AssessmentSheet } from '@banzu/contract';
import { AssessmentsPage } from './AssessmentsPage';

const user = { id: 'l1', role: 'team_leader', displayName: '组长' };
vi.mock('../auth/AuthProvider', () => ({ useAuth: () => ({ user }) }));

const component = (value: number | null, reason: string | null = null) => ({ value, score: value, reason });
const sheet = (over: Partial<AssessmentSheet>): AssessmentSheet => ({
  agentId: 'u1',
  employeeNo: '8001',
  name: '王芳',
  teamId: 't1',
  teamName: '客服一组',
  month: '2025-12',
  score: 92.5,
  rank: 1,
  rankedOf: 2,
  centerRank: 3,
  centerRankedOf: 10,
  bonus: 355,
  bonusDetail: { attendance: 170, evaluation: 185, total: 355, deductions: [{ kind: 'sick', days: 3, amount: 30, forfeit: false }], absence: { days: 0, forfeit: false } },
  components: { kpi: 90, qa: 95, attendance: 100, points: 2, exam: null },
  componentDetails: {
    kpi: { ...component(90), lines: [] },
    qa: component(95),
    attendance: { ...component(100), source: 'logins', expected: 20, attended: 20, late: 0, earlyLeave: 0, absent: 0, briefingsHeld: 4, briefingsAttended: 3 },
    points: component(2),
    exam: component(null, '本月没有考试成绩'),
  },
  missing: ['exam'],
  leave: { sick: 3, personal: 0, annual: 0, marriage: 0, maternity: 0, bereavement: 0 },
  comment: '',
  commentedBy: null,
  commentedAt: null,
  confirmedBy: null,
  confirmedAt: null,
  frozen: false,
  ...over,
});
const rules = { weights: { kpi: 30, qa: 30, attendance: 15, points: 15, exam: 10 } };

describe('月度考核 page', () => {
  it('the leader sees the team with ranks and bonuses, a missing exam as a dash with its reason, writes a comment, and exports', async () => {
    const posted: { path: string; body: unknown }[] = [];
    let comment = '';
    fakeApi((method, path, body) => {
      if (path === '/api/v1/teams') return [200, [{ id: 't1', name: '客服一组' }]];
      if (method === 'POST') {
        posted.push({ path, body });
        comment = (body as { comment: string }).comment;
        return [200, {}];
      }
      if (path === '/api/v1/assessments?month=2025-12&team=t1')
        return [
          200,
          {
            month: '2025-12',
            monthOver: true,
            rules,
            items: [
              sheet({ comment }),
              sheet({
                agentId: 'u2',
                employeeNo: '8002',
                name: '李娜',
                score: 70,
                rank: 2,
                bonus: 140,
                bonusDetail: { attendance: 0, evaluation: 140, total: 140, deductions: [], absence: { days: 2, forfeit: true } },
              }),
            ],
          },
        ];
      return [404, { error: { code: 'not_found', message: path } }];
    });
    render(
      <App>
        <AssessmentsPage initialMonth="2025-12" />
      </App>,
    );
    const row = (await screen.findByText('王芳')).closest('tr')!;
    expect(within(row).getByText('92.5')).toBeTruthy();
    expect(within(row).getByText('1 / 2')).toBeTruthy();
    expect(within(row).getByText('355')).toBeTruthy();
    expect(within(row).getByText('100%')).toBeTruthy();
    expect(within(row).getByText('早会 3/4')).toBeTruthy();
    expect(within(row).getByLabelText('本月没有考试成绩').textContent).toBe('—');
    expect(within(screen.getByText('李娜').closest('tr')!).getByText('2 / 2')).toBeTruthy();
    expect(screen.getByText('导出 Excel').closest('a')?.getAttribute('href')).toBe('/api/v1/assessments/export?month=2025-12&team=t1&lang=zh-CN');

    fireEvent.click(within(row).getByText('写评语'));
    fireEvent.change(await screen.findByLabelText('组长评语'), { target: { value: '接听效率高' } });
    fireEvent.click(screen.getByText('保存评语'));
    await waitFor(() => expect(posted).toEqual([{ path: '/api/v1/assessments/2025-12/u1/comment', body: { comment: '接听效率高' } }]));
    // In the team's table, not the closing dialog's text box.
    await waitFor(() => expect(screen.getAllByText('接听效率高').filter((e) => e.closest('td'))).toHaveLength(1));
  });

  it('an agent sees the own sheet with the leave deduction and confirms it; then it shows as confirmed', async () => {
    user.role = 'agent';
    let confirmedAt: string | null = null;
    const posted: string[] = [];
    fakeApi((method, path) => {
      if (method === 'POST') {
        posted.push(path);
        confirmedAt = '2026-01-05T01:00:00.000Z';
        return [200, {}];
      }
      if (path === '/api/v1/assessments?month=2025-12')
        return [200, { month: '2025-12', monthOver: true, rules, items: [sheet({ comment: '继续保持', confirmedAt, frozen: confirmedAt !== null })] }];
      return [404, { error: { code: 'not_found', message: path } }];
    });
    render(
      <App>
        <AssessmentsPage initialMonth="2025-12" />
      </App>,
    );
    await screen.findByText('我的考核表');
    expect(await screen.findByText('病假 3 天，扣 30 元')).toBeTruthy();
    expect(screen.getByText('355 元')).toBeTruthy();
    expect(screen.getByText('— 本月没有考试成绩')).toBeTruthy();
    expect(screen.getByText('继续保持')).toBeTruthy();
    fireEvent.click(screen.getByText('确认考核表'));
    await screen.findByText(/^确认于 2026-01-05/);
    expect(posted).toEqual(['/api/v1/assessments/2025-12/confirm']);
    expect(screen.queryByText('确认考核表')).toBeNull();
  });

  it('an agent cannot confirm a month still under way', async () => {
    user.role = 'agent';
    fakeApi((_method, path) => {
      if (path === '/api/v1/assessments?month=2026-01') return [200, { month: '2026-01', monthOver: false, rules, items: [sheet({})] }];
      return [404, { error: { code: 'not_found', message: path } }];
    });
    render(
      <App>
        <AssessmentsPage initialMonth="2026-01" />
      </App>,
    );
    await screen.findByText('月底后才能确认');
    expect(screen.getByText('确认考核表').closest('button')?.disabled).toBe(true);
  });

  it('a manager changes the weights and the sick-leave rate of the center, and the sheets are read again', async () => {
    user.role = 'manager';
    const put: unknown[] = [];
    let reads = 0;
    const centerRules = {
      ...rules,
      attendanceBonus: 200,
      evaluationBonus: 200,
      evaluationMinScore: 60,
      leaveDeductions: { sick: { perDay: 10, forfeitAtDays: 7 }, personal: { perDay: 30, forfeitAtDays: 5 } },
      scorePerPoint: 1,
    };
    fakeApi((method, path, body) => {
      if (path === '/api/v1/teams') return [200, [{ id: 't1', name: '客服一组' }]];
      if (path === '/api/v1/assessment-rules') {
        if (method === 'PUT') put.push(body);
        return [200, method === 'PUT' ? body : centerRules];
      }
      if (path === '/api/v1/assessments?month=2025-12&team=t1') {
        reads++;
        return [200, { month: '2025-12', monthOver: true, rules: centerRules, items: [sheet({})] }];
      }
      return [404, { error: { code: 'not_found', message: path } }];
    });
    render(
      <App>
        <AssessmentsPage initialMonth="2025-12" />
      </App>,
    );
    await screen.findByText('考核规则');
    await screen.findByText('王芳');
    fireEvent.change(screen.getByLabelText('权重·质检成绩'), { target: { value: '50' } });
    fireEvent.change(screen.getByLabelText('病假·每天扣发'), { target: { value: '20' } });
    fireEvent.click(screen.getByText('保存规则'));
    await waitFor(() => expect(put).toHaveLength(1));
    expect(put[0]).toMatchObject({ weights: { kpi: 30, qa: 50 }, leaveDeductions: { sick: { perDay: 20, forfeitAtDays: 7 }, personal: { perDay: 30, forfeitAtDays: 5 } } });
    await waitFor(() => expect(reads).toBe(2));
  });
});
