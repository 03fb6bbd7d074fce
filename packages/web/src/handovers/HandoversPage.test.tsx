// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from 'antd';
import { describe, expect, it, vi } from 'vitest';
import type { Handover, HandoverDraft, SystemFault } from '@banzu/contract';
import { fakeApi } from '../testing/dom';
import { HandoversPage } from './HandoversPage';

const user = { id: 'l1', role: 'team_leader', teamId: 't1', displayName: '一组组长' };
vi.mock('../auth/AuthProvider', () => ({ useAuth: () => ({ user }) }));

const open: HandoverDraft['open'] = {
  tickets: [{ id: 'tk1', no: 'GD000001', title: '宽带断网投诉', dueAt: Date.parse('2026-01-06T01:00:00Z'), overdue: true }],
  callbacks: [],
  attendance: [],
  faults: [],
  disputes: [],
  volume: null,
};
const draft: HandoverDraft = {
  teamId: 't1',
  date: '2026-01-06',
  shift: '早班',
  items: {
    situation: '今日排班人员无缺勤、迟到',
    equipment: '未恢复故障【系统】：工单系统无法保存（自 09:30）',
    tools: '无未恢复的工具故障',
    quality: '无待处理的质检申诉',
    records: '已超时工单：GD000001 宽带断网投诉（时限 09:00）',
  },
  open,
};
const handover = (over: Partial<Handover> = {}): Handover => ({
  id: 'h1',
  teamId: 't1',
  teamName: '客服一组',
  date: '2026-01-06',
  shift: '早班',
  outgoing: { id: 'l1', name: '一组组长' },
  incoming: { id: 'l2', name: '二组组长' },
  items: draft.items,
  open,
  status: 'handed_over',
  createdAt: '2026-01-06T02:00:00.000Z',
  updatedAt: '2026-01-06T02:00:00.000Z',
  acknowledgedAt: null,
  acknowledgement: null,
  closedAt: null,
  closedBy: null,
  ...over,
});
const wrap = () =>
  render(
    <App>
      <HandoversPage />
    </App>,
  );

