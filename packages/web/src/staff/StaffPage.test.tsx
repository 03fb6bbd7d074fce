// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from 'antd';
import { describe, expect, it, vi } from 'vitest';
import type { StaffDetail, StaffRow, TurnoverReport } from '@banzu/contract';
import { fakeApi } from '../testing/dom';
import { StaffPage } from './StaffPage';

const user = { id: 'l1', role: 'team_leader', displayName: '一组组长' };
vi.mock('../auth/AuthProvider', () => ({ useAuth: () => ({ user }) }));

const record = (agentId: string, patch: Partial<NonNullable<StaffRow['record']>>) => ({
  agentId,
  hireDate: '2025-12-01',
  probationEnd: '2026-02-28',
  probationOutcome: 'pending' as const,
  leaveDate: null,
  leaveCategory: null,
  leaveNote: '',
  updatedAt: '2026-01-05T01:00:00.000Z',
  updatedBy: 'l1',
  ...patch,
});
const rows: StaffRow[] = [
  { agentId: 'a1', name: '王芳', employeeNo: '8001', teamId: 't1', teamName: '客服一组', record: record('a1', { probationOutcome: 'passed' }), tenureMonths: 1 },
  {
    agentId: 'a2',
    name: '李娜',
    employeeNo: '8002',
    teamId: 't1',
    teamName: '客服一组',
    record: record('a2', { leaveDate: '2026-01-15', leaveCategory: 'resigned', leaveNote: '回老家' }),
    tenureMonths: 1,
  },
  { agentId: 'a3', name: '刘洋', employeeNo: '8003', teamId: 't1', teamName: '客服一组', record: null, tenureMonths: null },
];
const turnover: TurnoverReport = {
  months: ['2025-12', '2026-01'],
  teams: [
    {
      teamId: 't1',
      name: '客服一组',
      cells: [
        { month: '2025-12', leavers: 0, headcount: 2, turnover: 0 },
        { month: '2026-01', leavers: 1, headcount: 3, turnover: 1 / 3 },
      ],
    },
  ],
  total: [
    { month: '2025-12', leavers: 0, headcount: 2, turnover: 0 },
    { month: '2026-01', leavers: 1, headcount: 3, turnover: 1 / 3 },
  ],
  byCategory: [{ month: '2026-01', category: 'resigned', leavers: 1 }],
};

