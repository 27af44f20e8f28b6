import { logger } from '../../log.js';
import { backoffDelay, type ResolvedQueueSettings } from '../settings.js';
import { RetainedKeys } from './retained.js';

const log = logger('queue');

export interface MemoryJob {
  key: string;
  data: unknown;
  attempts: number;
  attemptsMade: number;
}

export interface MemoryWorker {
  handler: (data: unknown) => Promise<void>;
  concurrency: number;
  running: number;
  closed: boolean;
  idle: Array<() => void>;
}

/**
 * One named queue held in process memory: waiting list, delay timers, active jobs and the
 * retained completed/failed keys. Workers attach to it and pull jobs up to their concurrency.
 */
export class NamedMemoryQueue {
  private readonly waiting: MemoryJob[] = [];
  private readonly delayed = new Map<MemoryJob, NodeJS.Timeout>();
  private readonly active = new Set<MemoryJob>();
  private readonly pending = new Set<string>();
  private readonly completed: RetainedKeys;
  private readonly failed: RetainedKeys;
  private readonly workers = new Set<MemoryWorker>();
  private drainWaiters: Array<() => void> = [];

  constructor(
    readonly name: string,
    private readonly settings: ResolvedQueueSettings,
  ) {
    this.completed = new RetainedKeys(settings.keepCompleted.count, settings.keepCompleted.ageSeconds);
    this.failed = new RetainedKeys(settings.keepFailed.count);
  }

  /** Returns false when a job with the same key is pending or recently completed. */
  add(job: MemoryJob, delayMs: number): boolean {
    if (this.pending.has(job.key) || this.completed.has(job.key)) return false;
    this.failed.delete(job.key);
    this.pending.add(job.key);
    if (delayMs > 0) this.delay(job, delayMs);
    else this.waiting.push(job);
    this.pump();
    return true;
  }

  attach(worker: MemoryWorker): void {
    this.workers.add(worker);
    this.pump();
  }

  detach(worker: MemoryWorker): void {
    this.workers.delete(worker);
  }

  counts() {
    return {
      waiting: this.waiting.length,
      active: this.active.size,
      completed: this.completed.size(),
      failed: this.failed.size(),
      delayed: this.delayed.size,
    };
  }

  drained(): Promise<void> {
    if (this.isDrained()) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  /** Cancels delay timers; jobs still running finish on their own. */
  stopTimers(): void {
    for (const timer of this.delayed.values()) clearTimeout(timer);
  }

  private isDrained(): boolean {
    return this.waiting.length === 0 && this.delayed.size === 0 && this.active.size === 0;
  }

  private delay(job: MemoryJob, ms: number): void {
    const timer = setTimeout(() => {
      this.delayed.delete(job);
      this.waiting.push(job);
      this.pump();
    }, ms);
    this.delayed.set(job, timer);
  }

  private pump(): void {
    for (const worker of this.workers) {
      while (!worker.closed && worker.running < worker.concurrency && this.waiting.length > 0) {
        const job = this.waiting.shift() as MemoryJob;
        void this.run(worker, job);
      }
    }
  }

  private async run(worker: MemoryWorker, job: MemoryJob): Promise<void> {
    worker.running++;
    this.active.add(job);
    try {
      await worker.handler(job.data);
      this.finish(job, this.completed);
    } catch (error) {
      job.attemptsMade++;
      if (job.attemptsMade < job.attempts) {
        log.warn('job attempt failed; retried with backoff', {
          queue: this.name,
          job: job.key,
          attempt: job.attemptsMade,
          attempts: job.attempts,
          error: String(error),
        });
        this.delay(job, backoffDelay(this.settings.backoffMs, job.attemptsMade));
      } else {
        log.warn('job failed after its last attempt', {
          queue: this.name,
          job: job.key,
          attempts: job.attempts,
          error: String(error),
        });
        this.finish(job, this.failed);
      }
    } finally {
      this.active.delete(job);
      worker.running--;
      if (worker.running === 0) for (const resolve of worker.idle.splice(0)) resolve();
      this.pump();
      if (this.isDrained()) for (const resolve of this.drainWaiters.splice(0)) resolve();
    }
  }

  private finish(job: MemoryJob, into: RetainedKeys): void {
    this.pending.delete(job.key);
    into.add(job.key);
  }
}
