import {
  builtInNotReadyReasons,
  intervalStart,
  Router,
  seededRandom,
  SimulatedCenter,
  weekdayShares,
  type Clock,
  type QueueConfig,
} from '@banzu/core';
import type { Banzu } from '../bootstrap/index';
import { loadCenter } from '../org/index';
import { FloorEngine } from './engine';
import { FloorFeed } from './feed';

export { FloorEngine } from './engine';
export { FloorFeed, dispositions } from './feed';
export { floorRoutes } from './routes';
export type * from './types';

export interface Floor {
  engine: FloorEngine;
  feed: FloorFeed;
  close(): void;
}

export interface FloorOptions {
  /** Run simulated traffic and simulated agents (the demo center). */
  simulate: boolean;
  /** Simulated seconds per real second. */
  speed?: number;
  /** Multiplies the demo's traffic (staffing follows it up to the agents there are). */
  load?: number;
  seed?: number;
  onError: (err: unknown) => void;
}

const QUARTER_HOUR = 15 * 60_000;
/** Average handle time the demo traffic is sized for: talk ~180 s plus 15 s wrap-up. */
const demoHandleSeconds = 195;

/** The simulation clock: starts at the wall clock and runs `speed` times as fast. */
function scaledClock(speed: number): Clock {
  const wallStart = Date.now();
  return { now: () => wallStart + (Date.now() - wallStart) * speed };
}

/**
 * The live floor: the router built from the organisation, its events to the log, the live feed
 * for the console, and (for the demo) a simulated center with callers and agents.
 *
 * @example
 * const floor = await startFloor(banzu, { simulate: true, onError: log.error });
 */
export async function startFloor(banzu: Pick<Banzu, 'store' | 'log' | 'clock'>, options: FloorOptions): Promise<Floor> {
  const { store, log } = banzu;
  const center = await loadCenter(store);
  const queues = await store.query<{ id: string; priority: number; required_skills: { skillId: string; minLevel: number }[] }>(
    'SELECT id, priority, required_skills FROM queues ORDER BY priority DESC, name',
  );
  const agents = await store.query<{ id: string; skills: { skillId: string; level: number }[] }>(
    `SELECT a.user_id AS id, coalesce((SELECT json_agg(json_build_object('skillId', s.skill_id, 'level', s.level))
       FROM agent_skills s WHERE s.agent_id = a.user_id), '[]'::json) AS skills
     FROM agents a JOIN users u ON u.id = a.user_id WHERE NOT u.disabled ORDER BY a.employee_no`,
  );
  const speed = options.speed ?? 1;
  const clock = options.simulate ? scaledClock(speed) : banzu.clock;

  await closeWhatTheLastRunLeftOpen(banzu, clock.now());

  const agentIds = agents.map((a) => a.id);
  const queueConfigs: QueueConfig[] = queues.map((q) => ({
    id: q.id,
    priority: q.priority,
    agents: agentIds,
    requiredSkills: q.required_skills,
    // Callers should not wait long for the perfect agent: widen by a level after 30 s, two after 60 s.
    widening: [
      { afterSeconds: 30, minLevelDrop: 1 },
      { afterSeconds: 60, minLevelDrop: 2 },
    ],
  }));
  const router = new Router({
    queues: queueConfigs,
    agents: agents.map((a) => ({ agentId: a.id, skills: a.skills })),
    hours: { timeZone: center.timeZone, hours: center.hours, holidays: center.holidays },
    random: seededRandom(options.seed ?? 1),
  });

  const simulated = options.simulate
    ? new SimulatedCenter({
        random: seededRandom((options.seed ?? 1) + 1),
        // The demo's VIP line has the top priority; complaints come next; the rest share the bulk.
        queues: queues.map((q) => ({ queueId: q.id, share: q.priority >= 10 ? 0.08 : q.priority > 0 ? 0.12 : 0.4, vipLevel: q.priority >= 10 ? 5 : 0 })),
        talk: { kind: 'lognormal', mean: 180, cv: 0.7 },
        patience: { kind: 'exponential', mean: 150 },
        answerDelay: { kind: 'lognormal', mean: 4, cv: 0.5 },
        noAnswerProbability: 0.02,
        callbackShare: 0.1,
        breakEvery: { kind: 'exponential', mean: 3600 },
        breakLength: { kind: 'lognormal', mean: 600, cv: 0.5 },
      })
    : null;

  const feed = await FloorFeed.open({
    store,
    log,
    timeZone: center.timeZone,
    now: () => clock.now(),
    notReadyReasons: [...builtInNotReadyReasons],
  });
  const engine = new FloorEngine(router, log, clock, simulated, options.onError, speed);
  let staffingTimer: NodeJS.Timeout | undefined;
  if (simulated) {
    const staffing = demoStaffing(agents, simulated, engine, feed);
    const plan = (from: number) => {
      const calls = demoCallsPerQuarter(from, center.timeZone) * (options.load ?? 1);
      const start = Math.max(from, intervalStart(from, 15, center.timeZone));
      const end = intervalStart(from, 15, center.timeZone) + QUARTER_HOUR;
      simulated.addArrivals([{ start, seconds: (end - start) / 1000, calls: (calls * (end - start)) / QUARTER_HOUR }]);
      staffing(from, calls);
    };
    plan(clock.now());
    // Each quarter-hour: the next quarter-hour's callers, and the staff they need.
    const every = () => {
      plan(intervalStart(clock.now(), 15, center.timeZone) + QUARTER_HOUR);
      staffingTimer = setTimeout(every, QUARTER_HOUR / speed);
    };
    staffingTimer = setTimeout(every, (intervalStart(clock.now(), 15, center.timeZone) + QUARTER_HOUR - clock.now()) / speed);
  }
  engine.start();
  return {
    engine,
    feed,
    close() {
      clearTimeout(staffingTimer);
      engine.stop();
      feed.close();
    },
  };
}

