/**
 * Finished job keys in finishing order, bounded by count and (optionally) age.
 * Completed keys double as the dedupe memory for job ids.
 *
 * @example
 * const done = new RetainedKeys(2, 60);
 * done.add('a'); done.add('b'); done.add('c');
 * done.has('a'); // false: only the 2 most recent are kept
 */
export class RetainedKeys {
  private readonly finishedAt = new Map<string, number>();

  constructor(
    private readonly maxCount: number,
    private readonly maxAgeSeconds = Number.POSITIVE_INFINITY,
  ) {}

  add(key: string, now = Date.now()): void {
    this.finishedAt.delete(key);
    this.finishedAt.set(key, now);
    this.prune(now);
  }

  has(key: string, now = Date.now()): boolean {
    this.prune(now);
    return this.finishedAt.has(key);
  }

  delete(key: string): void {
    this.finishedAt.delete(key);
  }

  size(now = Date.now()): number {
    this.prune(now);
    return this.finishedAt.size;
  }

  private prune(now: number): void {
    const oldest = now - this.maxAgeSeconds * 1000;
    for (const [key, at] of this.finishedAt) {
      if (this.finishedAt.size <= this.maxCount && at >= oldest) break;
      this.finishedAt.delete(key);
    }
  }
}
