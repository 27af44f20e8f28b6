/**
 * The queue port: named queues of JSON jobs. Two adapters implement it (queue/memory for the
 * embedded mode, queue/bullmq over Redis) and test/queue/contract.ts runs against both.
 */
import type { Lease } from './lease.js';

export type { Lease } from './lease.js';

export interface JobOptions {
  /** Jobs with the same id are enqueued once while the first is waiting, active or completed. */
  jobId?: string;
  /** Delay before the job becomes available, in ms. */
  delayMs?: number;
  attempts?: number;
}

export interface QueueWorker {
  close(): Promise<void>;
}

export interface JobQueues {
  readonly name: string;
  add<T>(queue: string, data: T, options?: JobOptions): Promise<void>;
  /** Process jobs from `queue`; a handler that throws is retried with backoff up to `attempts`, then the job is failed. */
  work<T>(queue: string, handler: (data: T) => Promise<void>, options?: { concurrency?: number }): QueueWorker;
  /** Resolves when `queue` has no waiting, delayed or active jobs. */
  drained(queue: string): Promise<void>;
  /**
   * Takes an exclusive lease on `key` for `ttlMs` (held across every process on the same backend),
   * or resolves null when another holder has it. A heartbeat renews it while the holder lives; its
   * `lost` signal aborts when a renewal fails (fencing), and `release()` frees it. A holder that dies
   * frees it by expiry, within `ttlMs`.
   */
  lease(key: string, ttlMs: number): Promise<Lease | null>;
  counts(
    queue: string,
  ): Promise<{ waiting: number; active: number; completed: number; failed: number; delayed: number }>;
  close(): Promise<void>;
}
