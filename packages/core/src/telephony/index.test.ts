import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random/index';
import { Router } from '../routing/index';
import type { SwitchCommand, SwitchEvent, SwitchPort } from './index';

/** A switch whose agents pick up every offer at once: enough to see the port's round trip. */
function instantSwitch(): SwitchPort & { executed: SwitchCommand[]; report(e: SwitchEvent): void } {
  let handler: ((e: SwitchEvent) => void) | null = null;
  const port = {
    executed: [] as SwitchCommand[],
    execute(commands: readonly SwitchCommand[]) {
      for (const c of commands) {
        port.executed.push(c);
        if (c.type === 'offer') handler?.({ type: 'switch.agent_answered', callId: c.callId, agentId: c.agentId });
      }
    },
    onEvent(h: (e: SwitchEvent) => void) {
      handler = h;
      return () => {
        handler = null;
      };
    },
    personAtDesk() {},
    report: (e: SwitchEvent) => handler?.(e),
  };
  return port;
}

describe('switch port', () => {
  it('carries switch events to the router and its commands back to the switch', () => {
    const router = new Router({ queues: [{ id: 'q', agents: ['a1'] }], agents: [{ agentId: 'a1', skills: [] }], random: seededRandom(1) });
    const now = Date.UTC(2026, 0, 5, 2);
    const port = instantSwitch();
    const unsubscribe = port.onEvent((e) => port.execute(router.handle(e, now).commands, now));
    router.handle({ type: 'agent.login', agentId: 'a1' }, now);
    port.report({ type: 'switch.call_arrived', callId: 'c1', from: '13800138000', to: '95555', queueId: 'q', vipLevel: 0 });
    expect(port.executed.map((c) => c.type)).toEqual(['play', 'offer', 'bridge', 'record']);
    expect(router.call('c1')).toMatchObject({ status: 'connected', agents: ['a1'] });
    unsubscribe();
  });
});
