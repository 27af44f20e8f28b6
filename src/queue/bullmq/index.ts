import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { logger, repeatLimited } from '../../log.js';
import { heartbeatLease, withLimit } from '../lease.js';
import type { JobOptions, JobQueues, QueueWorker } from '../port.js';
import { jobAttempts, type QueueSettings, resolveQueueSettings } from '../settings.js';
import { closeConnection, redisConnection } from './connection.js';
import { decodeJobId, encodeJobId } from './job-id.js';

const log = logger('queue');
const warnRepeated = repeatLimited(log, 'warn');
const PENDING_STATES = ['waiting', 'delayed', 'active', 'prioritized', 'waiting-children'] as const;
const DRAIN_POLL_MS = 50;
/** Longest taking a lease may wait for Redis before it fails (the crawl is tried again later). */
const LEASE_CALL_LIMIT_MS = 5_000;
const RELEASE_IF_OWNER =
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
const RENEW_IF_OWNER =
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";

export interface BullmqQueueOptions extends QueueSettings {
  redisUrl: string;
  /** Namespace of every Redis key (default 'kuzet'); tests give each run its own. */
  prefix?: string;
}

/**
 * Job queues on Redis through BullMQ, for the distributed mode: producers and workers may live in
 * different processes. One producer connection is shared; each worker gets its own.
 *
 * @example
 * const queues = createBullmqQueues({ redisUrl: 'redis://127.0.0.1:6379', prefix: 'kuzet' });
 * queues.work<{ url: string }>('fetch', async ({ url }) => { await fetchPage(url); }, { concurrency: 4 });
 * await queues.add('fetch', { url: 'https://example.kz/' }, { jobId: 'https://example.kz/' });
 */
export function createBullmqQueues(options: BullmqQueueOptions): JobQueues {
  const settings = resolveQueueSettings(options, 'bullmq queue');
  const prefix = options.prefix ?? 'kuzet';
  const producer = redisConnection(options.redisUrl, 'producer', prefix);
  const queues = new Map<string, Queue>();
  const workers = new Set<QueueWorker>();
  let closed = false;

  const queueFor = (name: string, action: string): Queue => {
    if (closed) throw new Error(`bullmq queue: cannot ${action} "${name}" after close(); create new queues instead`);
    if (name.includes(':')) throw new Error(`bullmq queue: queue name "${name}" must not contain ':'`);
    let queue = queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: producer, prefix });
      queue.on('error', (error: Error) =>
        warnRepeated('queue error', { queue: name, error: error.message }, `queue|${error.message}`),
      );
      queues.set(name, queue);
    }
    return queue;
  };

  return {
    name: 'bullmq',

    async lease(key: string, ttlMs: number) {
      const redisKey = `${prefix}:lease:${key}`;
      const token = `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`;
      const ttl = Math.max(1, Math.round(ttlMs));
      const taken = await withLimit(producer.set(redisKey, token, 'PX', ttl, 'NX'), LEASE_CALL_LIMIT_MS);
      if (taken !== 'OK') return null;
      // Renew and delete only our own lease: after expiry someone else may hold the key.
      return heartbeatLease(key, ttl, {
        renew: async () => (await producer.eval(RENEW_IF_OWNER, 1, redisKey, token, String(ttl))) === 1,
        free: async () => {
          await producer.eval(RELEASE_IF_OWNER, 1, redisKey, token);
        },
      });
    },

    async add<T>(queueName: string, data: T, jobOptions: JobOptions = {}): Promise<void> {
      const queue = queueFor(queueName, 'add to');
      const attempts = jobAttempts(jobOptions.attempts, settings.defaultAttempts, 'bullmq queue');
      const jobId = jobOptions.jobId === undefined ? undefined : encodeJobId(jobOptions.jobId);
      try {
        if (jobId && (await queue.getJobState(jobId)) === 'failed') await queue.remove(jobId);
        await queue.add(queueName, data, {
          jobId,
          delay: jobOptions.delayMs && jobOptions.delayMs > 0 ? jobOptions.delayMs : undefined,
          attempts,
          backoff: { type: 'exponential', delay: settings.backoffMs },
          removeOnComplete: { age: settings.keepCompleted.ageSeconds, count: settings.keepCompleted.count },
          removeOnFail: { count: settings.keepFailed.count },
        });
      } catch (error) {
        throw new Error(
          `bullmq queue: adding a job to "${queueName}" failed, the job was not added: ${message(error)}`,
        );
      }
    },

    work<T>(queueName: string, handler: (data: T) => Promise<void>, workOptions: { concurrency?: number } = {}) {
      queueFor(queueName, 'work on');
      const concurrency = workOptions.concurrency ?? 1;
      if (!Number.isInteger(concurrency) || concurrency < 1) {
        throw new Error(`bullmq queue: concurrency must be a positive integer, got ${concurrency}`);
      }
      const connection = redisConnection(options.redisUrl, 'worker', prefix);
      const worker = new Worker(queueName, async (job) => handler(job.data as T), {
        connection,
        prefix,
        concurrency,
        lockDuration: settings.lockMs,
        stalledInterval: settings.lockMs,
      });
      worker.on('error', (error: Error) =>
        warnRepeated('worker error', { queue: queueName, error: error.message }, `worker|${error.message}`),
      );
      worker.on('failed', (job, error) => {
        if (!job) return;
        const id = job.id?.startsWith('j') ? decodeJobId(job.id) : job.id;
        const attempts = job.opts.attempts ?? 1;
        const fields = { queue: queueName, job: id, attempt: job.attemptsMade, attempts, error: error.message };
        if (job.attemptsMade < attempts) log.warn('job attempt failed; retried with backoff', fields);
        else log.warn('job failed after its last attempt', fields);
      });
      return trackWorker(workers, worker, connection);
    },

    async drained(queueName: string): Promise<void> {
      const queue = queueFor(queueName, 'wait for');
      for (;;) {
        const counts = await queue.getJobCounts(...PENDING_STATES);
        if (Object.values(counts).every((count) => count === 0)) return;
        await new Promise((resolve) => setTimeout(resolve, DRAIN_POLL_MS));
      }
    },

    async counts(queueName: string) {
      const c = await queueFor(queueName, 'count').getJobCounts(
        'waiting',
        'prioritized',
        'active',
        'completed',
        'failed',
        'delayed',
      );
      return {
        waiting: (c.waiting ?? 0) + (c.prioritized ?? 0),
        active: c.active ?? 0,
        completed: c.completed ?? 0,
        failed: c.failed ?? 0,
        delayed: c.delayed ?? 0,
      };
    },

    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await Promise.allSettled([...workers].map((worker) => worker.close()));
      await Promise.allSettled([...queues.values()].map((queue) => queue.close()));
      await closeConnection(producer);
    },
  };
}

function trackWorker(workers: Set<QueueWorker>, worker: Worker, connection: Redis): QueueWorker {
  let closing: Promise<void> | undefined;
  const handle: QueueWorker = {
    close() {
      closing ??= (async () => {
        workers.delete(handle);
        try {
          await worker.close();
        } finally {
          await closeConnection(connection);
        }
      })();
      return closing;
    },
  };
  workers.add(handle);
  return handle;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