/**
 * The demo's callers in the quarter-hour holding `at`: the real day profile, flattened so that
 * nights are quiet but alive (a demo opened at 3 a.m. still shows calls), peaking at 110.
 */
function demoCallsPerQuarter(at: number, timeZone: string): number {
  const slot = Math.min(95, Math.floor((intervalStart(at, 15, timeZone) - intervalStart(at, 'day', timeZone)) / QUARTER_HOUR));
  return 110 * (0.4 + (0.6 * weekdayShares[slot]!) / Math.max(...weekdayShares));
}

/**
 * Logs simulated agents in and out for each quarter-hour's load at about 93% occupancy: calls
 * often wait, so a person who goes ready at a desktop gets one soon. Agents with the most skills
 * (VIP, complaints) are staffed first so every queue has someone; people are never touched.
 */
function demoStaffing(agents: { id: string; skills: unknown[] }[], center: SimulatedCenter, engine: FloorEngine, feed: FloorFeed) {
  const order = [...agents].sort((a, b) => b.skills.length - a.skills.length);
  return (at: number, callsPerQuarter: number) => {
    const needed = Math.min(order.length, Math.max(12, Math.ceil((callsPerQuarter * demoHandleSeconds) / 900 / 0.93)));
    let staffed = order.filter((a) => center.isSimulated(a.id)).length;
    for (const a of order) {
      if (staffed >= needed) break;
      if (center.isSimulated(a.id) || center.isHuman(a.id) || engine.router.agentState(a.id)?.status !== 'logged_out') continue;
      center.staff(a.id, at);
      feed.setSimulated(a.id, true);
      staffed++;
    }
    for (const a of [...order].reverse()) {
      if (staffed <= needed) break;
      if (!center.isSimulated(a.id) || engine.router.agentState(a.id)?.status !== 'ready') continue;
      center.release(a.id, at);
      feed.setSimulated(a.id, false);
      staffed--;
    }
  };
}

/**
 * A restart loses the router's memory: agents it had logged in are logged out and calls it was
 * handling are ended, in the log, so the reports and the wallboard agree with reality.
 */
async function closeWhatTheLastRunLeftOpen(banzu: Pick<Banzu, 'store' | 'log'>, now: number): Promise<void> {
  const agents = await banzu.store.query<{ agent_id: string; status: string; not_ready_reason: string | null }>(
    `SELECT agent_id, status, not_ready_reason FROM agent_status_current WHERE status <> 'logged_out'`,
  );
  const calls = await banzu.store.query<{ call_id: string }>('SELECT call_id FROM call_records WHERE ended_at IS NULL');
  const events = [
    ...agents.map((a) => ({
      type: 'agent.state_changed',
      stream: a.agent_id,
      payload: { from: a.status, to: 'logged_out', notReadyReason: null, callId: null, wrapUpEndsAt: null, forcedBy: 'system' },
      occurredAt: now,
    })),
    ...calls.map((c) => ({ type: 'call.ended', stream: c.call_id, payload: { outcome: 'abandoned', endedBy: 'system', connected: false }, occurredAt: now })),
  ];
  await banzu.log.append(events);
}
