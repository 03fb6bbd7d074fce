import type { DesktopMessage, FloorPatch, FloorSnapshot, LiveEvent } from '@banzu/contract';

/** The floor as the console holds it: the last snapshot with every later patch applied. */
export interface FloorState extends FloorSnapshot {
  /** The last sequence number included; a reconnect asks for what came after it. */
  seq: number;
  /** Server clock minus browser clock, so times in state tick from the server's `since`. */
  clockOffset: number;
  /** Messages to (or from) this user received since the page opened, oldest first. */
  messages: DesktopMessage[];
}

/**
 * The state from a snapshot; `receivedAt` is the browser's clock when it arrived.
 *
 * @example
 * const state = fromSnapshot(12, snapshot, Date.now());
 */
export function fromSnapshot(seq: number, snapshot: FloorSnapshot, receivedAt: number, messages: DesktopMessage[] = []): FloorState {
  return { ...snapshot, seq, clockOffset: snapshot.now - receivedAt, messages };
}

/** Whether two rows from the server hold the same values (they are small JSON). */
function same(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Replaces rows with the same key and appends the new ones, keeping the order of the old list. A
 * row whose values did not change stays the same object, and a list with no change the same list,
 * so the parts of the screen that show them need not draw again.
 */
function upsert<T>(rows: T[], changed: T[] | undefined, key: (row: T) => string | number): T[] {
  if (!changed || changed.length === 0) return rows;
  const byKey = new Map(changed.map((row) => [key(row), row]));
  let touched = false;
  const out = rows.map((row) => {
    const next = byKey.get(key(row));
    if (next === undefined) return row;
    byKey.delete(key(row));
    if (same(row, next)) return row;
    touched = true;
    return next;
  });
  return touched || byKey.size > 0 ? [...out, ...byKey.values()] : rows;
}

/**
 * Applies one patch: rows replaced by id, ended calls removed, intervals by start, the alert list
 * as a whole, a message appended once.
 *
 * @example
 * applyPatch(state, { agents: [{ ...agent, status: 'ready' }] });
 */
export function applyPatch(state: FloorState, patch: FloorPatch): FloorState {
  const removed = new Set(patch.removedCalls ?? []);
  const upserted = upsert(state.calls, patch.calls, (c) => c.callId);
  const calls = upserted.some((c) => removed.has(c.callId)) ? upserted.filter((c) => !removed.has(c.callId)) : upserted;
  const message = patch.message;
  return {
    ...state,
    agents: upsert(state.agents, patch.agents, (a) => a.agentId),
    queues: upsert(state.queues, patch.queues, (q) => q.queueId),
    calls,
    intervals: patch.intervals
      ? sortedIntervals(
          state.intervals,
          upsert(state.intervals, patch.intervals, (i) => i.start),
        )
      : state.intervals,
    alerts: patch.alerts && !same(patch.alerts, state.alerts) ? patch.alerts : state.alerts,
    messages: message && !state.messages.some((m) => m.id === message.id) ? [...state.messages, message] : state.messages,
  };
}

function sortedIntervals(before: FloorState['intervals'], after: FloorState['intervals']): FloorState['intervals'] {
  return after === before ? before : [...after].sort((a, b) => a.start - b.start);
}

/** Applies the events after `state.seq` in order; anything already included is skipped. */
export function applyEvents(state: FloorState, events: LiveEvent[]): FloorState {
  let next = state;
  for (const event of events) {
    if (event.seq <= next.seq) continue;
    next = { ...applyPatch(next, event.payload), seq: event.seq };
  }
  return next;
}
