import type { FloorAgent, FloorReason } from '@banzu/contract';
// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import '../testing/dom';
import { EXTEND_SECONDS, StateBar } from './StateBar';

const NOW = 1_700_000_000_000;
const agent = (over: Partial<FloorAgent> = {}): FloorAgent => ({
  agentId: 'a1',
  employeeNo: '8001',
  name: '张伟',
  teamId: 't1',
  status: 'ready',
  since: NOW - 75_000,
  notReadyReason: null,
  callId: null,
  wrapUpEndsAt: null,
  simulated: false,
  ...over,
});

const reason = (code: string, zh: string, en: string, system = false): FloorReason => ({ code, zh, en, system });
const reasons = [reason('break', '小休', 'Break'), reason('meal', '用餐', 'Meal'), reason('training', '培训', 'Training'), reason('no_answer', '未接来电', 'Missed call', true)];
const breakOnly = [reason('break', '小休', 'Break')];

function renderBar(a: FloorAgent, now = NOW, notReadyReasons = reasons) {
  const handlers = { onState: vi.fn(), onFinishWrapUp: vi.fn(), onExtendWrapUp: vi.fn() };
  const view = render(<StateBar agent={a} now={now} notReadyReasons={notReadyReasons} {...handlers} />);
  return { ...handlers, view };
}

/** Opens an antd dropdown button and returns the labels of its menu items. */
async function openMenu(button: HTMLElement): Promise<HTMLElement> {
  fireEvent.click(button);
  return screen.findByRole('menu');
}

