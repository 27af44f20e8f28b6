/** The first items of a list in a ranking order, without sorting the list: a bounded heap, O(n log k). */

/**
 * Positions of the first `k` of `n` items by `key` descending, ties by `id` ascending (binary order), best first.
 *
 * @example
 * topPositions(scores.length, 21, (i) => scores[i], (i) => ids[rows[i]]); // Int32Array of up to 21 positions
 */
export function topPositions(n: number, k: number, key: (i: number) => number, id: (i: number) => string): Int32Array {
  const size = Math.max(0, Math.min(k, n));
  const heap = new Int32Array(size);
  /** Whether item a ranks after item b. */
  const worse = (a: number, b: number): boolean => {
    const ka = key(a);
    const kb = key(b);
    return ka < kb || (ka === kb && id(a) > id(b));
  };
  const down = (from: number, length: number) => {
    let at = from;
    for (;;) {
      const left = 2 * at + 1;
      if (left >= length) return;
      const right = left + 1;
      const child = right < length && worse(heap[right], heap[left]) ? right : left;
      if (!worse(heap[child], heap[at])) return;
      const t = heap[at];
      heap[at] = heap[child];
      heap[child] = t;
      at = child;
    }
  };
  let filled = 0;
  for (let i = 0; i < n; i++) {
    if (filled < size) {
      heap[filled] = i;
      let at = filled++;
      while (at > 0) {
        const parent = (at - 1) >> 1;
        if (!worse(heap[at], heap[parent])) break;
        const t = heap[at];
        heap[at] = heap[parent];
        heap[parent] = t;
        at = parent;
      }
    } else if (size > 0 && worse(heap[0], i)) {
      heap[0] = i;
      down(0, size);
    }
  }
  return heap.sort((a, b) => (worse(a, b) ? 1 : worse(b, a) ? -1 : 0));
}
