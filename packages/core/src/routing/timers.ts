/**
 * The router's pending deadlines. Entries are never removed early: each carries the token its
 * owner held when it was set, and a stale one (the owner moved on) is dropped when it comes first.
 * Ties fire in the order they were set.
 *
 * Most deadlines are a queue's fixed delay after now (ring timeout, max wait, announcements,
 * wrap-up), so the deadlines of one delay are set in the order they fall due: each delay gets a
 * lane, a first-in first-out list, and only the lanes' heads compete. A busy center holds one
 * max-wait deadline per call for minutes (120,000 at 1,000 calls/s); in one binary heap every
 * deadline paid for sifting through all of them. Deadlines of any other time (an extended wrap-up,
 * a widening step, a restored snapshot) go to a binary heap beside the lanes.
 *
 * The lanes keep their entries in parallel arrays, the numbers in typed arrays, rather than one
 * object per deadline: most go stale and live for minutes of simulated time; as objects they would
 * all outlive the young generation and make every garbage collection copy them.
 */
export type TimerKind = 'ring' | 'wrap_up' | 'max_wait' | 'announce' | 'widen';

export interface Timer<O> {
  at: number;
  kind: TimerKind;
  /** The call, agent or queue record the deadline belongs to. */
  owner: O;
  token: number;
}

/** A deadline with the order it was set in, for ties. */
interface Entry<O> extends Timer<O> {
  seq: number;
}

/** Deadlines set in the order they fall due: a ring buffer that doubles when full. */
class Lane<O> {
  at = new Float64Array(16);
  seq = new Float64Array(16);
  tokens = new Float64Array(16);
  kinds: TimerKind[] = new Array<TimerKind>(16).fill('ring');
  owners: (O | undefined)[] = new Array<O | undefined>(16).fill(undefined);
  head = 0;
  size = 0;

  /** The latest deadline in the lane (call only when `size > 0`). */
  last(): number {
    return this.at[(this.head + this.size - 1) & (this.at.length - 1)]!;
  }

  append(at: number, seq: number, kind: TimerKind, owner: O, token: number): void {
    if (this.size === this.at.length) this.grow();
    const i = (this.head + this.size) & (this.at.length - 1);
    this.at[i] = at;
    this.seq[i] = seq;
    this.tokens[i] = token;
    this.kinds[i] = kind;
    this.owners[i] = owner;
    this.size++;
  }

  shift(): void {
    this.owners[this.head] = undefined;
    this.head = (this.head + 1) & (this.at.length - 1);
    this.size--;
  }

  /** The `k`-th entry from the head. */
  entry(k: number): Entry<O> {
    const i = (this.head + k) & (this.at.length - 1);
    return { at: this.at[i]!, seq: this.seq[i]!, kind: this.kinds[i]!, owner: this.owners[i]!, token: this.tokens[i]! };
  }

  /** Doubles the capacity, unrolling the ring so the head is at 0. */
  private grow(): void {
    const n = this.at.length;
    const unroll = (xs: Float64Array) => {
      const grown = new Float64Array(2 * n);
      grown.set(xs.subarray(this.head));
      grown.set(xs.subarray(0, this.head), n - this.head);
      return grown;
    };
    this.at = unroll(this.at);
    this.seq = unroll(this.seq);
    this.tokens = unroll(this.tokens);
    const kinds = new Array<TimerKind>(2 * n).fill('ring');
    const owners = new Array<O | undefined>(2 * n).fill(undefined);
    for (let k = 0; k < n; k++) {
      const i = (this.head + k) & (n - 1);
      kinds[k] = this.kinds[i]!;
      owners[k] = this.owners[i];
    }
    this.kinds = kinds;
    this.owners = owners;
    this.head = 0;
  }
}

const before = <O>(a: Entry<O>, b: Entry<O>) => a.at < b.at || (a.at === b.at && a.seq < b.seq);

/**
 * A binary min-heap by (at, seq) for deadlines of any time. They are few (an extended wrap-up, a
 * widening step, a restored snapshot), so one object each is fine here.
 */
class Heap<O> {
  readonly entries: Entry<O>[] = [];

  top(): Entry<O> | undefined {
    return this.entries[0];
  }