describe('员工档案 page', () => {
  it('lists the team with hire date, probation, tenure and leaving, and shows turnover by month with its definition', async () => {
    const asked: string[] = [];
    fakeApi((_method, path) => {
      asked.push(path);
      if (path === '/api/v1/staff/records') return [200, { items: rows }];
      if (path.startsWith('/api/v1/staff/turnover')) return [200, turnover];
      return [404, { error: { code: 'not_found', message: path } }];
    });
    render(
      <App>
        <StaffPage today={new Date(2026, 0, 5)} />
      </App>,
    );
    const wang = (await screen.findByText('王芳')).closest('tr')!;
    expect(within(wang).getByText('已转正')).toBeTruthy();
    expect(within(wang).getByText('至 2026-02-28')).toBeTruthy();
    expect(within(wang).getByText('1 个月')).toBeTruthy();
    const li = screen.getByText('李娜').closest('tr')!;
    expect(within(li).getByText('主动辞职')).toBeTruthy();
    expect(within(li).getByText(/2026-01-15/)).toBeTruthy();
    expect(within(screen.getByText('刘洋').closest('tr')!).getByText('未建档')).toBeTruthy();
    // A team leader is not offered other teams.
    expect(screen.queryByLabelText('班组')).toBeNull();
    expect(asked).toContain('/api/v1/staff/turnover?from=2025-08&to=2026-01');
    expect(await screen.findAllByText('33.3%（离职 1 人 / 平均 3.0 人）')).toHaveLength(2);
    expect(screen.getByText('2026-01 主动辞职 1')).toBeTruthy();
    expect(screen.getByText(/流动率 = 当月离职人数 ÷ 当月平均在职人数/)).toBeTruthy();
  });

  it('records a leaving with its reason, shows the server’s Chinese message when the date is wrong, and asks for the turnover again once saved', async () => {
    const puts: unknown[] = [];
    let turnoverAsked = 0;
    let answer: [number, unknown] = [400, { error: { code: 'invalid_request', message: '离职日期 2025-11-30 早于入职日期 2025-12-01' } }];
    fakeApi((method, path, body) => {
      if (method === 'PUT') {
        puts.push({ path, body });
        return answer;
      }
      if (path === '/api/v1/staff/records') return [200, { items: rows }];
      if (path.startsWith('/api/v1/staff/turnover')) {
        turnoverAsked++;
        return [200, turnover];
      }
      return [404, { error: { code: 'not_found', message: path } }];
    });
    render(
      <App>
        <StaffPage today={new Date(2026, 0, 5)} />
      </App>,
    );
    const wang = (await screen.findByText('王芳')).closest('tr')!;
    await waitFor(() => expect(turnoverAsked).toBe(1));
    fireEvent.click(within(wang).getByText('离 职'));
    await screen.findByText('办理离职：王芳');
    fireEvent.change(screen.getByLabelText('离职日期（最后工作日）'), { target: { value: '2025-11-30' } });
    fireEvent.mouseDown(screen.getByLabelText('离职原因类别'));
    fireEvent.click(await screen.findByTitle('合同到期'));
    fireEvent.change(screen.getByLabelText('离职说明'), { target: { value: '合同期满不续签' } });
    fireEvent.click(screen.getByText('OK'));
    expect(await screen.findByText('离职日期 2025-11-30 早于入职日期 2025-12-01')).toBeTruthy();
    expect(puts[0]).toEqual({ path: '/api/v1/staff/records/a1', body: { leaveDate: '2025-11-30', leaveCategory: 'contract_ended', leaveNote: '合同期满不续签' } });
    // Corrected, it saves and the dialog closes.
    answer = [200, { ...rows[0]!, changes: [], moves: [] } satisfies StaffDetail];
    fireEvent.change(screen.getByLabelText('离职日期（最后工作日）'), { target: { value: '2026-01-31' } });
    fireEvent.click(screen.getByText('OK'));
    await waitFor(() => expect(screen.queryByText('办理离职：王芳')).toBeNull());
    expect(puts[1]).toMatchObject({ body: { leaveDate: '2026-01-31', leaveCategory: 'contract_ended' } });
    await waitFor(() => expect(turnoverAsked).toBe(2));
  });

  it('shows each edit with who and when, before and after, and the team moves', async () => {
    const detail: StaffDetail = {
      ...rows[0]!,
      changes: [
        { at: '2026-01-05T02:00:00.000Z', by: 'l1', byName: '一组组长', action: 'update', before: { probationOutcome: 'pending' }, after: { probationOutcome: 'passed' } },
        { at: '2026-01-05T01:00:00.000Z', by: 'm1', byName: '郑经理', action: 'create', before: null, after: { hireDate: '2025-12-01' } },
      ],
      moves: [{ at: '2026-01-03T01:00:00.000Z', fromTeamId: 't2', fromTeamName: '客服二组', toTeamId: 't1', toTeamName: '客服一组', byName: '郑经理' }],
    };
    fakeApi((_method, path) => {
      if (path === '/api/v1/staff/records') return [200, { items: rows }];
      if (path === '/api/v1/staff/records/a1') return [200, detail];
      if (path.startsWith('/api/v1/staff/turnover')) return [200, turnover];
      return [404, { error: { code: 'not_found', message: path } }];
    });
    render(
      <App>
        <StaffPage today={new Date(2026, 0, 5)} />
      </App>,
    );
    fireEvent.click(within((await screen.findByText('王芳')).closest('tr')!).getByText('变更记录'));
    expect(await screen.findByText('试用期结果：试用中 → 已转正')).toBeTruthy();
    expect(screen.getByText('入职日期：2025-12-01')).toBeTruthy();
    expect(screen.getByText(/一组组长/)).toBeTruthy();
    expect(screen.getByText(/从 客服二组 调到 客服一组（郑经理）/)).toBeTruthy();
  });
});