describe('交接班 page', () => {
  it('the outgoing leader edits the pre-filled items, hands over to a named leader, and is told the shift cannot close before it is taken over', async () => {
    user.id = 'l1';
    const posted: { path: string; body: unknown }[] = [];
    let history: Handover[] = [];
    fakeApi((method, path, body) => {
      if (path === '/api/v1/center') return [200, { timeZone: 'Asia/Shanghai' }];
      if (path === '/api/v1/handovers/leaders') return [200, [{ id: 'l2', name: '二组组长', role: 'team_leader', teamName: '客服二组' }]];
      if (path === '/api/v1/handovers/prefill?team=t1&shift=%E6%97%A9%E7%8F%AD&lang=zh-CN') return [200, draft];
      if (path === '/api/v1/handovers?team=t1&limit=50' || path === '/api/v1/handovers?limit=50') return [200, { items: history }];
      if (method === 'POST' && path === '/api/v1/handovers') {
        posted.push({ path, body });
        history = [handover({ items: (body as { items: Handover['items'] }).items })];
        return [201, history[0]];
      }
      if (method === 'POST' && path === '/api/v1/handovers/close-shift') {
        posted.push({ path, body });
        return [409, { error: { code: 'not_taken_over', message: '接班人二组组长还没有确认接班，正式交接前不能结束本班次' } }];
      }
      return [404, { error: { code: 'not_found', message: path } }];
    });
    wrap();
    const records = (await screen.findByLabelText('交记录')) as HTMLTextAreaElement;
    expect(records.value).toBe('已超时工单：GD000001 宽带断网投诉（时限 09:00）');
    expect((screen.getByLabelText('交设备') as HTMLTextAreaElement).value).toContain('工单系统无法保存');
    fireEvent.change(screen.getByLabelText('交情况'), { target: { value: '下午来电平稳' } });
    // Nobody named yet: nothing to hand over.
    expect(screen.getByText('交 班').closest('button')!.disabled).toBe(true);
    fireEvent.mouseDown(screen.getByLabelText('接班人'));
    fireEvent.click(await screen.findByText('二组组长（客服二组）'));
    fireEvent.click(screen.getByText('交 班'));
    await screen.findByText('已交给 二组组长，等待确认接班');
    expect(posted[0]).toEqual({
      path: '/api/v1/handovers',
      body: { teamId: 't1', shift: '早班', incomingLeaderId: 'l2', items: { ...draft.items, situation: '下午来电平稳' } },
    });
    // The log lists it, waiting for the incoming leader, and exports as the paper form.
    expect(screen.getByText('待接班')).toBeTruthy();
    expect(screen.getByText('导出 Excel').closest('a')!.getAttribute('href')).toBe('/api/v1/handovers/export.xlsx?team=t1&limit=200&lang=zh-CN');
    fireEvent.click(screen.getByText('结束本班次'));
    await screen.findByText('接班人二组组长还没有确认接班，正式交接前不能结束本班次');
    expect(posted[1]).toEqual({ path: '/api/v1/handovers/close-shift', body: { teamId: 't1', shift: '早班' } });
  });

  it('the incoming leader reads what was handed over and acknowledges with a report back', async () => {
    user.id = 'l2';
    let acknowledged: unknown = null;
    fakeApi((method, path, body) => {
      if (path === '/api/v1/center') return [200, { timeZone: 'Asia/Shanghai' }];
      if (path === '/api/v1/handovers/leaders') return [200, []];
      if (path.startsWith('/api/v1/handovers/prefill')) return [200, { ...draft, teamId: 't2' }];
      if (path === '/api/v1/handovers?limit=50') return [200, { items: acknowledged ? [] : [handover()] }];
      if (path.startsWith('/api/v1/handovers?team=')) return [200, { items: [] }];
      if (method === 'POST' && path === '/api/v1/handovers/h1/acknowledge') {
        acknowledged = body;
        return [200, handover({ status: 'acknowledged' })];
      }
      return [404, { error: { code: 'not_found', message: path } }];
    });
    wrap();
    const card = (await screen.findByText('客服一组 · 2026-01-06 早班 · 交班人: 一组组长')).closest('.ant-card') as HTMLElement;
    expect(within(card).getByText('已超时工单：GD000001 宽带断网投诉（时限 09:00）')).toBeTruthy();
    fireEvent.change(within(card).getByLabelText('接班反馈'), { target: { value: '已接班，工单已跟进' } });
    fireEvent.click(within(card).getByText('确认接班'));
    await waitFor(() => expect(screen.queryByText('待我接班')).toBeNull());
    expect(acknowledged).toEqual({ note: '已接班，工单已跟进' });
  });

  it('the fault log records a fault and ends an open one with its resolution', async () => {
    user.id = 'l1';
    const fault: SystemFault = {
      id: 'f1',
      kind: 'system',
      title: '工单系统无法保存',
      teamId: 't1',
      teamName: '客服一组',
      startedAt: '2026-01-06T01:30:00.000Z',
      effect: '工单改为纸质登记',
      told: '技术考评科',
      resolution: null,
      endedAt: null,
      recordedBy: { id: 'l1', name: '一组组长' },
      recordedAt: '2026-01-06T01:35:00.000Z',
    };
    const sent: { method: string; path: string; body: unknown }[] = [];
    fakeApi((method, path, body) => {
      if (path === '/api/v1/center') return [200, { timeZone: 'Asia/Shanghai' }];
      if (path === '/api/v1/faults' && method === 'GET') return [200, { items: [fault] }];
      if (path.startsWith('/api/v1/faults')) {
        sent.push({ method, path, body });
        return [method === 'POST' ? 201 : 200, fault];
      }
      if (path === '/api/v1/handovers/leaders') return [200, []];
      if (path.startsWith('/api/v1/handovers/prefill')) return [200, draft];
      if (path.startsWith('/api/v1/handovers')) return [200, { items: [] }];
      return [404, { error: { code: 'not_found', message: path } }];
    });
    wrap();
    fireEvent.click(await screen.findByText('故障记录'));
    expect(await screen.findByText('2026-01-06 09:30')).toBeTruthy();
    expect(screen.getByText('未恢复')).toBeTruthy();

    fireEvent.click(screen.getByText('记录故障'));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('故障现象'), { target: { value: '3 号耳麦无声' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'OK' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toMatchObject({ method: 'POST', path: '/api/v1/faults', body: { kind: 'system', title: '3 号耳麦无声', effect: '', told: '' } });

    fireEvent.click(screen.getByText('结束故障'));
    const ending = (await screen.findAllByRole('dialog')).at(-1)!;
    fireEvent.change(within(ending).getByLabelText('处理结果'), { target: { value: '重启后恢复' } });
    fireEvent.click(within(ending).getByRole('button', { name: 'OK' }));
    await waitFor(() => expect(sent).toHaveLength(2));
    expect(sent[1]).toMatchObject({ method: 'PATCH', path: '/api/v1/faults/f1', body: { resolution: '重启后恢复' } });
  });
});
