/**
 * Memoises whole-result aggregates (totals, facets, time series) until the database changes: a write
 * through this connection bumps a local generation, a commit by another connection changes
 * `PRAGMA data_version`. Counting over a large result is the slow part of a search; repeated
 * queries and the pages of one query share it.
 */
import type { Statements } from './statements.js';

const LIMIT = 1000;

export class AggregateCache {
  private generation = 0;
  private readonly entries = new Map<string, { version: string; value: unknown }>();

  constructor(private readonly st: Statements) {}

  /** Call after every write through this connection. */
  invalidate(): void {
    this.generation++;
  }

  /**
   * @example
   * const total = cache.get(`count:${sql}:${JSON.stringify(params)}`, () => countRows());
   */
  get<T>(key: string, compute: () => T): T {
    const version = `${this.generation}:${this.st.get('PRAGMA data_version').pluck().get()}`;
    const hit = this.entries.get(key);
    if (hit && hit.version === version) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return structuredClone(hit.value) as T;
    }
    const value = compute();
    if (this.entries.size >= LIMIT) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, { version, value: structuredClone(value) });
    return value;
  }
}
