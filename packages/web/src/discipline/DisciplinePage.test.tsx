// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from 'antd';
import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import type { DisciplinePoint, DisciplinePointPage, DisciplineProposal, DisciplineRuleView, ModelAgent } from '@banzu/contract';
import { AuthProvider } from '../auth/AuthProvider';
import { fakeApi } from '../testing/dom';
import { DisciplinePage } from './DisciplinePage';

const leader = { id: 'l1', username: 'leader1', displayName: '一组组长', role: 'team_leader', teamId: 't1', employeeNo: null, disabled: false, skills: [] };
const agent = { id: 'a1', username: '8001', displayName: '王芳', role: 'agent', teamId: 't1', employeeNo: '8001', disabled: false, skills: [] };
const month = dayjs().format('YYYY-MM');

const rules: DisciplineRuleView[] = [
  { code: 'XC-09', text: '用座席拨打私人电话', points: 3, category: '通讯与私事', source: '种子000', afterWarning: false, active: true, updatedAt: null, updatedByName: null },
  { code: 'XC-12', text: '随意更换座席', points: 10, category: '公共财物', source: '种子000', afterWarning: false, active: true, updatedAt: null, updatedByName: null },
];

const item = (over: Partial<DisciplinePoint>): DisciplinePoint => ({
  id: 'p1',
  agentId: 'a1',
  agentName: '王芳',
  employeeNo: '8001',
  teamId: 't1',
  ruleCode: 'XC-09',
  ruleText: '用座席拨打私人电话',
  points: 3,
  occurredAt: '2026-01-05T02:00:00.000Z',
  note: '接听私人电话',
  status: 'recorded',
  recordedBy: 'l1',
  recordedByName: '一组组长',
  recordedAt: '2026-01-05T02:05:00.000Z',
  contestReason: null,
  contestedAt: null,
  decidedByName: null,
  decidedAt: null,
  decisionNote: null,
  ...over,
});

const model: ModelAgent = { teamId: 't1', week: '2026-01-05', agentId: 'a2', agentName: '李娜', reason: '零差错', chosenByName: '一组组长', chosenAt: '2026-01-05T02:00:00.000Z' };

/** The open dialog: queries inside it stay fast, where a role query over the whole page walks every table cell's style. */
async function dialogTitled(title: string): Promise<HTMLElement> {
  return (await screen.findByText(title, { selector: '.ant-modal-title' })).closest('.ant-modal') as HTMLElement;
}

function renderPage() {
  render(
    <App>
      <AuthProvider>
        <DisciplinePage />
      </AuthProvider>
    </App>,
  );
}