  push(entry: Entry<O>): void {
    const xs = this.entries;
    let i = xs.push(entry) - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(entry, xs[p]!)) break;
      xs[i] = xs[p]!;
      i = p;
    }
    xs[i] = entry;
  }

  pop(): void {
    const xs = this.entries;
    const last = xs.pop();
    if (last === undefined || xs.length === 0) return;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= xs.length) break;
      if (c + 1 < xs.length && before(xs[c + 1]!, xs[c]!)) c++;
      if (!before(xs[c]!, last)) break;
      xs[i] = xs[c]!;
      i = c;
    }
    xs[i] = last;
  }
}

/** More distinct delays than this go to the heap: the lanes' heads are compared one by one. */
const maxLanes = 16;

/**
 * @example
 * const timers = new TimerQueue<CallRec | AgentRec>();
 * timers.after(now, 15_000, 'ring', call, call.ringToken); // a queue's ring timeout
 * timers.push(wrapUpEndsAt, 'wrap_up', agent, agent.wrapUpToken); // any time
 * while (timers.nextAt() <= now) { fire(timers.topKind(), timers.topOwner(), timers.topToken()); timers.pop(); }
 */
export class TimerQueue<O> {
  private readonly heap = new Heap<O>();
  private readonly lanes: Lane<O>[] = [];
  private readonly laneByDelay = new Map<number, Lane<O>>();
  // The earliest entry, copied out of its lane or the heap (`firstLane` null: the heap's top).
  private firstAt = Infinity;
  private firstSeq = 0;
  private firstKind: TimerKind = 'ring';
  private firstOwner: O | undefined = undefined;
  private firstToken = 0;
  private firstLane: Lane<O> | null = null;
  private nextSeq = 0;
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** A deadline at `at` (any time). */
  push(at: number, kind: TimerKind, owner: O, token: number): void {
    this.heap.push({ at, seq: this.nextSeq++, kind, owner, token });
    this.count++;
    if (at < this.firstAt || this.firstLane === null) this.findFirst();
  }

  /** A deadline `delayMs` after `now`: in the delay's lane, or in the heap if it would fall due before the lane's last. */
  after(now: number, delayMs: number, kind: TimerKind, owner: O, token: number): void {
    const at = now + delayMs;
    let lane = this.laneByDelay.get(delayMs);
    if (!lane) {
      if (this.lanes.length >= maxLanes) return this.push(at, kind, owner, token);
      lane = new Lane<O>();
      this.lanes.push(lane);
      this.laneByDelay.set(delayMs, lane);
    }
    if (lane.size > 0 && lane.last() > at) return this.push(at, kind, owner, token);
    const seq = this.nextSeq++;
    lane.append(at, seq, kind, owner, token);
    this.count++;
    if (at < this.firstAt) this.setFirst(at, seq, kind, owner, token, lane);
  }

  /** When the earliest entry is due; Infinity when there is none. */
  nextAt(): number {
    return this.firstAt;
  }

  /** The earliest entry's kind, owner and token (call only when `size > 0`). */
  topKind(): TimerKind {
    return this.firstKind;
  }

  topOwner(): O {
    return this.firstOwner!;
  }

  topToken(): number {
    return this.firstToken;
  }

  /** Removes the earliest entry. */
  pop(): void {
    if (this.count === 0) return;
    if (this.firstLane === null) this.heap.pop();
    else this.firstLane.shift();
    this.count--;
    this.findFirst();
  }

  /** Every entry, in firing order (for a snapshot). */
  sorted(): Timer<O>[] {
    const all = [...this.heap.entries];
    for (const lane of this.lanes) for (let k = 0; k < lane.size; k++) all.push(lane.entry(k));
    return all.sort((a, b) => a.at - b.at || a.seq - b.seq).map(({ at, kind, owner, token }) => ({ at, kind, owner, token }));
  }

  private findFirst(): void {
    const top = this.heap.top();
    if (top) this.setFirst(top.at, top.seq, top.kind, top.owner, top.token, null);
    else this.setFirst(Infinity, 0, 'ring', undefined, 0, null);
    for (const lane of this.lanes) {
      if (lane.size === 0) continue;
      const i = lane.head;
      const at = lane.at[i]!;
      if (at < this.firstAt || (at === this.firstAt && lane.seq[i]! < this.firstSeq)) {
        this.setFirst(at, lane.seq[i]!, lane.kinds[i]!, lane.owners[i], lane.tokens[i]!, lane);
      }
    }
  }

  private setFirst(at: number, seq: number, kind: TimerKind, owner: O | undefined, token: number, lane: Lane<O> | null): void {
    this.firstAt = at;
    this.firstSeq = seq;
    this.firstKind = kind;
    this.firstOwner = owner;
    this.firstToken = token;
    this.firstLane = lane;
  }
}
