import { describe, expect, it } from 'vitest';
import { createQueues } from '../../src/queue/index.js';
import { createMemoryQueues } from '../../src/queue/memory/index.js';
import { RetainedKeys } from '../../src/queue/memory/retained.js';
import { runQueueContract } from './contract.js';

runQueueContract('memory', (settings) => createMemoryQueues(settings));

describe('memory queue extras', () => {
  it('is what createQueues picks without a Redis URL', async () => {
    const queues = createQueues({});
    expect(queues.name).toBe('memory');
    await queues.close();
  });

  it('forgets completed ids beyond keepCompleted.count, so they can run again', async () => {
    const queues = createMemoryQueues({ keepCompleted: { count: 2 } });
    const calls: string[] = [];
    queues.work<string>('bounded', async (id) => {
      calls.push(id);
    });
    for (const id of ['a', 'b', 'c', 'a']) {
      await queues.add('bounded', id, { jobId: id });
      await queues.drained('bounded');
    }
    expect(calls).toEqual(['a', 'b', 'c', 'a']);
    expect((await queues.counts('bounded')).completed).toBe(2);
    await queues.close();
  });

  it('keeps finished keys by count and age', () => {
    const keys = new RetainedKeys(2, 10);
    keys.add('a', 0);
    keys.add('b', 5_000);
    keys.add('c', 6_000);
    expect(keys.has('a', 6_000)).toBe(false);
    expect(keys.has('b', 14_000)).toBe(true);
    expect(keys.has('b', 15_001)).toBe(false);
    expect(keys.size(15_001)).toBe(1);
  });

  it('rejects data that is not JSON and bad options with the adapter name', async () => {
    const queues = createMemoryQueues();
    await expect(queues.add('bad', undefined)).rejects.toThrow(/^memory queue: .*not JSON/);
    await expect(queues.add('bad', {}, { attempts: 0 })).rejects.toThrow(/^memory queue: attempts/);
    expect(() => queues.work('bad', async () => {}, { concurrency: 0 })).toThrow(/^memory queue: concurrency/);
    await queues.close();
  });
});
