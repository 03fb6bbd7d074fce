import { Router, wallTimer, type AgentStatus, type Clock, type DomainEvent, type Timer } from '@banzu/core';
import { CallerVipLevels } from '../crm/index';
import type { EventLog } from '../events/index';
import type { Store } from '../store/index';
import { fitSnapshot, loadFloorOrg, type FloorOrg } from './config';
import { FloorEngine, type FloorSwitch } from './engine';
import { FloorFeed } from './feed';
import { RouterJournal, type SnapshotMeta } from './journal';

export interface Floor {
  engine: FloorEngine;
  feed: FloorFeed;
  /** A person works this agent's desktop from now on: a switch that plays the agent stops for good (see `SwitchPort.personAtDesk`). Idempotent. */
  personAtDesk(agentId: string): void;
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

/** Where the floor resumes: what the start-up needs to connect its switch. */
export interface FloorResume {
  org: FloorOrg;
  /** The saved router's time, or null on a first start. */
  at: number | null;
  /** What the last run kept beside its snapshot, or null on a first start. */
  meta: SnapshotMeta | null;
}

/** The switch the floor drives, with the clock and timer it runs on (default: the store's clock, the wall timer). */
export interface FloorConnection {
  switch: FloorSwitch;
  clock?: Clock;
  timer?: Timer;
  /** What to keep beside each snapshot. */
  meta?: () => SnapshotMeta;
  /** Called with the engine before it starts, when it resumed a saved router: the switch ends what it no longer has. */
  resumed?: (engine: FloorEngine, meta: SnapshotMeta) => void;
}

export interface FloorOptions {
  /** Connects the switch once the floor knows where it resumes; without it the floor runs with no switch. */
  connect?: (resume: FloorResume) => FloorConnection | Promise<FloorConnection>;
  /** The timer for the store's clock when `connect` names none (tests pass their manual clock's). */
  timer?: Timer;
  /** Seeds the router's random choices. */
  seed?: number;
  onError: (err: unknown) => void;
}

/**
 * The live floor: the router built from the organisation, its events to the log, the live feed
 * for the console, and the switch it drives. It resumes where the last run stopped: the last
 * snapshot, then the inputs handled after it.
 *
 * @example
 * const floor = await startFloor({ store, log, clock }, { connect: () => ({ switch: sip }), onError: log.error });
 */
export async function startFloor(banzu: { store: Store; log: EventLog; clock: Clock }, options: FloorOptions): Promise<Floor> {
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
  const connection: FloorConnection = options.connect ? await options.connect({ org, at: saved ? router.snapshot().now : null, meta: saved?.meta ?? null }) : { switch: null };
  const clock = connection.clock ?? banzu.clock;
  const feed = await FloorFeed.open({
    store,
    log,
    timeZone: org.timeZone,
    now: () => clock.now(),
    router,
  });
  const engine = new FloorEngine({
    router,
    log,
    clock,
    timer: connection.timer ?? options.timer ?? wallTimer(clock),
    switch: connection.switch,
    journal,
    onError: options.onError,
    ...(connection.meta ? { meta: connection.meta } : {}),
  });
  const callerVip = await CallerVipLevels.open(store, 60_000, options.onError);
  engine.lookUpCallerVip((from) => callerVip.level(from));
  if (saved) connection.resumed?.(engine, saved.meta);
  engine.start();
  // One reload at a time, in order, so the last change committed is the one the router runs with.
  let reloading: Promise<void> = Promise.resolve();
  return {
    engine,
    feed,
    personAtDesk(agentId) {
      engine.personAtDesk(agentId);
      feed.setSimulated(agentId, false);
    },
    customersChanged(numbers) {
      return numbers ? callerVip.refreshNumbers(numbers) : callerVip.refresh();
    },
    reload() {
      const next = reloading.then(async () => {
        engine.reconfigure((await loadFloorOrg(store, seed)).config);
        await feed.reloadSettings();
      });
      reloading = next.catch(() => {});
      return next;
    },
    async close() {
      callerVip.close();
      await reloading;
      await engine.stop();
      feed.close();
    },
  };
}

/**
 * Without a saved router (a store from before router snapshots) the last run's memory is lost:
 * agents it had logged in are logged out and calls it was handling are ended, in the log, so the
 * reports and the wallboard agree with the fresh router.
 */
async function closeWhatTheLastRunLeftOpen(banzu: { store: Store; log: EventLog }, now: number): Promise<void> {
  const agents = await banzu.store.query<{ agent_id: string; status: AgentStatus; not_ready_reason: string | null }>(
    `SELECT agent_id, status, not_ready_reason FROM agent_status_current WHERE status <> 'logged_out'`,
  );
  const calls = await banzu.store.query<{ call_id: string }>('SELECT call_id FROM call_records WHERE ended_at IS NULL');
  const events: DomainEvent[] = [
    ...agents.map(
      (a): DomainEvent => ({
        type: 'agent.state_changed',
        stream: a.agent_id,
        at: now,
        payload: { from: a.status, to: 'logged_out', notReadyReason: null, callId: null, wrapUpEndsAt: null, forcedBy: 'system' },
      }),
    ),
    ...calls.map((c): DomainEvent => ({ type: 'call.ended', stream: c.call_id, at: now, payload: { outcome: 'abandoned', endedBy: 'system', connected: false } })),
  ];
  await banzu.log.append(events);
}
