// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from 'antd';
import { describe, expect, it, vi } from 'vitest';
import { fakeApi } from '../testing/dom';
import type { LeaveRequest, ShiftSwap } from '@banzu/contract';
import { LeavePage } from './LeavePage';

const user = { id: 'l1', role: 'team_leader', displayName: '组长' };
vi.mock('../auth/AuthProvider', () => ({ useAuth: () => ({ user }) }));

const leave = (over: Partial<LeaveRequest>): LeaveRequest => ({
  id: 'v1',
  agentId: 'u1',
  agentName: '王芳',
  teamId: 't1',
  kind: 'sick',
  startDate: '2026-01-07',
  endDate: '2026-01-09',
  halfDay: false,
  half: null,
  days: 3,
  reason: '发烧',
  status: 'pending',
  requestedAt: '2026-01-05T01:00:00.000Z',
  requestedBy: 'u1',
  decidedAt: null,
  decidedBy: null,
  decisionNote: '',
  ...over,
});

describe('请假 page', () => {
  it('the leader approves one request and refuses another with a reason', async () => {
    const posted: { path: string; body: unknown }[] = [];
    const items = [
      leave({}),
      leave({ id: 'v2', agentId: 'u2', agentName: '李娜', kind: 'personal', startDate: '2026-01-20', endDate: '2026-01-20', halfDay: true, half: 'pm', days: 0.5, reason: '搬家' }),
    ];
    fakeApi((method, path, body) => {
      if (method === 'POST') {
        posted.push({ path, body });
        const item = items.find((i) => path.includes(i.id))!;
        item.status = path.endsWith('/approve') ? 'approved' : 'refused';
        item.decisionNote = (body as { note?: string }).note ?? '';
        return [200, item];
      }
      if (path === '/api/v1/leave?month=2026-01') return [200, { items }];
      return [404, { error: { code: 'not_found', message: path } }];
    });
    render(
      <App>
        <LeavePage initialMonth="2026-01" />
      </App>,
    );
    const first = (await screen.findByText('王芳')).closest('tr')!;
    expect(within(first).getByText('病假')).toBeTruthy();
    expect(within(first).getByText('2026-01-07 – 2026-01-09')).toBeTruthy();
    fireEvent.click(within(first).getByText('批 准'));
    await waitFor(() => expect(within(screen.getByText('王芳').closest('tr')!).getByText('已批准')).toBeTruthy());
    // Half a day says which half.
    expect(within(screen.getByText('李娜').closest('tr')!).getByText('0.5（下午）')).toBeTruthy();
    fireEvent.click(within(screen.getByText('李娜').closest('tr')!).getByText('不批准'));
    fireEvent.change(await screen.findByLabelText('不批准的原因'), { target: { value: '当天人手不足' } });
    fireEvent.click(within(document.querySelector('.ant-modal-footer') as HTMLElement).getByText('不批准'));
    await screen.findByText('当天人手不足');
    expect(posted).toEqual([
      { path: '/api/v1/leave/v1/approve', body: {} },
      { path: '/api/v1/leave/v2/refuse', body: { note: '当天人手不足' } },
    ]);
  });

  it('an agent sees the own requests and withdraws a pending one', async () => {
    user.role = 'agent';
    const posted: string[] = [];
    const items = [leave({}), leave({ id: 'v3', status: 'approved', startDate: '2026-01-02', endDate: '2026-01-02', days: 1 })];
    fakeApi((method, path) => {
      if (method === 'POST') {
        posted.push(path);
        items[0]!.status = 'cancelled';
        return [200, items[0]];
      }
      if (path === '/api/v1/leave?month=2026-01') return [200, { items }];
      return [404, { error: { code: 'not_found', message: path } }];
    });
    render(
      <App>
        <LeavePage initialMonth="2026-01" />
      </App>,
    );
    await screen.findByText('我的请假');
    expect(screen.getByText('提交请假')).toBeTruthy();
    expect(await screen.findAllByText('撤 回')).toHaveLength(1);
    fireEvent.click(screen.getByText('撤 回'));
    await screen.findByText('已撤回');
    expect(posted).toEqual(['/api/v1/leave/v1/cancel']);
  });

  const swap = (over: Partial<ShiftSwap>): ShiftSwap => ({
    id: 's1',
    teamId: 't1',
    requesterId: 'u1',
    requesterName: '王芳',
    partnerId: 'u2',
    partnerName: '李娜',
    requesterDate: '2026-01-12',
    requesterShift: '早班',
    partnerDate: null,
    partnerShift: null,
    repays: null,
    repayBy: null,
    repaid: false,
    reason: '家里有事',
    status: 'proposed',
    requestedAt: '2026-01-05T01:00:00.000Z',
    consentedAt: null,
    decidedAt: null,
    decidedBy: null,
    decisionNote: '',
    ...over,
  });

  it('换班: the teammate asked agrees, then the leader approves; an approved cover says by when it is repaid', async () => {
    user.id = 'u2';
    user.role = 'agent';
    const posted: string[] = [];
    const items = [swap({})];
    fakeApi((method, path) => {
      if (method === 'POST') {
        posted.push(path);
        items[0]!.status = path.endsWith('/consent') ? 'consented' : 'approved';
        if (items[0]!.status === 'approved') items[0]!.repayBy = '2026-02-12';
        return [200, items[0]];
      }
      if (path === '/api/v1/leave?month=2026-01') return [200, { items: [] }];
      if (path === '/api/v1/wfm/swaps?month=2026-01') return [200, { items }];
      if (path === '/api/v1/wfm/team-schedule?month=2026-01') return [200, { month: '2026-01', agents: [], shifts: [] }];
      return [404, { error: { code: 'not_found', message: path } }];
    });
    const { unmount } = render(
      <App>
        <LeavePage initialMonth="2026-01" />
      </App>,
    );
    fireEvent.click(await screen.findByRole('tab', { name: '换班' }));
    const row = (await screen.findByText('家里有事')).closest('tr')!;
    expect(within(row).getByText('2026-01-12 早班')).toBeTruthy();
    fireEvent.click(within(row).getByText('同 意'));
    await screen.findByText('待组长审批');
    unmount();

    user.id = 'l1';
    user.role = 'team_leader';
    render(
      <App>
        <LeavePage initialMonth="2026-01" />
      </App>,
    );
    fireEvent.click(await screen.findByRole('tab', { name: '换班' }));
    fireEvent.click(within((await screen.findByText('家里有事')).closest('tr')!).getByText('批 准'));
    await screen.findByText('应在 2026-02-12 前还班');
    expect(posted).toEqual(['/api/v1/wfm/swaps/s1/consent', '/api/v1/wfm/swaps/s1/approve']);
  });
});
