import { randomUUID } from 'node:crypto';
import { intervalStart, seededRandom, SimulatedCenter, wallTimer, weekdayShares, type Clock, type RecordedCall, type Timer } from '@banzu/core';
import type { Floor, FloorConnection, FloorEngine, FloorOrg, FloorResume, SnapshotMeta } from '../floor/index';
import { RecordingWriter } from '../recordings/index';
import { loadCenterSettings } from '../org/settings';
import type { Queryable, Store } from '../store/index';

const QUARTER_HOUR = 15 * 60_000;
/** Average handle time the demo traffic is sized for: talk ~180 s plus 15 s wrap-up. */
const demoHandleSeconds = 195;

export interface DemoTrafficOptions {
  /** Simulated seconds per real second. */
  speed: number;
  /** Multiplies the demo's traffic (staffing follows it up to the agents there are). */
  load: number;
  seed: number;
  /** Where the simulated switch writes its recordings; null: calls are not recorded. */
  recordingsDir: string | null;
  /** The clock and timer to run on instead of the sped-up wall clock: tests move it by hand. */
  clock?: Clock & { timer: Timer };
  onError: (err: unknown) => void;
}

/** The demo's simulated switch once connected: its center, the clock and timer the floor runs on, and the organisation it serves. */
export interface DemoSwitch {
  center: SimulatedCenter;
  clock: Clock;
  timer: Timer;
  org: FloorOrg;
}

/**
 * The demo's traffic: a simulated switch whose callers arrive by a real center's day profile, and
 * simulated agents logged in and out each quarter-hour for the load. `connect` is the floor's
 * `FloorOptions.connect`; `start` begins planning callers and staff once the floor runs.
 *
 * @example
 * const traffic = new DemoTraffic({ speed: 1, load: 1, seed: 1, recordingsDir, onError });
 * const floor = await startFloor(banzu, { connect: (resume) => traffic.connect(store, resume), onError });
 * const stop = traffic.start(floor);
 */
export class DemoTraffic {
  private connected: DemoSwitch | null = null;
  private recordings: RecordingWriter | null = null;

  constructor(private readonly options: DemoTrafficOptions) {}

  get switch(): DemoSwitch {
    if (!this.connected) throw new Error('the demo traffic is not connected to a floor');
    return this.connected;
  }

  /** Builds the simulated switch for the floor's organisation; after a restart its clock goes on from the saved router's time. */
  async connect(store: Store, resume: FloorResume): Promise<FloorConnection> {
    const { options } = this;
    const clock = options.clock ?? scaledClock(options.speed, resume.at ?? 0);
    const timer = options.clock?.timer ?? wallTimer(clock, options.speed);
    const recordings = options.recordingsDir ? new RecordingWriter(store, options.recordingsDir, options.onError) : null;
    this.recordings = recordings;
    const center = new SimulatedCenter({
      random: seededRandom(options.seed + 1),
      // The demo's VIP line has the top priority; complaints come next; the rest share the bulk.
      queues: resume.org.queues.map((q) => ({ queueId: q.id, share: q.priority >= 10 ? 0.08 : q.priority > 0 ? 0.12 : 0.4, vipLevel: q.priority >= 10 ? 5 : 0 })),
      talk: { kind: 'lognormal', mean: 180, cv: 0.7 },
      patience: { kind: 'exponential', mean: 150 },
      answerDelay: { kind: 'lognormal', mean: 4, cv: 0.5 },
      noAnswerProbability: 0.02,
      callbackShare: 0.1,
      breakEvery: { kind: 'exponential', mean: 3600 },
      breakLength: { kind: 'lognormal', mean: 600, cv: 0.5 },
      // Some callers are known customers: the desktop pops their profile, VIPs are served first.
      knownCallers: { numbers: await customerMobileNumbers(store), share: 0.3 },
      // Simulated agents save one of the center's dispositions, which it may require before ready.
      dispositions: (await loadCenterSettings(store)).dispositions.map((d) => d.code),
      ...(recordings ? { onRecorded: (call: RecordedCall) => recordings.add(call) } : {}),
      // Telemarketing dials: about half pick up, the rest are busy, ring out, or are dead numbers.
      outbound: { answer: 0.5, busy: 0.15, noAnswer: 0.3, ringSeconds: { kind: 'lognormal', mean: 9, cv: 0.4 }, noAnswerSeconds: 30 },
      // Unguessable call ids (random, so never one already in the log after a restart): a team leader
      // sees the own team's call ids and must not name another team's by counting.
      newCallId: () => `sim-${randomUUID()}`,
    });
    this.connected = { center, clock, timer, org: resume.org };
    const simulatedAgents = () => resume.org.agents.filter((a) => center.isSimulated(a.id)).map((a) => a.id);
    return {
      switch: center,
      clock,
      timer,
      meta: (): SnapshotMeta => ({ simulated: simulatedAgents() }),
      resumed: (engine, meta) => endWhatTheLastSimulationLeft(engine, meta.simulated ?? []),
    };
  }

  /**
   * Plans callers and staff one quarter-hour ahead, from now on, on the floor's timer; returns a
   * function that stops planning and resolves once the recordings are written.
   */
  start(floor: Floor): () => Promise<void> {
    const { center, clock, timer, org } = this.switch;
    // Agents without a skill take no inbound calls: they are the telemarketers, whom the campaigns drive.
    const staffing = demoStaffing(
      org.agents.filter((a) => a.skills.length > 0),
      center,
      floor,
    );
    const plan = (from: number) => {
      const calls = demoCallsPerQuarter(from, org.timeZone) * this.options.load;
      const end = intervalStart(from, 15, org.timeZone) + QUARTER_HOUR;
      center.addArrivals([{ start: from, seconds: (end - from) / 1000, calls: (calls * (end - from)) / QUARTER_HOUR }]);
      staffing(from, calls);
      return end;
    };
    // One quarter-hour is always planned ahead, so a timer that fires late never leaves a quarter
    // without callers; after a stall (a suspended process) planning resumes from now, not in the past.
    let planned = plan(clock.now());
    let cancel = () => {};
    const every = () => {
      planned = plan(Math.max(planned, clock.now()));
      cancel = timer.at(planned - QUARTER_HOUR, every);
    };
    every();
    return async () => {
      cancel();
      await this.recordings?.close();
    };
  }
}

/**
 * The simulation clock: runs `speed` times as fast as the wall clock, from the wall clock or, after
 * a restart, from where the last run's clock had got to if that is later.
 */
function scaledClock(speed: number, resumeAt: number): Clock {
  const wallStart = Date.now();
  const start = Math.max(wallStart, resumeAt);
  return { now: () => start + (Date.now() - wallStart) * speed };
}

/** Chinese customers' mobile numbers as a caller id shows them (13812345678): some of the demo's callers are known customers. */
async function customerMobileNumbers(db: Queryable, limit = 5000): Promise<string[]> {
  const rows = await db.query<{ n: string }>(`SELECT number_e164 AS n FROM customer_phones WHERE number_e164 LIKE '+861%' ORDER BY number_e164 LIMIT ${limit}`);
  return rows.map((r) => r.n.slice(3));
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
function demoStaffing(agents: { id: string; skills: unknown[] }[], center: SimulatedCenter, floor: Floor) {
  const { engine, feed } = floor;
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
