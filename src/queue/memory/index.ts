import { heartbeatLease } from '../lease.js';
import type { JobOptions, JobQueues, QueueWorker } from '../port.js';
import { jobAttempts, type QueueSettings, resolveQueueSettings } from '../settings.js';
import { type MemoryWorker, NamedMemoryQueue } from './named-queue.js';

/**
 * Job queues held in process memory, for the embedded mode (no Redis). Jobs are lost when the
 * process exits; job data goes through JSON like it would through Redis.
 *
 * @example
 * const queues = createMemoryQueues({ backoffMs: 100 });
 * queues.work<{ url: string }>('fetch', async ({ url }) => { await fetchPage(url); }, { concurrency: 4 });
 * await queues.add('fetch', { url: 'https://example.kz/' }, { jobId: 'https://example.kz/' });
 * await queues.drained('fetch');
 * await queues.close();
 */
export function createMemoryQueues(options: QueueSettings = {}): JobQueues {
  const settings = resolveQueueSettings(options, 'memory queue');
  const queues = new Map<string, NamedMemoryQueue>();
  const workers = new Set<QueueWorker>();
  let closed = false;
  let anonymous = 0;
  const leases = new Map<string, { token: number; until: number }>();
  let leaseTokens = 0;

  const queueFor = (name: string): NamedMemoryQueue => {
    let queue = queues.get(name);
    if (!queue) {
      queue = new NamedMemoryQueue(name, settings);
      queues.set(name, queue);
    }
    return queue;
  };
  const ensureOpen = (action: string) => {
    if (closed) throw new Error(`memory queue: cannot ${action} after close(); create new queues instead`);
  };

  return {
    name: 'memory',

    async lease(key: string, ttlMs: number) {
      const held = leases.get(key);
      if (held && held.until > Date.now()) return null;
      const token = ++leaseTokens;
      leases.set(key, { token, until: Date.now() + ttlMs });
      const owned = () => {
        const current = leases.get(key);
        return current?.token === token && current.until > Date.now() ? current : null;
      };
      return heartbeatLease(key, ttlMs, {
        async renew() {
          const current = owned();
          if (current) current.until = Date.now() + ttlMs;
          return Boolean(current);
        },
        async free() {
          if (owned()) leases.delete(key);
        },
      });
    },

    async add<T>(queue: string, data: T, jobOptions: JobOptions = {}): Promise<void> {
      ensureOpen(`add to "${queue}"`);
      const attempts = jobAttempts(jobOptions.attempts, settings.defaultAttempts, 'memory queue');
      const key = jobOptions.jobId ?? `#${++anonymous}`;
      queueFor(queue).add({ key, data: toJson(queue, data), attempts, attemptsMade: 0 }, jobOptions.delayMs ?? 0);
    },

    work<T>(queue: string, handler: (data: T) => Promise<void>, workOptions: { concurrency?: number } = {}) {
      ensureOpen(`work on "${queue}"`);
      const concurrency = workOptions.concurrency ?? 1;
      if (!Number.isInteger(concurrency) || concurrency < 1) {
        throw new Error(`memory queue: concurrency must be a positive integer, got ${concurrency}`);
      }
      const state: MemoryWorker = {
        handler: async (data) => handler(data as T),
        concurrency,
        running: 0,
        closed: false,
        idle: [],
      };
      const named = queueFor(queue);
      const worker: QueueWorker = {
        async close() {
          state.closed = true;
          named.detach(state);
          workers.delete(worker);
          if (state.running > 0) await new Promise<void>((resolve) => state.idle.push(resolve));
        },
      };
      workers.add(worker);
      named.attach(state);
      return worker;
    },

    async drained(queue: string): Promise<void> {
      await queueFor(queue).drained();
    },

    async counts(queue: string) {
      return queueFor(queue).counts();
    },

    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await Promise.all([...workers].map((worker) => worker.close()));
      for (const queue of queues.values()) queue.stopTimers();
    },
  };
}

function toJson(queue: string, data: unknown): unknown {
  const text = JSON.stringify(data);
  if (text === undefined) throw new Error(`memory queue: job data for "${queue}" is not JSON; the job was not added`);
  return JSON.parse(text);
}
