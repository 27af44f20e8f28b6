import { afterEach, describe, expect, it } from 'vitest';
import type { JobQueues } from '../../src/queue/port.js';
import type { QueueSettings } from '../../src/queue/settings.js';

export type MakeQueues = (settings: QueueSettings) => JobQueues | Promise<JobQueues>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits for `queue` to drain, failing the test with the queue's counts if it takes longer than `ms`. */
async function drainedWithin(queues: JobQueues, queue: string, ms = 10_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(async () => {
      reject(new Error(`"${queue}" not drained after ${ms} ms: ${JSON.stringify(await queues.counts(queue))}`));
    }, ms);
  });
  try {
    await Promise.race([queues.drained(queue), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The queue port contract: every adapter's test file runs it once.
 *
 * @example
 * runQueueContract('memory', (settings) => createMemoryQueues(settings));
 */
export function runQueueContract(name: string, makeQueues: MakeQueues): void {
  describe(`queue contract: ${name}`, () => {
    const opened: JobQueues[] = [];
    const open = async (settings: QueueSettings = {}) => {
      const queues = await makeQueues({ backoffMs: 50, ...settings });
      opened.push(queues);
      return queues;
    };

    afterEach(async () => {
      await Promise.all(opened.splice(0).map((queues) => queues.close()));
    });

    it('delivers every job exactly once, with its JSON data', async () => {
      const queues = await open();
      const seen: number[] = [];
      for (let n = 0; n < 20; n++) await queues.add('jobs', { n, nested: { tags: ['a', 'б'] } });
      queues.work<{ n: number; nested: { tags: string[] } }>(
        'jobs',
        async (data) => {
          expect(data.nested.tags).toEqual(['a', 'б']);
          seen.push(data.n);
        },
        { concurrency: 3 },
      );
      await drainedWithin(queues, 'jobs');
      expect([...seen].sort((a, b) => a - b)).toEqual([...Array(20).keys()]);
      expect(await queues.counts('jobs')).toEqual({ waiting: 0, active: 0, completed: 20, failed: 0, delayed: 0 });
    });

    it('adds a job id once while it is waiting, and again not after it completed', async () => {
      const queues = await open();
      const ids = ['https://example.kz/news/1?a=b:c', '42', 'plain'];
      for (const id of ids) {
        await queues.add('dedupe', { id }, { jobId: id });
        await queues.add('dedupe', { id }, { jobId: id });
      }
      expect((await queues.counts('dedupe')).waiting).toBe(3);
      const calls: string[] = [];
      queues.work<{ id: string }>('dedupe', async ({ id }) => {
        calls.push(id);
      });
      await drainedWithin(queues, 'dedupe');
      for (const id of ids) await queues.add('dedupe', { id }, { jobId: id });
      await drainedWithin(queues, 'dedupe');
      expect(calls.sort()).toEqual([...ids].sort());
      expect((await queues.counts('dedupe')).completed).toBe(3);
    });

    it('retries a failing job with growing backoff until it succeeds', async () => {
      const queues = await open({ backoffMs: 100 });
      const attemptsAt: number[] = [];
      queues.work('retry', async () => {
        attemptsAt.push(Date.now());
        if (attemptsAt.length < 3) throw new Error('transient');
      });
      await queues.add('retry', {}, { attempts: 3 });
      await drainedWithin(queues, 'retry');
      expect(attemptsAt).toHaveLength(3);
      expect(attemptsAt[1] - attemptsAt[0]).toBeGreaterThanOrEqual(90);
      expect(attemptsAt[2] - attemptsAt[1]).toBeGreaterThanOrEqual(180);
      expect(await queues.counts('retry')).toMatchObject({ completed: 1, failed: 0 });
    });

    it('marks a job failed once its attempts are used up, and accepts its id again afterwards', async () => {
      const queues = await open();
      let calls = 0;
      queues.work('exhaust', async () => {
        calls++;
        throw new Error('permanent');
      });
      await queues.add('exhaust', {}, { attempts: 2, jobId: 'doomed' });
      await drainedWithin(queues, 'exhaust');
      expect(calls).toBe(2);
      expect(await queues.counts('exhaust')).toMatchObject({ completed: 0, failed: 1 });
      await queues.add('exhaust', {}, { attempts: 1, jobId: 'doomed' });
      await drainedWithin(queues, 'exhaust');
      expect(calls).toBe(3);
    });

    it('uses defaultAttempts when a job gives none', async () => {
      const queues = await open({ defaultAttempts: 1 });
      let calls = 0;
      queues.work('default-attempts', async () => {
        calls++;
        throw new Error('once');
      });
      await queues.add('default-attempts', {});
      await drainedWithin(queues, 'default-attempts');
      expect(calls).toBe(1);
      expect((await queues.counts('default-attempts')).failed).toBe(1);
    });

    it('runs at most `concurrency` jobs at a time per worker', async () => {
      const queues = await open();
      let running = 0;
      let peak = 0;
      for (let n = 0; n < 6; n++) await queues.add('concurrency', { n });
      queues.work(
        'concurrency',
        async () => {
          running++;
          peak = Math.max(peak, running);
          await sleep(100);
          running--;
        },
        { concurrency: 2 },
      );
      await drainedWithin(queues, 'concurrency');
      expect(peak).toBe(2);
    });

    it('holds a delayed job back until its delay has passed', async () => {
      const queues = await open();
      let ranAt = 0;
      queues.work('delay', async () => {
        ranAt = Date.now();
      });
      const addedAt = Date.now();
      await queues.add('delay', {}, { delayMs: 400 });
      expect((await queues.counts('delay')).delayed).toBe(1);
      await drainedWithin(queues, 'delay');
      expect(ranAt - addedAt).toBeGreaterThanOrEqual(380);
    });

    it('drained() resolves at once on an empty queue and only after running jobs finish', async () => {
      const queues = await open();
      await drainedWithin(queues, 'never-used', 2_000);
      let finished = 0;
      queues.work(
        'drain',
        async () => {
          await sleep(150);
          finished++;
        },
        { concurrency: 2 },
      );
      for (let n = 0; n < 4; n++) await queues.add('drain', { n });
      await drainedWithin(queues, 'drain');
      expect(finished).toBe(4);
    });

    it('counts waiting jobs before any worker runs', async () => {
      const queues = await open();
      await queues.add('counts', { a: 1 });
      await queues.add('counts', { a: 2 });
      expect(await queues.counts('counts')).toEqual({ waiting: 2, active: 0, completed: 0, failed: 0, delayed: 0 });
    });

    it('leases a key to one holder at a time, until released', async () => {
      const queues = await open();
      const lease = await queues.lease('crawl:orda', 60_000);
      expect(lease).not.toBeNull();
      expect(await queues.lease('crawl:orda', 60_000)).toBeNull();
      const other = await queues.lease('crawl:vlast', 60_000);
      expect(other).not.toBeNull();
      await lease?.release();
      const again = await queues.lease('crawl:orda', 60_000);
      expect(again).not.toBeNull();
      await again?.release();
      await other?.release();
    });

    it('keeps the lease of a live holder past its ttl by heartbeat, and frees it at once on release', async () => {
      const queues = await open();
      const lease = await queues.lease('crawl:orda', 150);
      await sleep(500);
      expect(await queues.lease('crawl:orda', 150)).toBeNull();
      expect(lease?.lost.aborted).toBe(false);
      await lease?.release();
      const next = await queues.lease('crawl:orda', 150);
      expect(next).not.toBeNull();
      await next?.release();
    });

    it('stops taking jobs once a worker is closed, and refuses work after close()', async () => {
      const queues = await open();
      let calls = 0;
      const worker = queues.work('closing', async () => {
        calls++;
      });
      await queues.add('closing', {});
      await drainedWithin(queues, 'closing');
      await worker.close();
      await queues.add('closing', {});
      await sleep(300);
      expect(calls).toBe(1);
      expect((await queues.counts('closing')).waiting).toBe(1);
      await queues.close();
      await expect(queues.add('closing', {})).rejects.toThrow(/after close/);
    });
  });
}
