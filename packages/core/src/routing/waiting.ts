/**
 * The calls waiting in one queue, in serving order:
 *
 *   1. higher VIP level first (贵宾会员优先排队), then
 *   2. earlier place (`placeAt`: when the caller started waiting), then
 *   3. earlier arrival sequence, to break ties deterministically.
 *
 * A strict order rather than a combined score: a VIP caller is never served after a lower-level
 * caller of the same queue, however long that caller has waited (max-wait overflow is the remedy
 * for long waits, not demotion of VIPs).
 *
 * One bucket per VIP level, each a sorted array with a moving head: a new call appends (its place
 * is the latest), taking the front is O(1), a call returning after ring-no-answer goes back to its
 * original place by binary search, and a position is O(levels + log n) — no scan per decision.
 */
export interface WaitingEntry {
  callId: string;
  vipLevel: number;
  placeAt: number;
  seq: number;
}

function before(a: WaitingEntry, b: WaitingEntry): boolean {
  return a.placeAt < b.placeAt || (a.placeAt === b.placeAt && a.seq < b.seq);
}

class Bucket {
  private items: WaitingEntry[] = [];
  private head = 0;

  get size(): number {
    return this.items.length - this.head;
  }

  front(): WaitingEntry | undefined {
    return this.items[this.head];
  }

  /** Index of the first item not before `e`: where `e` is or would go. */
  private lowerBound(e: WaitingEntry): number {
    let lo = this.head;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (before(this.items[mid]!, e)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  insert(e: WaitingEntry): void {
    const last = this.items[this.items.length - 1];
    if (!last || this.size === 0 || before(last, e)) this.items.push(e);
    else this.items.splice(this.lowerBound(e), 0, e);
  }

  remove(e: WaitingEntry): boolean {
    const i = this.lowerBound(e);
    if (this.items[i] !== e) return false;
    if (i === this.head) {
      this.items[this.head++] = undefined as unknown as WaitingEntry;
      if (this.head > 1024 && this.head * 2 > this.items.length) {
        this.items = this.items.slice(this.head);
        this.head = 0;
      }
    } else {
      this.items.splice(i, 1);
    }
    if (this.size === 0) {
      this.items = [];
      this.head = 0;
    }
    return true;
  }

  /** 0-based rank of `e` within the bucket. */
  rank(e: WaitingEntry): number {
    return this.lowerBound(e) - this.head;
  }

  *[Symbol.iterator](): Generator<WaitingEntry> {
    for (let i = this.head; i < this.items.length; i++) yield this.items[i]!;
  }
}

export class WaitingCalls {
  private readonly levels: Bucket[];
  size = 0;

  constructor(maxVipLevel: number) {
    this.levels = Array.from({ length: maxVipLevel + 1 }, () => new Bucket());
  }

  insert(e: WaitingEntry): void {
    this.levels[e.vipLevel]!.insert(e);
    this.size++;
  }

  remove(e: WaitingEntry): void {
    if (this.levels[e.vipLevel]!.remove(e)) this.size--;
  }

  get maxLevel(): number {
    return this.levels.length - 1;
  }

  /**
   * The oldest call of a VIP level. Walking the levels from `maxLevel` down gives the only
   * candidates for the next agent (a plain loop: this runs on every routing decision).
   */
  front(level: number): WaitingEntry | undefined {
    return this.levels[level]!.front();
  }

  /** The next call in serving order. */
  head(): WaitingEntry | undefined {
    for (let level = this.levels.length - 1; level >= 0; level--) {
      const f = this.levels[level]!.front();
      if (f) return f;
    }
    return undefined;
  }

  /** 1-based position in serving order. */
  position(e: WaitingEntry): number {
    let ahead = 0;
    for (let level = this.levels.length - 1; level > e.vipLevel; level--) ahead += this.levels[level]!.size;
    return ahead + this.levels[e.vipLevel]!.rank(e) + 1;
  }

  /** Every waiting call in serving order. */
  *[Symbol.iterator](): Generator<WaitingEntry> {
    for (let level = this.levels.length - 1; level >= 0; level--) yield* this.levels[level]!;
  }
}
