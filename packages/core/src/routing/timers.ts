/**
 * The router's pending deadlines in one binary min-heap. Entries are never removed early: each
 * carries the token its owner held when it was set, and a stale one (the owner moved on) is
 * dropped when it reaches the top. Ties fire in the order they were set.
 *
 * The heap keeps its entries in parallel arrays rather than one object per deadline: a busy center
 * sets several deadlines per call (ring, max wait, announcements, wrap-up), most of which go stale
 * and live for minutes of simulated time; as objects they would all outlive the young generation
 * and make every garbage collection copy them.
 */
export type TimerKind = 'ring' | 'wrap_up' | 'max_wait' | 'announce' | 'widen';

export interface Timer<O> {
  at: number;
  kind: TimerKind;
  /** The call, agent or queue record the deadline belongs to. */
  owner: O;
  token: number;
}

export class TimerHeap<O> {
  private readonly at: number[] = [];
  private readonly seq: number[] = [];
  private readonly kinds: TimerKind[] = [];
  private readonly owners: O[] = [];
  private readonly tokens: number[] = [];
  private nextSeq = 0;

  get size(): number {
    return this.at.length;
  }

  push(at: number, kind: TimerKind, owner: O, token: number): void {
    this.at.push(at);
    this.seq.push(this.nextSeq++);
    this.kinds.push(kind);
    this.owners.push(owner);
    this.tokens.push(token);
    let i = this.at.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(i, p)) break;
      this.swap(i, p);
      i = p;
    }
  }

  /** When the earliest entry is due; Infinity when there is none. */
  nextAt(): number {
    return this.at.length > 0 ? this.at[0]! : Infinity;
  }

  /** The earliest entry (call only when `size > 0`); a fresh object: not for the hot path. */
  top(): Timer<O> {
    return { at: this.at[0]!, kind: this.kinds[0]!, owner: this.owners[0]!, token: this.tokens[0]! };
  }

  topKind(): TimerKind {
    return this.kinds[0]!;
  }

  topOwner(): O {
    return this.owners[0]!;
  }

  topToken(): number {
    return this.tokens[0]!;
  }

  /** Removes the earliest entry. */
  pop(): void {
    const last = this.at.length - 1;
    if (last < 0) return;
    this.swap(0, last);
    this.at.pop();
    this.seq.pop();
    this.kinds.pop();
    this.owners.pop();
    this.tokens.pop();
    const n = last;
    for (let i = 0; ; ) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && this.less(l, m)) m = l;
      if (r < n && this.less(r, m)) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }

  /** Every entry, in firing order (for a snapshot). */
  sorted(): Timer<O>[] {
    const order = this.at.map((_, i) => i).sort((a, b) => (this.less(a, b) ? -1 : 1));
    return order.map((i) => ({ at: this.at[i]!, kind: this.kinds[i]!, owner: this.owners[i]!, token: this.tokens[i]! }));
  }

  private less(a: number, b: number): boolean {
    const ta = this.at[a]!;
    const tb = this.at[b]!;
    return ta < tb || (ta === tb && this.seq[a]! < this.seq[b]!);
  }

  private swap(a: number, b: number): void {
    const at = this.at[a]!;
    this.at[a] = this.at[b]!;
    this.at[b] = at;
    const seq = this.seq[a]!;
    this.seq[a] = this.seq[b]!;
    this.seq[b] = seq;
    const kind = this.kinds[a]!;
    this.kinds[a] = this.kinds[b]!;
    this.kinds[b] = kind;
    const owner = this.owners[a]!;
    this.owners[a] = this.owners[b]!;
    this.owners[b] = owner;
    const token = this.tokens[a]!;
    this.tokens[a] = this.tokens[b]!;
    this.tokens[b] = token;
  }
}
