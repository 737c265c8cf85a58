/**
 * A max-priority queue of pending jobs: largest cost first, ties in arrival order (binary heap).
 * Pure data structure, no IO.
 */
export class JobQueue<T> {
  private readonly heap: { cost: number; seq: number; item: T }[] = [];
  private seq = 0;

  get length(): number {
    return this.heap.length;
  }

  push(item: T, cost: number): void {
    const heap = this.heap;
    heap.push({ cost, seq: this.seq++, item });
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(i, parent)) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  }

  shift(): T | undefined {
    const heap = this.heap;
    if (heap.length === 0) return undefined;
    const top = heap[0].item;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let best = i;
        if (l < heap.length && this.before(l, best)) best = l;
        if (r < heap.length && this.before(r, best)) best = r;
        if (best === i) break;
        [heap[i], heap[best]] = [heap[best], heap[i]];
        i = best;
      }
    }
    return top;
  }

  /** Remove and return everything (in no particular order). */
  drain(): T[] {
    return this.heap.splice(0).map((e) => e.item);
  }

  private before(a: number, b: number): boolean {
    const x = this.heap[a];
    const y = this.heap[b];
    return x.cost > y.cost || (x.cost === y.cost && x.seq < y.seq);
  }
}
