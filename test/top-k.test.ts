import { describe, expect, it } from 'vitest';
import { TopK } from '../src/top-k.js';

describe('TopK', () => {
  it('keeps the best items of any number offered, best first, and counts every offer', () => {
    const top = new TopK<number>(3, (a, b) => a < b);
    const offered = Array.from({ length: 1000 }, (_, i) => (i * 7919) % 1000);
    for (const n of offered) top.offer(n);
    expect(top.sorted()).toEqual([999, 998, 997]);
    expect(top.offered).toBe(1000);
  });

  it('keeps nothing at capacity 0 and everything offered below capacity', () => {
    const none = new TopK<number>(0, (a, b) => a < b);
    none.offer(1);
    expect(none.sorted()).toEqual([]);
    const few = new TopK<number>(10, (a, b) => a < b);
    for (const n of [2, 9, 4]) few.offer(n);
    expect(few.sorted()).toEqual([9, 4, 2]);
  });
});
