import type { Queue } from '@banzu/contract';
import { pickableNotReadyReasons, seededRandom, type RouterConfig, type RouterSnapshot } from '@banzu/core';
import { loadCenter, listQueues } from '../org/index';
import { queueConfig } from '../org/queues';
import { loadCenterSettings } from '../org/settings';
import type { Queryable } from '../store/index';

export interface FloorOrg {
  config: RouterConfig;
  queues: Queue[];
  /** Enabled agents in 工号 order. */
  agents: { id: string; skills: { skillId: string; level: number }[] }[];
  timeZone: string;
}

/**
 * The router's configuration as the store has it now: every queue with its routing settings, every
 * enabled agent with its skills, the center's hours. `random` starts afresh from `seed`: a
 * restored router skips the draws its snapshot made.
 *
 * @example
 * const { config } = await loadFloorOrg(store, 1);
 */
export async function loadFloorOrg(store: Queryable, seed: number): Promise<FloorOrg> {
  const center = await loadCenter(store);
  const settings = await loadCenterSettings(store);
  const queues = await listQueues(store);
  const agents = await store.query<{ id: string; skills: { skillId: string; level: number }[] }>(
    `SELECT a.user_id AS id, coalesce((SELECT json_agg(json_build_object('skillId', s.skill_id, 'level', s.level))
       FROM agent_skills s WHERE s.agent_id = a.user_id), '[]'::json) AS skills
     FROM agents a JOIN users u ON u.id = a.user_id WHERE NOT u.disabled ORDER BY a.employee_no`,
  );
  const agentIds = agents.map((a) => a.id);
  return {
    config: {
      queues: queues.map((q) => queueConfig(q, center.timeZone, agentIds)),
      agents: agents.map((a) => ({ agentId: a.id, skills: a.skills })),
      hours: { timeZone: center.timeZone, hours: center.hours, holidays: center.holidays },
      notReadyReasons: pickableNotReadyReasons(settings),
      dispositionRequired: settings.dispositionRequired,
      random: seededRandom(seed),
    },
    queues,
    agents,
    timeZone: center.timeZone,
  };
}

/**
 * `config` and `snapshot` made to fit each other for `Router.restore`, which needs every agent and
 * queue of the snapshot configured. What the store no longer has (a disabled or deleted agent, a
 * deleted queue) stays while the router still needs it, as a member of nothing: such an agent
 * finishes what is under way and is offered nothing new, such a queue's callers wait until they
 * hang up. Once idle (an agent logged out, a queue without calls) it is dropped from the snapshot.
 */
export function fitSnapshot(config: RouterConfig, snapshot: RouterSnapshot): { config: RouterConfig; snapshot: RouterSnapshot } {
  const agentIds = new Set(config.agents.map((a) => a.agentId));
  const queueIds = new Set(config.queues.map((q) => q.id));
  const agents = snapshot.agents.filter((a) => agentIds.has(a.agentId) || a.state.status !== 'logged_out');
  const queuesInUse = new Set([...snapshot.calls.map((c) => c.queueId), ...agents.map((a) => a.handleQueueId)]);
  const queues = snapshot.queues.filter((q) => queueIds.has(q.queueId) || queuesInUse.has(q.queueId));
  return {
    config: {
      ...config,
      agents: [...config.agents, ...agents.filter((a) => !agentIds.has(a.agentId)).map((a) => ({ agentId: a.agentId, skills: [] }))],
      queues: [...config.queues, ...queues.filter((q) => !queueIds.has(q.queueId)).map((q) => ({ id: q.queueId, agents: [] }))],
    },
    snapshot: { ...snapshot, agents, queues },
  };
}
