import { liveAdherence, type LiveAdherence } from '@banzu/core';
import type { FloorAgent } from '@banzu/contract';

/**
 * An agent's real-time adherence at `now` from the schedule and logins the server sent, so the time
 * out of adherence and a lateness that begins while nothing happens on the floor show as the clock
 * runs; null for an agent without a published shift around today.
 */
export function adherenceAt(agent: FloorAgent, now: number, graceMinutes: number): LiveAdherence | null {
  if (!agent.schedule?.length) return null;
  return liveAdherence(agent.schedule, agent, agent.logins ?? [], now, graceMinutes);
}
