/**
 * The best `capacity` of the items offered to it, in memory for `capacity` items however many are offered: a heap
 * whose root is the worst item kept, the one the next better item evicts. O(n log k) for n offers.
 *
 * @example
 * const top = new TopK<number>(2, (a, b) => a < b); // worse = smaller
 * for (const n of [5, 1, 9, 7]) top.offer(n);
 * top.sorted(); // [9, 7]; top.offered === 4
 */
export class TopK<T> {
  private readonly heap: T[] = [];
  /** Items offered so far, kept or not. */
  offered = 0;

  /** `worse(a, b)`: a ranks after b; a strict order (ties broken) keeps the result deterministic. */
  constructor(
    readonly capacity: number,
    private readonly worse: (a: T, b: T) => boolean,
  ) {}

  offer(item: T): void {
    this.offered++;
    const heap = this.heap;
    if (heap.length < this.capacity) {
      heap.push(item);
      this.siftUp(heap.length - 1);
    } else if (heap.length > 0 && this.worse(heap[0], item)) {
      heap[0] = item;
      this.siftDown(0);
    }
  }

  /** The items kept, best first. */
  sorted(): T[] {
    return [...this.heap].sort((a, b) => (this.worse(a, b) ? 1 : this.worse(b, a) ? -1 : 0));
  }

  private siftUp(i: number): void {
    const heap = this.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.worse(heap[i], heap[parent])) return;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  }

  private siftDown(i: number): void {
    const heap = this.heap;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= heap.length) return;
      const right = left + 1;
      const child = right < heap.length && this.worse(heap[right], heap[left]) ? right : left;
      if (!this.worse(heap[child], heap[i])) return;
      [heap[i], heap[child]] = [heap[child], heap[i]];
      i = child;
    }
  }
}
