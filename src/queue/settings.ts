/**
 * Retry and retention settings shared by both queue adapters, so a job behaves the same with and without Redis.
 *
 * @example
 * const settings = resolveQueueSettings({ backoffMs: 50 }, 'memory queue');
 * backoffDelay(settings.backoffMs, 2); // 100
 */
export interface QueueSettings {
  /** Attempts for jobs added without `attempts` (default 3). */
  defaultAttempts?: number;
  /** Base of the exponential backoff between attempts, in ms (default 1000: waits 1 s, 2 s, 4 s, ...). */
  backoffMs?: number;
  /** Completed jobs kept (and so deduplicated by id): at most `count`, none older than `ageSeconds`. */
  keepCompleted?: { count?: number; ageSeconds?: number };
  /** Failed jobs kept for inspection and counts. */
  keepFailed?: { count?: number };
  /**
   * How long a worker's hold on an active job lasts without renewal (BullMQ lock, renewed while the worker
   * lives); a job whose worker died runs again within about twice this (default 30000).
   */
  lockMs?: number;
}

export type ResolvedQueueSettings = {
  defaultAttempts: number;
  backoffMs: number;
  keepCompleted: { count: number; ageSeconds: number };
  keepFailed: { count: number };
  lockMs: number;
};

export function resolveQueueSettings(settings: QueueSettings, adapter: string): ResolvedQueueSettings {
  const check = (value: number | undefined, fallback: number, name: string) =>
    positiveInt(value, fallback, `${adapter}: ${name}`);
  return {
    defaultAttempts: check(settings.defaultAttempts, 3, 'defaultAttempts'),
    backoffMs: nonNegative(settings.backoffMs, 1000, `${adapter}: backoffMs`),
    keepCompleted: {
      count: check(settings.keepCompleted?.count, 10_000, 'keepCompleted.count'),
      ageSeconds: check(settings.keepCompleted?.ageSeconds, 7 * 24 * 3600, 'keepCompleted.ageSeconds'),
    },
    keepFailed: { count: check(settings.keepFailed?.count, 10_000, 'keepFailed.count') },
    lockMs: check(settings.lockMs, 30_000, 'lockMs'),
  };
}

/** Delay before the next attempt after `attemptsMade` failed ones (1-based), as BullMQ's exponential backoff. */
export function backoffDelay(backoffMs: number, attemptsMade: number): number {
  return Math.round(2 ** (attemptsMade - 1) * backoffMs);
}

/** Attempts for one job: the job's own value, else the default; must be a positive integer. */
export function jobAttempts(attempts: number | undefined, fallback: number, adapter: string): number {
  return positiveInt(attempts, fallback, `${adapter}: attempts`);
}

function positiveInt(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${name} must be a positive integer, got ${value}`);
  }
  return value;
}

function nonNegative(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number >= 0, got ${value}`);
  return value;
}
