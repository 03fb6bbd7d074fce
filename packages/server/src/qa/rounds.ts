import { fromLocal, localDate, localParts, type Clock, type Timer } from '@banzu/core';
import type { EventLog } from '../events/index';
import type { Store } from '../store/index';
import { loadCenterCalendar } from '../wfm/index';
import { confirmOverdue, type QaContext } from './evaluations';
import { loadQaSettings } from './forms';
import { samplePeriod } from './sampling';

const HOUR = 3_600_000;
/** The local hour of the nightly sampling: an hour after midnight, so calls running over midnight have ended. */
const NIGHTLY_HOUR = 1;

/** What one round did: evaluations confirmed by their deadline, and the period sampled, if the plan says to. */
export interface QaRound {
  at: number;
  confirmed: number;
  sampled: { date: string; added: number } | null;
}

/**
 * One round of QA's clock at `at`: evaluations whose deadline passed are confirmed (so 监听分值, the
 * ladder and the star follow even when nobody opens the QA pages), and the plan's schedule samples —
 * `hourly`: the period holding the hour just ended, up to `at`; `nightly`, in the round of 01:00: the
 * period holding the day before, up to midnight. `at` is on the hour of the center's clock.
 */
export async function qaRound(store: Store, log: EventLog, at: number): Promise<QaRound & { timeZone: string }> {
  const { calendar, timeZone } = await loadCenterCalendar(store);
  const ctx: QaContext = { log, now: at, timeZone, calendar, settings: await loadQaSettings(store) };
  const confirmed = await store.transaction((tx) => confirmOverdue(tx, ctx));
  const { schedule } = ctx.settings.sampling;
  const local = localParts(at, timeZone);
  const upTo = schedule === 'hourly' ? at : schedule === 'nightly' && local.hour === NIGHTLY_HOUR ? fromLocal(local.year, local.month, local.day, 0, 0, timeZone) : null;
  if (upTo === null) return { at, confirmed, sampled: null, timeZone };
  const date = localDate(upTo - 1, timeZone);
  const added = await store.transaction((tx) => samplePeriod(tx, date, ctx, upTo));
  return { at, confirmed, sampled: { date, added }, timeZone };
}

export interface QaRoundsOptions {
  store: Store;
  log: EventLog;
  clock: Clock;
  /** The clock's timer: the wall clock's in production, the manual clock's in tests. */
  timer: Timer;
  onError: (err: unknown) => void;
  onRound?: (round: QaRound) => void;
}

/**
 * Runs `qaRound` on every hour of the center's clock until stopped; one round at a time, a round
 * that fails is reported and the next one comes on the next hour. Until the first round has read the
 * center's time zone, the hours are UTC's.
 *
 * @example
 * const stop = startQaRounds({ store, log, clock, timer: wallTimer(clock), onError: (err) => app.log.warn({ err }) });
 */
export function startQaRounds(options: QaRoundsOptions): () => void {
  const { store, log, clock, timer, onError, onRound } = options;
  let timeZone = 'UTC';
  let stopped = false;
  let cancel = () => {};
  const next = () => {
    if (stopped) return;
    const now = clock.now();
    const p = localParts(now, timeZone);
    const onTheHour = fromLocal(p.year, p.month, p.day, p.hour + 1, 0, timeZone);
    // Past a clock change the next local hour may not lie ahead: an hour from now does.
    const at = onTheHour > now ? onTheHour : now + HOUR;
    cancel = timer.at(at, () => void run(at));
  };
  const run = async (at: number) => {
    try {
      const { timeZone: zone, ...round } = await qaRound(store, log, at);
      timeZone = zone;
      onRound?.(round);
    } catch (err) {
      onError(err);
    } finally {
      next();
    }
  };
  next();
  return () => {
    stopped = true;
    cancel();
  };
}
