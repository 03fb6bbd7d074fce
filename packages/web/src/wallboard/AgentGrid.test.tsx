import type { FloorAgent, FloorReason, FloorThresholds } from '@banzu/contract';
// @vitest-environment jsdom
import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import '../testing/dom';
import { AgentGrid } from './AgentGrid';

const NOW = 1_700_000_000_000;
const thresholds: FloorThresholds = { notReadySeconds: 600, wrapUpSeconds: 60, ringingSeconds: 15, waitSeconds: 60, callSeconds: 1200 };
const agent = (employeeNo: string, over: Partial<FloorAgent> = {}): FloorAgent => ({
  agentId: `a${employeeNo}`,
  employeeNo,
  name: `座席${employeeNo}`,
  teamId: 't1',
  status: 'ready',
  since: NOW - 10_000,
  notReadyReason: null,
  callId: null,
  wrapUpEndsAt: null,
  simulated: false,
  ...over,
});

const card = (employeeNo: string) => screen.getByRole('listitem', { name: new RegExp(`^${employeeNo} `) });
const statusOf = (employeeNo: string) => card(employeeNo).querySelector('.agent-status') as HTMLElement;
const timeOf = (employeeNo: string) => card(employeeNo).querySelector('.agent-time') as HTMLElement | null;
const highlighted = (employeeNo: string) => card(employeeNo).getAttribute('data-overdue') === 'true' && within(card(employeeNo)).queryByText('超时') !== null;

const reason = (code: string, zh: string, en: string, system = false): FloorReason => ({ code, zh, en, system });
const reasons = [reason('break', '小休', 'Break'), reason('meal', '用餐', 'Meal'), reason('no_answer', '未接来电', 'Missed call', true)];

function renderGrid(agents: FloorAgent[], onAction?: Parameters<typeof AgentGrid>[0]['onAction'], notReadyReasons = reasons) {
  return render(<AgentGrid agents={agents} now={NOW} thresholds={thresholds} notReadyReasons={notReadyReasons} onAction={onAction} />);
}

describe('agent grid', () => {
  it('shows each agent with the state in its colour, the not-ready reason and the time in state', () => {
    renderGrid([
      agent('8001', { status: 'ready', since: NOW - 42_000 }),
      agent('8002', { status: 'not_ready', notReadyReason: 'meal', since: NOW - 125_000 }),
      agent('8003', { status: 'talking', callId: 'c1', since: NOW - 3_600_000 }),
      agent('8004', { status: 'wrap_up', callId: 'c2', since: NOW - 20_000 }),
      agent('8005', { status: 'logged_out' }),
    ]);
    expect(screen.getAllByRole('listitem')).toHaveLength(5);
    expect(within(card('8001')).getByText('座席8001')).toBeTruthy();
    const shown = ['8001', '8002', '8003', '8004', '8005'].map((no) => [statusOf(no).textContent, timeOf(no)?.textContent ?? null]);
    expect(shown).toEqual([
      ['空闲', '0:42'],
      ['示忙', '2:05'],
      ['通话中', '1:00:00'],
      ['事后处理', '0:20'],
      ['未签入', null],
    ]);
    expect(statusOf('8001').className).toContain('ant-tag-green');
    expect(statusOf('8002').className).toContain('ant-tag-orange');
    expect(statusOf('8003').className).toContain('ant-tag-blue');
    expect(statusOf('8004').className).toContain('ant-tag-purple');
    expect(within(card('8002')).getByText('用餐')).toBeTruthy();
    // Only the hour-long call, past the center's long-call limit (20 minutes), stands out.
    expect(['8001', '8002', '8003', '8004', '8005'].filter(highlighted)).toEqual(['8003']);
  });

  it('highlights not ready, wrap-up and a call past the center’s thresholds and ringing without answering, nothing else however long', () => {
    renderGrid([
      agent('8001', { status: 'not_ready', notReadyReason: 'break', since: NOW - 600_000 }),
      agent('8002', { status: 'not_ready', notReadyReason: 'break', since: NOW - 601_000 }),
      agent('8003', { status: 'wrap_up', callId: 'c1', since: NOW - 60_000 }),
      agent('8004', { status: 'wrap_up', callId: 'c2', since: NOW - 61_000 }),
      agent('8005', { status: 'ringing', callId: 'c3', since: NOW - 14_000 }),
      agent('8006', { status: 'ringing', callId: 'c4', since: NOW - 16_000 }),
      agent('8007', { status: 'talking', callId: 'c5', since: NOW - 7_200_000 }),
      agent('8008', { status: 'ready', since: NOW - 7_200_000 }),
    ]);
    expect(['8001', '8002', '8003', '8004', '8005', '8006', '8007', '8008'].filter(highlighted)).toEqual(['8002', '8004', '8006', '8007']);
    expect(timeOf('8002')!.style.color).toBe('rgb(207, 19, 34)');
    expect(timeOf('8001')!.style.color).toBe('');
    expect(statusOf('8006').textContent).toBe('振铃');
  });

  it('names each reason as the center does: its own reason in Chinese, the renamed missed call, never the code', () => {
    const centers = [...reasons.slice(0, 2), reason('no_answer', '漏接', 'Missed call', true), reason('quality_review', '质检复核', 'QA review')];
    renderGrid([agent('8001', { status: 'not_ready', notReadyReason: 'quality_review' }), agent('8002', { status: 'not_ready', notReadyReason: 'no_answer' })], undefined, centers);
    expect(within(card('8001')).getByText('质检复核')).toBeTruthy();
    expect(within(card('8002')).getByText('漏接')).toBeTruthy();
    expect(screen.queryByText('quality_review')).toBeNull();
  });

  it('forces a not-ready state with a reason, and offers listening only on a call', async () => {
    const onAction = vi.fn();
    renderGrid([agent('8001', { status: 'ready' }), agent('8002', { status: 'talking', callId: 'c1' })], onAction);

    fireEvent.click(within(card('8001')).getByRole('button', { name: '操作' }));
    const menu = await screen.findByRole('menu');
    const item = (label: string) => within(menu).getByText(label).closest('[role="menuitem"]')!;
    expect(item('监听').getAttribute('aria-disabled')).toBe('true');
    expect(item('强制置闲').getAttribute('aria-disabled')).toBe('true');
    fireEvent.mouseEnter(within(menu).getByText('强制示忙').closest('[role="menuitem"]')!);
    fireEvent.click(await screen.findByText('用餐'));
    expect(onAction).toHaveBeenCalledWith(expect.objectContaining({ employeeNo: '8001' }), { kind: 'force', status: 'not_ready', reason: 'meal' });

    fireEvent.click(within(card('8002')).getByRole('button', { name: '操作' }));
    const menus = await screen.findAllByRole('menu');
    const talking = menus[menus.length - 1]!;
    expect(within(talking).getByText('强制签出').closest('[role="menuitem"]')!.getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(within(talking).getByText('耳语'));
    expect(onAction).toHaveBeenLastCalledWith(expect.objectContaining({ employeeNo: '8002' }), { kind: 'monitor', mode: 'whisper' });
  });

  it('has no actions in a read-only view', () => {
    renderGrid([agent('8001')]);
    expect(within(card('8001')).queryByRole('button', { name: '操作' })).toBeNull();
  });
});
