import type { DomainEvent } from '../calls/index';
import { seededRandom } from '../random/index';
import type { SwitchCommand } from '../telephony/index';
import type { AgentProfile, QueueConfig, RouterConfig } from './config';
import type { RouterInput } from './inputs';
import { Router, type HandleResult } from './router';
import type { RouterSnapshot } from './snapshot';

/** Monday 2026-01-05 10:00 in Shanghai: inside the usual hours. */
export const t0 = Date.parse('2026-01-05T02:00:00Z');

/** A router under test (new, or restored from a snapshot), driven in seconds after t0, with everything it said kept in order. */
export function harness(queues: QueueConfig[], agents: (string | AgentProfile)[], extra: Partial<RouterConfig> = {}, from?: RouterSnapshot) {
  const config: RouterConfig = {
    queues,
    agents: agents.map((a) => (typeof a === 'string' ? { agentId: a, skills: [] } : a)),
    random: seededRandom(7),
    ...extra,
  };
  const router = from ? Router.restore(config, from) : new Router(config);
  const events: DomainEvent[] = [];
  const commands: SwitchCommand[] = [];
  const h = (input: RouterInput, seconds: number): HandleResult => {
    const r = router.handle(input, t0 + seconds * 1000);
    events.push(...r.events);
    commands.push(...r.commands);
    return r;
  };
  return {
    router,
    events,
    commands,
    h,
    login: (agentId: string, s = 0, notReadyReason?: string) => h({ type: 'agent.login', agentId, notReadyReason }, s),
    arrive: (callId: string, s: number, opts: { queueId?: string; vipLevel?: number; from?: string | null } = {}) =>
      h(
        {
          type: 'switch.call_arrived',
          callId,
          from: opts.from === undefined ? '13800138000' : opts.from,
          to: '95555',
          queueId: opts.queueId ?? 'q',
          vipLevel: opts.vipLevel ?? 0,
        },
        s,
      ),
    answer: (callId: string, agentId: string, s: number) => h({ type: 'switch.agent_answered', callId, agentId }, s),
    hangUp: (agentId: string, s: number) => h({ type: 'agent.hang_up', agentId }, s),
    tick: (s: number) => h({ type: 'tick' }, s),
    ringing: (callId: string) => router.call(callId)?.ringing ?? [],
    of: <T extends DomainEvent['type']>(type: T) => events.filter((e): e is Extract<DomainEvent, { type: T }> => e.type === type),
  };
}
