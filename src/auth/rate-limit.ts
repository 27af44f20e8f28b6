/** Failed sign-ins counted per key in a sliding window, in this process's memory. */

export interface LimitOptions {
  /** Failures allowed in the window before further attempts are refused. */
  max: number;
  windowMs: number;
}

/**
 * @example
 * const limiter = new FailureLimiter({ max: 5, windowMs: 15 * 60_000 });
 * if (limiter.retryAfter(`ip:${ip}`) > 0) return c.text('Too many attempts', 429);
 */
export class FailureLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly options: LimitOptions) {}

  private recent(key: string, now: number): number[] {
    const kept = (this.failures.get(key) ?? []).filter((t) => now - t < this.options.windowMs);
    if (kept.length) this.failures.set(key, kept);
    else this.failures.delete(key);
    return kept;
  }

  /** Seconds to wait before the next attempt under any of the keys, 0 when allowed. */
  retryAfter(keys: string[], now = Date.now()): number {
    let wait = 0;
    for (const key of keys) {
      const times = this.recent(key, now);
      if (times.length >= this.options.max)
        wait = Math.max(wait, Math.ceil((times[0] + this.options.windowMs - now) / 1000));
    }
    return wait;
  }

  fail(keys: string[], now = Date.now()): void {
    if (this.failures.size > 100_000) this.failures.clear();
    for (const key of keys) this.failures.set(key, [...this.recent(key, now), now]);
  }

  succeed(keys: string[]): void {
    for (const key of keys) this.failures.delete(key);
  }
}
