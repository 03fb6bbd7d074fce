// @vitest-environment jsdom
import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { FloorAgent, FloorCall } from '@banzu/contract';
import '../testing/dom';
import { CallPanel } from './CallPanel';

const NOW = 1_700_000_000_000;
const agent = (over: Partial<FloorAgent> = {}): FloorAgent => ({
  agentId: 'a1',
  employeeNo: '8040',
  name: '孙明',
  teamId: 't1',
  status: 'ready',
  since: NOW - 5_000,
  notReadyReason: null,
  callId: null,
  wrapUpEndsAt: null,
  simulated: false,
  ...over,
});
const call = (over: Partial<FloorCall> = {}): FloorCall => ({
  callId: 'c1',
  status: 'connected',
  queueId: null,
  from: null,
  vipLevel: 0,
  since: NOW - 5_000,
  agentIds: ['a1'],
  ringing: [],
  held: false,
  ...over,
});

const colleague = agent({ agentId: 'a2', employeeNo: '8010', name: '周敏', status: 'ringing', callId: 'c1' });

function renderPanel(a: FloorAgent, c: FloorCall | null) {
  const onHangUp = vi.fn();
  const onConsult = vi.fn();
  render(
    <CallPanel
      agent={a}
      call={c}
      queues={[]}
      colleagues={[colleague]}
      now={NOW}
      onAnswer={vi.fn()}
      onHangUp={onHangUp}
      onHold={vi.fn()}
      onRetrieve={vi.fn()}
      onTransfer={vi.fn()}
      onConsult={onConsult}
    />,
  );
  return { onHangUp, onConsult };
}

const hangUp = () => screen.getByRole<HTMLButtonElement>('button', { name: /挂\s?断/ });

describe('the call card', () => {
  it('shows the customer dialled on an outbound call, not an empty caller, and hangs the dial up while it rings out', () => {
    const { onHangUp } = renderPanel(agent({ status: 'dialing', callId: 'c1' }), call({ to: '+8613800000011' }));
    expect(screen.getByText('外呼号码')).toBeTruthy();
    expect(screen.getByText('+8613800000011')).toBeTruthy();
    expect(screen.queryByText('来电号码')).toBeNull();
    expect(hangUp().disabled).toBe(false);
    fireEvent.click(hangUp());
    expect(onHangUp).toHaveBeenCalledOnce();
  });

  it('shows the caller of an inbound call, and nothing to hang up without a call', () => {
    renderPanel(agent({ status: 'talking', callId: 'c1' }), call({ from: '+8613900000001' }));
    expect(screen.getByText('来电号码')).toBeTruthy();
    expect(screen.getByText('+8613900000001')).toBeTruthy();
    expect(hangUp().disabled).toBe(false);
  });

  it('keeps 挂断 off while the agent has no call', () => {
    renderPanel(agent(), null);
    expect(hangUp().disabled).toBe(true);
  });

  it("says 正在咨询 while the colleague's phone rings, with a cancel that goes back to the caller", () => {
    const { onConsult, onHangUp } = renderPanel(
      agent({ status: 'talking', callId: 'c1' }),
      call({ from: '+8613900000001', ringing: [], consult: { agentId: 'a1', targetAgentId: 'a2', connected: false } }),
    );
    expect(screen.getByRole('status').textContent).toContain('正在咨询 8010 周敏…对方振铃中');
    // The colleague has not answered: nothing to complete or conference yet.
    expect(screen.getByRole<HTMLButtonElement>('button', { name: '完成转接' }).disabled).toBe(true);
    fireEvent.click(screen.getAllByRole('button', { name: '取消咨询' })[0]!);
    expect(onConsult).toHaveBeenCalledWith('cancel');
    expect(onHangUp).not.toHaveBeenCalled();
  });

  it('names what 挂断 does in a consultation and asks first: the caller goes to the colleague', async () => {
    const { onHangUp } = renderPanel(
      agent({ status: 'talking', callId: 'c1' }),
      call({ from: '+8613900000001', consult: { agentId: 'a1', targetAgentId: 'a2', connected: true } }),
    );
    expect(screen.getByRole('status').textContent).toContain('正在与 8010 周敏 咨询');
    expect(screen.getByRole<HTMLButtonElement>('button', { name: '完成转接' }).disabled).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: /挂断并转接/ }));
    expect(onHangUp).not.toHaveBeenCalled();
    expect(await screen.findByText('挂断后客户将转给 8010 周敏，确定吗？')).toBeTruthy();
    fireEvent.click(screen.getAllByRole('button', { name: /挂断并转接/ }).at(-1)!);
    expect(onHangUp).toHaveBeenCalledOnce();
  });

  it('tells the colleague who consults them', () => {
    renderPanel(agent({ agentId: 'a2', status: 'talking', callId: 'c1' }), call({ agentIds: ['a1', 'a2'], consult: { agentId: 'a1', targetAgentId: 'a2', connected: true } }));
    expect(screen.getByRole('status').textContent).toBe('a1 正在向你咨询，客户处于保持中');
  });

  it('tells the agent a team leader whispers to them when the floor says so', () => {
    renderPanel(agent({ status: 'talking', callId: 'c1' }), call({ monitors: [{ supervisorId: 'l1', mode: 'whisper' }] }));
    expect(screen.getByRole('status').textContent).toBe('班组长正在对你耳语（客户听不到）');
  });
});
