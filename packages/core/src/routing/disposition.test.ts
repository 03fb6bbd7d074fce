import { describe, expect, it } from 'vitest';
import type { QueueConfig } from './config';
import { harness, t0 } from './testing';

const required = { dispositionRequired: { inbound: true, outbound: false } };
const q = (over: Partial<QueueConfig> = {}): QueueConfig => ({ id: 'q', agents: ['a1', 'a2'], wrapUpSeconds: 15, ...over });
const save = (callId: string, agentId = 'a1') => ({ type: 'agent.set_disposition' as const, agentId, callId, code: 'resolved' });

/** a1 answers c1 at 1 s and hangs up at 31 s: wrap-up until 46 s. */
function afterOneCall(queue = q(), extra = required) {
  const t = harness([queue], ['a1', 'a2'], extra);
  t.login('a1', 0);
  t.arrive('c1', 0);
  t.answer('c1', 'a1', 1);
  t.hangUp('a1', 31);
  return t;
}

describe('a required disposition', () => {
  it('holds the agent in wrap-up past its time, offers no call meanwhile, and ends the wrap-up once saved', () => {
    const t = afterOneCall();
    expect(t.of('agent.state_changed').at(-1)?.payload).toMatchObject({ to: 'wrap_up', dispositionDue: true });
    t.tick(60);
    expect(t.router.agentState('a1')?.status).toBe('wrap_up');
    expect(t.router.dispositionDue('a1')).toBe(true);
    t.arrive('c2', 61);
    expect(t.ringing('c2')).toEqual([]);

    expect(t.router.handle({ type: 'agent.ready', agentId: 'a1' }, t0 + 62_000).rejected?.code).toBe('disposition_required');
    expect(t.router.agentState('a1')?.status).toBe('wrap_up');

    t.h(save('c1'), 70);
    expect(t.router.agentState('a1')?.status).toBe('ringing');
    expect(t.ringing('c2')).toEqual(['a1']);
    expect(t.of('call.wrapped_up')[0]?.payload).toEqual({ agentId: 'a1', wrapUpMs: 39_000 });
  });

  it('saved within the wrap-up time leaves the wrap-up to end at its time, and ready ends it early', () => {
    const t = afterOneCall();
    t.h(save('c1'), 35);
    expect(t.router.agentState('a1')?.status).toBe('wrap_up');
    t.tick(46);
    expect(t.router.agentState('a1')?.status).toBe('ready');

    t.arrive('c2', 50);
    t.answer('c2', 'a1', 51);
    t.hangUp('a1', 60);
    t.h(save('c2'), 61);
    expect(t.h({ type: 'agent.ready', agentId: 'a1' }, 62).rejected).toBeNull();
    expect(t.router.agentState('a1')?.status).toBe('ready');
  });

  it('saved while still talking is not asked for again', () => {
    const t = harness([q()], ['a1', 'a2'], required);
    t.login('a1', 0);
    t.arrive('c1', 0);
    t.answer('c1', 'a1', 1);
    t.h(save('c1'), 10);
    t.hangUp('a1', 31);
    expect(t.router.dispositionDue('a1')).toBe(false);
    t.tick(46);
    expect(t.router.agentState('a1')?.status).toBe('ready');
  });

  it('is not asked for when the center does not require it, nor for outbound calls by default', () => {
    const free = afterOneCall(q(), { dispositionRequired: { inbound: false, outbound: false } });
    free.tick(46);
    expect(free.router.agentState('a1')?.status).toBe('ready');

    const t = harness([q()], ['a1', 'a2'], { ...required, outboundWrapUp: { wrapUpSeconds: 5, maxWrapUpExtensionSeconds: 0 } });
    t.login('a1', 0);
    t.h({ type: 'agent.dial', agentId: 'a1', callId: 'o1', number: '13600000000' }, 1);
    t.h({ type: 'switch.customer_answered', callId: 'o1' }, 5);
    t.hangUp('a1', 20);
    t.tick(25);
    expect(t.router.agentState('a1')?.status).toBe('ready');
  });

  it('with no wrap-up time keeps the agent in wrap-up until saved', () => {
    const t = afterOneCall(q({ wrapUpSeconds: 0 }));
    expect(t.router.agentState('a1')?.status).toBe('wrap_up');
    t.tick(40);
    expect(t.router.agentState('a1')?.status).toBe('wrap_up');
    t.h(save('c1'), 41);
    expect(t.router.agentState('a1')?.status).toBe('ready');
  });

  it('gives way to not ready, logging out and a supervisor’s force', () => {
    const t = afterOneCall();
    t.tick(50);
    expect(t.h({ type: 'supervisor.force_state', supervisorId: 'sup1', agentId: 'a1', to: 'ready' }, 51).rejected).toBeNull();
    expect(t.router.agentState('a1')?.status).toBe('ready');
    expect(t.router.dispositionDue('a1')).toBe(false);

    const out = afterOneCall();
    expect(out.h({ type: 'agent.logout', agentId: 'a1' }, 40).rejected).toBeNull();
    expect(out.router.agentState('a1')?.status).toBe('logged_out');

    const away = afterOneCall();
    expect(away.h({ type: 'agent.not_ready', agentId: 'a1', reason: 'break' }, 40).rejected).toBeNull();
    expect(away.router.agentState('a1')).toMatchObject({ status: 'not_ready', notReadyReason: 'break' });
    expect(away.router.dispositionDue('a1')).toBe(false);
  });

  it('is asked of an agent who blind-transfers the caller, for the call they left', () => {
    const t = harness([q(), { id: 'billing', agents: ['a2'] }], ['a1', 'a2'], required);
    t.login('a1', 0);
    t.login('a2', 0, 'meal');
    t.arrive('c1', 0);
    t.answer('c1', 'a1', 1);
    t.h({ type: 'agent.transfer', agentId: 'a1', to: { queueId: 'billing' } }, 10);
    t.tick(30);
    expect(t.router.agentState('a1')).toMatchObject({ status: 'wrap_up', callId: 'c1' });
    t.h(save('c1'), 31);
    expect(t.router.agentState('a1')?.status).toBe('ready');
  });

  it('survives a restore from a snapshot', () => {
    const t = afterOneCall();
    t.tick(50);
    const restored = harness([q()], ['a1', 'a2'], required, JSON.parse(JSON.stringify(t.router.snapshot())));
    expect(restored.router.dispositionDue('a1')).toBe(true);
    restored.tick(100);
    expect(restored.router.agentState('a1')?.status).toBe('wrap_up');
    restored.h(save('c1'), 101);
    expect(restored.router.agentState('a1')?.status).toBe('ready');
  });
});