describe('扣分与表扬', () => {
  it('the leader sees the team’s month with totals, records an item from the catalogue, withdraws a contested one and accepts a proposal', async () => {
    const sent: [string, string, unknown][] = [];
    const page: DisciplinePointPage = {
      month,
      items: [item({ id: 'p2', agentId: 'a2', agentName: '李娜', employeeNo: '8002', status: 'contested', contestReason: '当时在回访' })],
      total: 3,
      totals: [
        { agentId: 'a1', agentName: '王芳', employeeNo: '8001', total: 0, items: 0, praise: 1 },
        { agentId: 'a2', agentName: '李娜', employeeNo: '8002', total: 3, items: 1, praise: 0 },
      ],
    };
    const proposal: DisciplineProposal = {
      id: 'pr1',
      kind: 'late_login',
      agentId: 'a1',
      agentName: '王芳',
      ruleCode: 'KQ-01',
      ruleText: '迟到',
      points: 2,
      occurredAt: '2026-01-05T01:00:00.000Z',
      detail: { lateMinutes: 15 },
      status: 'open',
    };
    fakeApi((method, path, body) => {
      if (path === '/api/v1/auth/session') return [200, { user: leader, expired: false }];
      if (path === '/api/v1/center') return [200, { timeZone: 'Asia/Shanghai' }];
      if (path === '/api/v1/discipline/rules') return [200, rules];
      if (method === 'GET' && path === `/api/v1/discipline/points?month=${month}&teamId=t1`) return [200, page];
      if (method === 'GET' && path.startsWith('/api/v1/discipline/proposals')) return [200, { items: sent.some(([, p]) => p.includes('accept')) ? [] : [proposal] }];
      if (method === 'GET') return [200, { items: [] }];
      sent.push([method, path, body]);
      return [method === 'POST' && path === '/api/v1/discipline/points' ? 201 : 200, {}];
    });
    renderPage();

    const row = (await screen.findByText('李娜', {}, { timeout: 30000 })).closest('tr')!;
    expect(within(row).getByText('3')).toBeTruthy();
    expect(screen.getByText('本月扣分合计:3 分')).toBeTruthy();
    const itemRow = screen.getByText('当时在回访').closest('tr')!;
    expect(within(itemRow).getByText('申诉中')).toBeTruthy();
    expect(within(itemRow).getByText('2026-01-05 10:00')).toBeTruthy();

    // Withdraw the contested item with a note.
    fireEvent.click(within(itemRow).getByText('撤 销'));
    const withdraw = await dialogTitled('撤销');
    fireEvent.change(within(withdraw).getByLabelText('处理说明'), { target: { value: '核实为工作电话' } });
    fireEvent.click(within(withdraw).getByText('OK'));
    await waitFor(() => expect(sent).toContainEqual(['POST', '/api/v1/discipline/points/p2/withdraw', { note: '核实为工作电话' }]));

    // Record an item: the agent and the rule from the catalogue.
    fireEvent.click(screen.getByText('记录扣分'));
    const record = await dialogTitled('记录扣分');
    fireEvent.mouseDown(within(record).getByLabelText('座席'));
    fireEvent.click(await screen.findByTitle('8001 王芳'));
    fireEvent.mouseDown(within(record).getByLabelText('扣分条款'));
    fireEvent.click(await screen.findByTitle('XC-12 随意更换座席(10 分)'));
    fireEvent.change(within(record).getByLabelText('说明'), { target: { value: '换了键盘' } });
    fireEvent.click(within(record).getByText('OK'));
    await waitFor(() =>
      expect(sent.find(([m, p]) => m === 'POST' && p === '/api/v1/discipline/points')?.[2]).toMatchObject({ agentId: 'a1', ruleCode: 'XC-12', note: '换了键盘' }),
    );

    expect(screen.getByText('导出 Excel').closest('a')?.getAttribute('href')).toBe(`/api/v1/discipline/points/export.xlsx?month=${month}&teamId=t1&lang=zh-CN`);

    // The system's proposals: a late login, accepted.
    fireEvent.click(screen.getByText('系统建议'));
    const proposalRow = (await screen.findByText('迟到 15 分钟(登录晚于班表)')).closest('tr')!;
    fireEvent.click(within(proposalRow).getByText('采 纳'));
    await waitFor(() => expect(sent).toContainEqual(['POST', '/api/v1/discipline/proposals/pr1/accept', {}]));
    expect(await screen.findByText('暂无系统建议')).toBeTruthy();
  });

  it('the agent sees the own points and the team’s model agent, and contests with a reason', async () => {
    const sent: [string, string, unknown][] = [];
    fakeApi((method, path, body) => {
      if (path === '/api/v1/auth/session') return [200, { user: agent, expired: false }];
      if (path === '/api/v1/center') return [200, { timeZone: 'Asia/Shanghai' }];
      if (method === 'GET' && path === `/api/v1/discipline/points?month=${month}`) {
        return [200, { month, items: [item({})], total: 3, totals: [{ agentId: 'a1', agentName: '王芳', employeeNo: '8001', total: 3, items: 1, praise: 0 }] }];
      }
      if (path === '/api/v1/discipline/model-agent') return [200, { items: [model] }];
      if (method === 'GET') return [200, { items: [] }];
      sent.push([method, path, body]);
      return [400, { error: { code: 'invalid_request', message: 'reason: 申诉须填写理由' } }];
    });
    renderPage();
    expect(await screen.findByText('本月扣分合计:3 分', {}, { timeout: 30000 })).toBeTruthy();
    expect(screen.getByText('2026-01-05 周标杆:李娜')).toBeTruthy();
    expect(screen.queryByText('记录扣分')).toBeNull();
    const row = screen.getByText('接听私人电话').closest('tr')!;
    fireEvent.click(within(row).getByText('申 诉'));
    const contest = await dialogTitled('申诉');
    const ok = within(contest).getByText('OK').closest('button') as HTMLButtonElement;
    expect(ok.disabled).toBe(true);
    fireEvent.change(within(contest).getByLabelText('申诉理由'), { target: { value: '用的是工作手机' } });
    fireEvent.click(ok);
    await waitFor(() => expect(sent).toEqual([['POST', '/api/v1/discipline/points/p1/contest', { reason: '用的是工作手机' }]]));
    // The server's refusal is shown in Chinese.
    expect(await screen.findByText('reason: 申诉须填写理由')).toBeTruthy();
  });
});
