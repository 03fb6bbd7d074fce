import { describe, expect, it } from 'vitest';
import { AgentStateError, builtInNotReadyReasons, extendWrapUp, loggedOutAgent, moveAgent, requestAgentState, type AgentState } from './index';

const reasons = new Set<string>([...builtInNotReadyReasons, 'quality_review']);

function expectRejected(fn: () => unknown, code: string): void {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AgentStateError);
    expect((e as AgentStateError).code).toBe(code);
    return;
  }
  throw new Error('expected an AgentStateError');
}

describe('agent state machine', () => {
  it('logs in ready, goes not ready with a reason, and back', () => {
    let agent = loggedOutAgent('a1', 0);
    expectRejected(() => requestAgentState(agent, 'ready', 1000, { reasons }), 'invalid_transition');
    agent = requestAgentState(agent, 'ready', 1000, { reasons, login: true }).agent;
    const { agent: onBreak, event } = requestAgentState(agent, 'not_ready', 2000, { notReadyReason: 'meal', reasons });
    expect(onBreak).toMatchObject({ status: 'not_ready', notReadyReason: 'meal', since: 2000 });
    expect(event).toMatchObject({ type: 'agent.state_changed', stream: 'a1', at: 2000, payload: { from: 'ready', to: 'not_ready', notReadyReason: 'meal', forcedBy: null } });
    expect(requestAgentState(onBreak, 'not_ready', 3000, { notReadyReason: 'quality_review', reasons }).agent.notReadyReason).toBe('quality_review');
  });

  it('refuses unknown reasons and call-bound changes, leaving the state as it was', () => {
    const ready = requestAgentState(loggedOutAgent('a1', 0), 'ready', 0, { reasons, login: true }).agent;
    expectRejected(() => requestAgentState(ready, 'not_ready', 1, { notReadyReason: 'nap', reasons }), 'unknown_reason');
    const talking: AgentState = { ...ready, status: 'talking', callId: 'c1' };
    expectRejected(() => requestAgentState(talking, 'ready', 1, { reasons }), 'invalid_transition');
    expectRejected(() => requestAgentState(talking, 'logged_out', 1, { reasons }), 'invalid_transition');
    expectRejected(() => moveAgent(ready, 'talking', 1), 'invalid_transition');
    expect(talking.status).toBe('talking');
  });

  it('lets a ringing agent decline by going not ready, and a supervisor pull the agent off, recording who did it', () => {
    const ringing: AgentState = { ...loggedOutAgent('a1', 0), status: 'ringing', callId: 'c1' };
    expect(requestAgentState(ringing, 'not_ready', 5, { notReadyReason: 'restroom', reasons }).event.payload).toMatchObject({ to: 'not_ready', forcedBy: null });
    expectRejected(() => requestAgentState(ringing, 'ready', 5, { reasons }), 'invalid_transition');
    expectRejected(() => requestAgentState(ringing, 'logged_out', 5, { reasons }), 'invalid_transition');
    const { event } = requestAgentState(ringing, 'not_ready', 5, { notReadyReason: 'coaching', reasons, forcedBy: 'sup1' });
    expect(event.payload).toMatchObject({ from: 'ringing', to: 'not_ready', forcedBy: 'sup1', callId: 'c1' });
  });

  it('extends wrap-up up to the limit and no further', () => {
    const wrapping: AgentState = {
      ...loggedOutAgent('a1', 0),
      status: 'wrap_up',
      callId: 'c1',
      wrapUp: { endsAt: 20_000, extendedMs: 0, maxExtensionMs: 60_000 },
    };
    const once = extendWrapUp(wrapping, 45_000, 5_000);
    expect(once.agent.wrapUp).toEqual({ endsAt: 65_000, extendedMs: 45_000, maxExtensionMs: 60_000 });
    expect(once.event.payload).toEqual({ callId: 'c1', wrapUpEndsAt: 65_000, extendedMs: 45_000 });
    expectRejected(() => extendWrapUp(once.agent, 30_000, 6_000), 'wrap_up_limit');
    expectRejected(() => extendWrapUp({ ...wrapping, status: 'ready', wrapUp: null }, 1000, 0), 'not_in_wrap_up');
  });
});
