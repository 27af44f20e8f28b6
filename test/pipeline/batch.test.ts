import { describe, expect, it } from 'vitest';
import { batcher } from '../../src/pipeline/batch.js';

describe('batcher', () => {
  it('processes items handed on together in one call and settles each after it', async () => {
    const calls: number[][] = [];
    const done: number[] = [];
    const emit = batcher(async (items: number[]) => {
      calls.push(items);
      done.push(...items);
    });
    await Promise.all(
      [1, 2, 3].map(async (n) => {
        await emit(n);
        expect(done).toContain(n);
      }),
    );
    expect(calls).toEqual([[1, 2, 3]]);
  });

  it('flushes at maxBatch and keeps batches in order, one after another', async () => {
    const calls: number[][] = [];
    let running = 0;
    const emit = batcher(
      async (items: number[]) => {
        running++;
        expect(running).toBe(1);
        await new Promise((resolve) => setTimeout(resolve, 5));
        calls.push(items);
        running--;
      },
      { maxBatch: 2, windowMs: 1000 },
    );
    await Promise.all([1, 2, 3, 4].map((n) => emit(n)));
    expect(calls).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it('fails only the item that fails when a batch is retried one by one', async () => {
    const emit = batcher(async (items: string[]) => {
      if (items.includes('bad')) throw new Error(`cannot store ${items.join(',')}`);
    });
    const results = await Promise.allSettled(['a', 'bad', 'b'].map((item) => emit(item)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason.message).toBe('cannot store bad');
  });
});
