import { builtInNotReadyReasons, intervalStart, Router, seededRandom, SimulatedCenter, weekdayShares, type AgentStatus, type Clock, type DomainEvent, type RecordedCall } from '@banzu/core';
import type { Banzu } from '../bootstrap/index';
import { CallerVipLevels, simulatedCallerNumbers } from '../crm/index';
import { RecordingWriter } from '../recordings/index';
import { fitSnapshot, loadFloorOrg } from './config';
import { FloorEngine } from './engine';
import { FloorFeed } from './feed';
import { RouterJournal } from './journal';

export { FloorEngine } from './engine';
export { FloorFeed, dispositions } from './feed';
export { floorRoutes } from './routes';

export interface Floor {
  engine: FloorEngine;
  feed: FloorFeed;
  /** Rebuilds the router's configuration from the store (an organisation change); resolves once the router runs with it. */
  reload(): Promise<void>;
  /**
   * Takes up a change of customers' VIP levels for routing at once: for these numbers (E.164), or
   * for everyone (a class's level, an import) without them.
   */
  customersChanged(numbers?: readonly string[]): Promise<void>;
  /** Stops the floor; resolves once its last snapshot is saved. */
  close(): Promise<void>;
}

export interface FloorOptions {
  /** Run simulated traffic and simulated agents (the demo center). */
  simulate: boolean;
  /** Simulated seconds per real second. */
  speed?: number;
  /** Multiplies the demo's traffic (staffing follows it up to the agents there are). */
  load?: number;
  seed?: number;
  /** Where the simulated switch writes its recordings; without it, calls are not recorded. */
  recordingsDir?: string;
  /** The simulation's clock instead of the sped-up wall clock: tests move it by hand. */
  simulationClock?: Clock;
  onError: (err: unknown) => void;
}

const QUARTER_HOUR = 15 * 60_000;
/** Average handle time the demo traffic is sized for: talk ~180 s plus 15 s wrap-up. */
const demoHandleSeconds = 195;

/**
 * The simulation clock: runs `speed` times as fast as the wall clock, from the wall clock or, after
 * a restart, from where the last run's clock had got to if that is later.
 */
function scaledClock(speed: number, resumeAt: number): Clock {
  const wallStart = Date.now();
  const start = Math.max(wallStart, resumeAt);
  return { now: () => start + (Date.now() - wallStart) * speed };
}

/**
 * The live floor: the router built from the organisation, its events to the log, the live feed
 * for the console, and (for the demo) a simulated center with callers and agents. It resumes where
 * the last run stopped: the last snapshot, then the inputs handled after it.
 *
 * @example
 * const floor = await startFloor(banzu, { simulate: true, onError: log.error });
 */