describe('state bar', () => {
  it('shows ready in green with the time in state, and offers not ready with each reason', async () => {
    const { onState } = renderBar(agent());
    const status = screen.getByTestId('agent-status');
    expect(status.textContent).toBe('空闲');
    expect(status.className).toContain('ant-tag-green');
    expect(screen.getByTestId('time-in-state').textContent).toBe('1:15');
    expect(screen.queryByText('置闲')).toBeNull();

    const menu = await openMenu(screen.getByRole('button', { name: /示忙/ }));
    expect(
      within(menu)
        .getAllByRole('menuitem')
        .map((i) => i.textContent),
    ).toEqual(['小休', '用餐', '培训']);
    fireEvent.click(within(menu).getByText('用餐'));
    expect(onState).toHaveBeenCalledWith('not_ready', 'meal');
  });

  it('shows not ready in orange with its reason; the reason menu leaves out the current one; 置闲 makes the agent ready', async () => {
    const { onState } = renderBar(agent({ status: 'not_ready', notReadyReason: 'break', since: NOW - 3_725_000 }));
    const status = screen.getByTestId('agent-status');
    expect(status.textContent).toBe('示忙 · 小休');
    expect(status.className).toContain('ant-tag-orange');
    expect(screen.getByTestId('time-in-state').textContent).toBe('1:02:05');

    const menu = await openMenu(screen.getByRole('button', { name: /示忙/ }));
    expect(
      within(menu)
        .getAllByRole('menuitem')
        .map((i) => i.textContent),
    ).toEqual(['用餐', '培训']);
    fireEvent.click(screen.getByRole('button', { name: /置闲/ }));
    expect(onState).toHaveBeenCalledWith('ready');
  });

  it('names a reason the center added by its Chinese name, on the state and in the menu', async () => {
    const centers = [...reasons, reason('quality_review', '质检复核', 'QA review')];
    renderBar(agent({ status: 'not_ready', notReadyReason: 'quality_review', since: NOW - 60_000 }), NOW, centers);
    expect(screen.getByTestId('agent-status').textContent).toBe('示忙 · 质检复核');
    const menu = await openMenu(screen.getByRole('button', { name: /示忙/ }));
    expect(
      within(menu)
        .getAllByRole('menuitem')
        .map((i) => i.textContent),
    ).toEqual(['小休', '用餐', '培训']);
    cleanup();
    renderBar(agent(), NOW, centers);
    const offered = await openMenu(screen.getByRole('button', { name: /示忙/ }));
    expect(within(offered).getByText('质检复核')).toBeTruthy();
    expect(within(offered).queryByText('quality_review')).toBeNull();
  });

  it('counts the wrap-up down, turns red under ten seconds, and offers finish and more time', () => {
    const wrapUp = agent({ status: 'wrap_up', since: NOW - 5_000, wrapUpEndsAt: NOW + 25_000, callId: 'c1' });
    const { onFinishWrapUp, onExtendWrapUp, view } = renderBar(wrapUp);
    expect(screen.getByTestId('agent-status').textContent).toBe('事后处理');
    expect(screen.getByTestId('agent-status').className).toContain('ant-tag-purple');
    expect(screen.getByTestId('wrap-up-left').textContent).toBe('0:25');
    expect(screen.getByTestId('wrap-up-left').style.color).toBe('');

    view.rerender(<StateBar agent={wrapUp} now={NOW + 16_500} notReadyReasons={breakOnly} onState={vi.fn()} onFinishWrapUp={onFinishWrapUp} onExtendWrapUp={onExtendWrapUp} />);
    expect(screen.getByTestId('wrap-up-left').textContent).toBe('0:09');
    expect(screen.getByTestId('wrap-up-left').style.color).toBe('rgb(207, 19, 34)');
    expect(screen.getByTestId('time-in-state').textContent).toBe('0:21');

    fireEvent.click(screen.getByRole('button', { name: '完成处理' }));
    expect(onFinishWrapUp).toHaveBeenCalledTimes(1);
    fireEvent.click(screen.getByRole('button', { name: `延长 ${EXTEND_SECONDS} 秒` }));
    expect(onExtendWrapUp).toHaveBeenCalledWith(EXTEND_SECONDS);
  });

  it('never counts below zero once the wrap-up time is up', () => {
    renderBar(agent({ status: 'wrap_up', since: NOW - 40_000, wrapUpEndsAt: NOW - 3_000, callId: 'c1' }));
    expect(screen.getByTestId('wrap-up-left').textContent).toBe('0:00');
  });

  it('with a disposition due, reminds before the wrap-up time runs out, warns in its last seconds, then counts the time over', () => {
    const due = agent({ status: 'wrap_up', since: NOW - 5_000, wrapUpEndsAt: NOW + 25_000, callId: 'c1', dispositionDue: true });
    const { view } = renderBar(due);
    const reminder = screen.getByRole('alert');
    expect(reminder.textContent).toContain('请保存处理结果：事后处理还剩 25 秒');
    expect(reminder.textContent).toContain('保存前不会自动置闲');
    expect(reminder.className).toContain('ant-alert-info');

    view.rerender(<StateBar agent={due} now={NOW + 17_000} notReadyReasons={breakOnly} onState={vi.fn()} onFinishWrapUp={vi.fn()} onExtendWrapUp={vi.fn()} />);
    expect(screen.getByRole('alert').className).toContain('ant-alert-warning');

    view.rerender(<StateBar agent={due} now={NOW + 90_000} notReadyReasons={breakOnly} onState={vi.fn()} onFinishWrapUp={vi.fn()} onExtendWrapUp={vi.fn()} />);
    expect(screen.getByTestId('wrap-up-overdue').textContent).toBe('1:05');
    expect(screen.queryByTestId('wrap-up-left')).toBeNull();
    expect(screen.getByRole('alert').textContent).toContain('处理结果未保存，事后处理已延长');
    expect(screen.getByRole('alert').className).toContain('ant-alert-error');
  });

  it('says nothing of a disposition once it is saved', () => {
    renderBar(agent({ status: 'wrap_up', since: NOW - 40_000, wrapUpEndsAt: NOW + 3_000, callId: 'c1', dispositionDue: false }));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByTestId('wrap-up-overdue')).toBeNull();
  });

  it('offers no state change while the agent is on a call', () => {
    renderBar(agent({ status: 'talking', since: NOW - 30_000, callId: 'c1' }));
    expect(screen.getByTestId('agent-status').textContent).toBe('通话中');
    expect(screen.getByTestId('time-in-state').textContent).toBe('0:30');
    expect(screen.queryByTestId('wrap-up-left')).toBeNull();
    expect(screen.getByRole('button', { name: /签出/ }).hasAttribute('disabled')).toBe(true);
    expect(screen.queryByRole('button', { name: '完成处理' })).toBeNull();
  });

  it('logged out: no time in state, log in ready or not ready with a reason', async () => {
    const { onState } = renderBar(agent({ status: 'logged_out' }));
    expect(screen.getByTestId('agent-status').textContent).toBe('未签入');
    expect(screen.queryByTestId('time-in-state')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: /签入并置闲/ }));
    expect(onState).toHaveBeenCalledWith('ready');
    const menu = await openMenu(screen.getByRole('button', { name: /签入示忙/ }));
    fireEvent.click(within(menu).getByText('培训'));
    expect(onState).toHaveBeenCalledWith('not_ready', 'training');
  });

  it('tells the agent why a missed call made them not ready, and the way back', () => {
    const { onState } = renderBar(agent({ status: 'not_ready', notReadyReason: 'no_answer' }));
    expect(screen.getByTestId('agent-status').textContent).toBe('示忙 · 未接来电');
    expect(screen.getByRole('alert').textContent).toContain('来电振铃后无人接听');
    fireEvent.click(screen.getByRole('button', { name: /置\s?闲/ }));
    expect(onState).toHaveBeenCalledWith('ready');
  });

  it('says nothing of a missed call on a break the agent chose', () => {
    renderBar(agent({ status: 'not_ready', notReadyReason: 'break' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
