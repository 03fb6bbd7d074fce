/**
 * What the simulated world does next, in time order; ties in the order they were scheduled.
 *
 * A binary min-heap kept in parallel arrays rather than one wrapper object per entry: a simulated
 * day schedules millions of items that wait minutes of simulated time, and wrappers that outlive
 * the young generation would make every garbage collection copy them. Items scheduled no earlier
 * than the last one in order (a day's arrivals, planned up front) wait in a plain queue beside the
 * heap instead: with 300,000 of them in the heap every pop would walk 18 levels of it.
 */
export class Schedule<T> {
  private readonly times: number[] = [];
  private readonly seqs: number[] = [];
  private readonly items: T[] = [];
  /** The in-order queue, from `head` on; sorted by time, and by seq as every push takes the next one. */
  private orderedTimes: number[] = [];
  private orderedSeqs: number[] = [];
  private orderedItems: (T | undefined)[] = [];
  private head = 0;
  private seq = 0;

  get size(): number {
    return this.times.length + this.orderedTimes.length - this.head;
  }

  push(at: number, item: T): void {
    const n = this.orderedTimes.length;
    if (n === this.head || at >= this.orderedTimes[n - 1]!) {
      this.orderedTimes.push(at);
      this.orderedSeqs.push(this.seq++);
      this.orderedItems.push(item);
      return;
    }
    this.times.push(at);
    this.seqs.push(this.seq++);
    this.items.push(item);
    for (let i = this.times.length - 1; i > 0; ) {
      const p = (i - 1) >> 1;
      if (!this.less(i, p)) break;
      this.swap(i, p);
      i = p;
    }
  }

  peekTime(): number | null {
    const ordered = this.head < this.orderedTimes.length ? this.orderedTimes[this.head]! : null;
    if (this.times.length === 0) return ordered;
    return ordered === null || this.times[0]! < ordered ? this.times[0]! : ordered;
  }

  /** The next item (its time is what `peekTime` said); undefined when nothing is scheduled. */
  pop(): T | undefined {
    if (this.head < this.orderedTimes.length && (this.times.length === 0 || this.orderedFirst())) return this.popOrdered();
    return this.popHeap();
  }

  /** Whether the in-order queue's first item comes before the heap's. */
  private orderedFirst(): boolean {
    const x = this.orderedTimes[this.head]!;
    const y = this.times[0]!;
    return x < y || (x === y && this.orderedSeqs[this.head]! < this.seqs[0]!);
  }

  private popOrdered(): T {
    const top = this.orderedItems[this.head]!;
    this.orderedItems[this.head] = undefined;
    this.head++;
    if (this.head === this.orderedTimes.length) {
      this.orderedTimes = [];
      this.orderedSeqs = [];
      this.orderedItems = [];
      this.head = 0;
    } else if (this.head >= 4096 && this.head * 2 >= this.orderedTimes.length) {
      // A queue that never empties (a live center's arrivals, day after day) drops what it has served.
      this.orderedTimes = this.orderedTimes.slice(this.head);
      this.orderedSeqs = this.orderedSeqs.slice(this.head);
      this.orderedItems = this.orderedItems.slice(this.head);
      this.head = 0;
    }
    return top;
  }

  private popHeap(): T | undefined {
    const n = this.times.length - 1;
    if (n < 0) return undefined;
    const top = this.items[0]!;
    this.swap(0, n);
    this.times.pop();
    this.seqs.pop();
    this.items.pop();
    for (let i = 0; ; ) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && this.less(l, m)) m = l;
      if (r < n && this.less(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
    return top;
  }

  private less(a: number, b: number): boolean {
    const x = this.times[a]!;
    const y = this.times[b]!;
    return x < y || (x === y && this.seqs[a]! < this.seqs[b]!);
  }

  private swap(a: number, b: number): void {
    const at = this.times[a]!;
    this.times[a] = this.times[b]!;
    this.times[b] = at;
    const seq = this.seqs[a]!;
    this.seqs[a] = this.seqs[b]!;
    this.seqs[b] = seq;
    const item = this.items[a]!;
    this.items[a] = this.items[b]!;
    this.items[b] = item;
  }
}
