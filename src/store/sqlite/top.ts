/** The first items of a list in a ranking order, without sorting the list (see TopK). */
import { TopK } from '../../top-k.js';

/**
 * Positions of the first `k` of `n` items by `key` descending, ties by `id` ascending (binary order), best first.
 *
 * @example
 * topPositions(scores.length, 21, (i) => scores[i], (i) => ids[rows[i]]); // Int32Array of up to 21 positions
 */
export function topPositions(n: number, k: number, key: (i: number) => number, id: (i: number) => string): Int32Array {
  /** Whether item a ranks after item b. */
  const worse = (a: number, b: number): boolean => {
    const ka = key(a);
    const kb = key(b);
    return ka < kb || (ka === kb && id(a) > id(b));
  };
  const top = new TopK<number>(Math.max(0, Math.min(k, n)), worse);
  for (let i = 0; i < n; i++) top.offer(i);
  return Int32Array.from(top.sorted());
}
