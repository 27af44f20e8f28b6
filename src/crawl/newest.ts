interface Ranked<T> {
  item: T;
  date: string;
  seq: number;
}

/** a ranks below b: older, or as old and listed later. Undated items are the oldest. */
const below = <T>(a: Ranked<T>, b: Ranked<T>) => (a.date === b.date ? a.seq > b.seq : a.date < b.date);

/**
 * Keeps the `capacity` newest of the items offered to it (undated ones count as the oldest; of two equally
 * dated, the one offered first), in memory for `capacity` items however many are offered: a min-heap whose
 * root is the item the next better one evicts.
 *
 * @example
 * const newest = new NewestFirst<{ published_at: string | null }>(2);
 * for (const d of ['2024-01-02', null, '2024-01-03', '2024-01-01']) newest.offer({ published_at: d });
 * newest.sorted(); // [{ published_at: '2024-01-03' }, { published_at: '2024-01-02' }]; newest.offered === 4
 */
export class NewestFirst<T extends { published_at: string | null }> {
  private readonly heap: Array<Ranked<T>> = [];
  /** Items offered so far, kept or not. */
  offered = 0;

  constructor(readonly capacity: number) {}

  offer(item: T): void {
    const ranked = { item, date: item.published_at ?? '', seq: this.offered++ };
    const heap = this.heap;
    if (heap.length < this.capacity) {
      heap.push(ranked);
      this.siftUp(heap.length - 1);
    } else if (heap.length > 0 && below(heap[0], ranked)) {
      heap[0] = ranked;
      this.siftDown(0);
    }
  }

  /** The items kept, newest first. */
  sorted(): T[] {
    return [...this.heap].sort((a, b) => (below(a, b) ? 1 : -1)).map((r) => r.item);
  }

  private siftUp(i: number): void {
    const heap = this.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!below(heap[i], heap[parent])) return;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  }

  private siftDown(i: number): void {
    const heap = this.heap;
    for (;;) {
      let least = i;
      for (const child of [2 * i + 1, 2 * i + 2])
        if (child < heap.length && below(heap[child], heap[least])) least = child;
      if (least === i) return;
      [heap[i], heap[least]] = [heap[least], heap[i]];
      i = least;
    }
  }
}