export async function startFloor(banzu: Pick<Banzu, 'store' | 'log' | 'clock'>, options: FloorOptions): Promise<Floor> {
  const { store, log } = banzu;
  const seed = options.seed ?? 1;
  const org = await loadFloorOrg(store, seed);
  const { journal, saved } = await RouterJournal.open(store, options.onError);
  let router: Router;
  if (saved) {
    const fitted = fitSnapshot(org.config, saved.snapshot);
    router = Router.restore(fitted.config, fitted.snapshot);
    // Their events are in the log and their commands reached the switch: only the state is wanted.
    for (const { at, input } of saved.inputs) router.handle(input, at);
  } else {
    await closeWhatTheLastRunLeftOpen(banzu, banzu.clock.now());
    router = new Router(org.config);
  }
  const speed = options.speed ?? 1;
  const clock = options.simulate ? (options.simulationClock ?? scaledClock(speed, router.snapshot().now)) : banzu.clock;

  // The simulated switch's recordings, written in batches off the router's path.
  const recordings = options.simulate && options.recordingsDir ? new RecordingWriter(store, options.recordingsDir, options.onError) : null;
  const simulated = options.simulate
    ? new SimulatedCenter(
        {
          random: seededRandom(seed + 1),
          // The demo's VIP line has the top priority; complaints come next; the rest share the bulk.
          queues: org.queues.map((q) => ({ queueId: q.id, share: q.priority >= 10 ? 0.08 : q.priority > 0 ? 0.12 : 0.4, vipLevel: q.priority >= 10 ? 5 : 0 })),
          talk: { kind: 'lognormal', mean: 180, cv: 0.7 },
          patience: { kind: 'exponential', mean: 150 },
          answerDelay: { kind: 'lognormal', mean: 4, cv: 0.5 },
          noAnswerProbability: 0.02,
          callbackShare: 0.1,
          breakEvery: { kind: 'exponential', mean: 3600 },
          breakLength: { kind: 'lognormal', mean: 600, cv: 0.5 },
          // Some callers are known customers: the desktop pops their profile, VIPs are served first.
          knownCallers: { numbers: await simulatedCallerNumbers(store), share: 0.3 },
          ...(recordings ? { onRecorded: (call: RecordedCall) => recordings.add(call) } : {}),
          // Telemarketing dials: about half pick up, the rest are busy, ring out, or are dead numbers.
          outbound: { answer: 0.5, busy: 0.15, noAnswer: 0.3, ringSeconds: { kind: 'lognormal', mean: 9, cv: 0.4 }, noAnswerSeconds: 30 },
        },
        // Call ids of one run, so a restarted simulation never reuses a call id already in the log.
        `sim-${clock.now().toString(36)}`,
      )
    : null;

  const feed = await FloorFeed.open({
    store,
    log,
    timeZone: org.timeZone,
    now: () => clock.now(),
    notReadyReasons: [...builtInNotReadyReasons],
    router,
  });
  const simulatedAgents = () => (simulated ? org.agents.filter((a) => simulated.isSimulated(a.id)).map((a) => a.id) : []);
  const engine = new FloorEngine(router, log, clock, simulated, journal, options.onError, speed, () => ({ simulated: simulatedAgents() }));
  const callerVip = await CallerVipLevels.open(store, 60_000, options.onError);
  engine.lookUpCallerVip((from) => callerVip.level(from));
  let staffingTimer: NodeJS.Timeout | undefined;
  if (simulated) {
    if (saved) endWhatTheLastSimulationLeft(engine, saved.meta.simulated ?? []);
    // Agents without a skill take no inbound calls: they are the telemarketers, whom the campaigns drive.
    const staffing = demoStaffing(org.agents.filter((a) => a.skills.length > 0), simulated, engine, feed);
    // Callers and staff for the quarter-hour holding `from`, from `from` on; returns its end.
    const plan = (from: number) => {
      const calls = demoCallsPerQuarter(from, org.timeZone) * (options.load ?? 1);
      const end = intervalStart(from, 15, org.timeZone) + QUARTER_HOUR;
      simulated.addArrivals([{ start: from, seconds: (end - from) / 1000, calls: (calls * (end - from)) / QUARTER_HOUR }]);
      staffing(from, calls);
      return end;
    };
    // One quarter-hour is always planned ahead, so a timer that fires late never leaves a quarter
    // without callers; after a stall (a suspended process) planning resumes from now, not in the past.
    let planned = plan(clock.now());
    const every = () => {
      planned = plan(Math.max(planned, clock.now()));
      staffingTimer = setTimeout(every, Math.max(0, planned - QUARTER_HOUR - clock.now()) / speed);
    };
    every();
  }
  engine.start();
  // One reload at a time, in order, so the last change committed is the one the router runs with.
  let reloading: Promise<void> = Promise.resolve();
  return {
    engine,
    feed,
    customersChanged(numbers) {
      return numbers ? callerVip.refreshNumbers(numbers) : callerVip.refresh();
    },
    reload() {
      const next = reloading.then(async () => engine.reconfigure((await loadFloorOrg(store, seed)).config));
      reloading = next.catch(() => {});
      return next;
    },
    async close() {
      clearTimeout(staffingTimer);
      callerVip.close();
      await reloading;
      await engine.stop();
      await recordings?.close();
      feed.close();
    },
  };
}

/**
 * The demo's callers and simulated agents live only in the memory of the run that made them: after
 * a restart nobody would answer or hang up for them. In demo mode the simulation is the switch, so
 * every call it left ends as if the caller hung up (a callback being dialled fails), and the agents
 * it drove are logged out for the new simulation to staff again. People at desktops keep their state.
 * What the router refuses (a queued callback ignores the hang-up) stays as it is.
 */
function endWhatTheLastSimulationLeft(engine: FloorEngine, simulatedAgents: readonly string[]): void {
  for (const callId of engine.router.liveCalls()) {
    const dialing = engine.router.call(callId)?.status === 'dialing';
    engine.command(dialing ? { type: 'switch.customer_unreachable', callId, cause: 'failed' } : { type: 'switch.caller_hung_up', callId });
  }
  for (const agentId of simulatedAgents) {
    if (engine.router.agentState(agentId)?.status === 'logged_out') continue;
    engine.command({ type: 'supervisor.force_state', supervisorId: 'system', agentId, to: 'logged_out' });
  }
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
 * Without a saved router (a store from before router snapshots) the last run's memory is lost:
 * agents it had logged in are logged out and calls it was handling are ended, in the log, so the
 * reports and the wallboard agree with the fresh router.
 */
async function closeWhatTheLastRunLeftOpen(banzu: Pick<Banzu, 'store' | 'log'>, now: number): Promise<void> {
  const agents = await banzu.store.query<{ agent_id: string; status: AgentStatus; not_ready_reason: string | null }>(
    `SELECT agent_id, status, not_ready_reason FROM agent_status_current WHERE status <> 'logged_out'`,
  );
  const calls = await banzu.store.query<{ call_id: string }>('SELECT call_id FROM call_records WHERE ended_at IS NULL');
  const events: DomainEvent[] = [
    ...agents.map((a): DomainEvent => ({
      type: 'agent.state_changed',
      stream: a.agent_id,
      at: now,
      payload: { from: a.status, to: 'logged_out', notReadyReason: null, callId: null, wrapUpEndsAt: null, forcedBy: 'system' },
    })),
    ...calls.map((c): DomainEvent => ({ type: 'call.ended', stream: c.call_id, at: now, payload: { outcome: 'abandoned', endedBy: 'system', connected: false } })),
  ];
  await banzu.log.append(events);
}
