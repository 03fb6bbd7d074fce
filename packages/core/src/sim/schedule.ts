/**
 * What the simulated world does next, in time order; ties in the order they were scheduled.
 *
 * A binary min-heap of numbers: each entry's time, sequence and the slot its item waits in, in
 * typed arrays, so sifting moves numbers only. A heap of the items themselves (or of wrappers)
 * would store a young object into a long-lived array at every level of every sift, each store a
 * write barrier and a remembered slot for the next garbage collection to visit. Items scheduled no
 * earlier than the last one in order (a day's arrivals, planned up front) wait in a plain queue
 * beside the heap instead: with 300,000 of them in the heap every pop would walk 18 levels of it.
 */
export class Schedule<T> {
  private times = new Float64Array(64);
  private seqs = new Float64Array(64);
  private slots = new Int32Array(64);
  private count = 0;
  /** The heap's items by slot, and the slots free for reuse. */
  private readonly items: (T | undefined)[] = [];
  private readonly freeSlots: number[] = [];
  /** The in-order queue, from `head` on; sorted by time, and by seq as every push takes the next one. */
  private orderedTimes: number[] = [];
  private orderedSeqs: number[] = [];
  private orderedItems: (T | undefined)[] = [];
  private head = 0;
  private seq = 0;

  get size(): number {
    return this.count + this.orderedTimes.length - this.head;
  }

  push(at: number, item: T): void {
    const n = this.orderedTimes.length;
    if (n === this.head || at >= this.orderedTimes[n - 1]!) {
      this.orderedTimes.push(at);
      this.orderedSeqs.push(this.seq++);
      this.orderedItems.push(item);
      return;
    }
    if (this.count === this.times.length) this.grow();
    let slot = this.freeSlots.pop();
    if (slot === undefined) slot = this.items.push(item) - 1;
    else this.items[slot] = item;
    const i = this.count++;
    this.times[i] = at;
    this.seqs[i] = this.seq++;
    this.slots[i] = slot;
    this.siftUp(i);
  }

  peekTime(): number | null {
    const ordered = this.head < this.orderedTimes.length ? this.orderedTimes[this.head]! : null;
    if (this.count === 0) return ordered;
    return ordered === null || this.times[0]! < ordered ? this.times[0]! : ordered;
  }

  /** The next item (its time is what `peekTime` said); undefined when nothing is scheduled. */
  pop(): T | undefined {
    if (this.head < this.orderedTimes.length && (this.count === 0 || this.orderedFirst())) return this.popOrdered();
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
    if (this.count === 0) return undefined;
    const slot = this.slots[0]!;
    const top = this.items[slot];
    this.items[slot] = undefined;
    this.freeSlots.push(slot);
    const last = --this.count;
    this.times[0] = this.times[last]!;
    this.seqs[0] = this.seqs[last]!;
    this.slots[0] = this.slots[last]!;
    this.siftDown(0);
    return top;
  }

  private siftUp(i: number): void {
    const { times, seqs, slots } = this;
    const at = times[i]!;
    const seq = seqs[i]!;
    const slot = slots[i]!;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!(at < times[p]! || (at === times[p] && seq < seqs[p]!))) break;
      times[i] = times[p]!;
      seqs[i] = seqs[p]!;
      slots[i] = slots[p]!;
      i = p;
    }
    times[i] = at;
    seqs[i] = seq;
    slots[i] = slot;
  }

  private siftDown(i: number): void {
    const { times, seqs, slots } = this;
    const n = this.count;
    const at = times[i]!;
    const seq = seqs[i]!;
    const slot = slots[i]!;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      const r = c + 1;
      if (r < n && (times[r]! < times[c]! || (times[r] === times[c] && seqs[r]! < seqs[c]!))) c = r;
      if (!(times[c]! < at || (times[c] === at && seqs[c]! < seq))) break;
      times[i] = times[c]!;
      seqs[i] = seqs[c]!;
      slots[i] = slots[c]!;
      i = c;
    }
    times[i] = at;
    seqs[i] = seq;
    slots[i] = slot;
  }

  private grow(): void {
    const n = this.times.length;
    const times = new Float64Array(2 * n);
    const seqs = new Float64Array(2 * n);
    const slots = new Int32Array(2 * n);
    times.set(this.times);
    seqs.set(this.seqs);
    slots.set(this.slots);
    this.times = times;
    this.seqs = seqs;
    this.slots = slots;
  }
}
