/**
 * The router's pending deadlines in one binary min-heap. Entries are never removed early: each
 * carries the token its owner held when it was set, and a stale one (the owner moved on) is
 * dropped when it reaches the top. Ties fire in the order they were set.
 */
export type TimerKind = 'ring' | 'wrap_up' | 'max_wait' | 'announce' | 'widen';

export interface Timer {
  at: number;
  seq: number;
  kind: TimerKind;
  /** Call, agent or queue id. */
  id: string;
  token: number;
}

function less(a: Timer, b: Timer): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

export class TimerHeap {
  private heap: Timer[] = [];
  private seq = 0;

  push(at: number, kind: TimerKind, id: string, token: number): void {
    const h = this.heap;
    h.push({ at, seq: this.seq++, kind, id, token });
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(h[i]!, h[p]!)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
  }

  /** Every entry, in firing order (for a snapshot). */
  sorted(): Timer[] {
    return [...this.heap].sort((a, b) => (less(a, b) ? -1 : 1));
  }

  peek(): Timer | undefined {
    return this.heap[0];
  }

  pop(): Timer | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && less(h[l]!, h[m]!)) m = l;
        if (r < h.length && less(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }
}
