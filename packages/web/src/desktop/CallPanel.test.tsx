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

function renderPanel(a: FloorAgent, c: FloorCall | null) {
  const onHangUp = vi.fn();
  render(
    <CallPanel
      agent={a}
      call={c}
      queues={[]}
      colleagues={[]}
      now={NOW}
      onAnswer={vi.fn()}
      onHangUp={onHangUp}
      onHold={vi.fn()}
      onRetrieve={vi.fn()}
      onTransfer={vi.fn()}
      onConsult={vi.fn()}
    />,
  );
  return { onHangUp };
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
});
