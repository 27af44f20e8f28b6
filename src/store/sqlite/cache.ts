/**
 * Memoises whole-result aggregates (totals, facets, time series, full-text matches, selections) until
 * the database changes: a write through this connection bumps a local generation, a commit by another
 * connection changes `PRAGMA data_version`. Repeated queries and the pages of one query share them.
 */
import type { Statements } from './statements.js';

/** Least recently used entries go first once the summed weight passes the budget. */
class VersionedCache {
  private readonly entries = new Map<string, { version: string; value: unknown; weight: number }>();
  private weight = 0;

  constructor(
    private readonly budget: number,
    private readonly weigh: (value: unknown) => number = () => 1,
  ) {}

  get<T>(key: string, version: string, compute: () => T, copy: (v: T) => T): T {
    const hit = this.entries.get(key);
    if (hit && hit.version === version) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return copy(hit.value as T);
    }
    if (hit) this.drop(key);
    const value = compute();
    const weight = this.weigh(value);
    while (this.entries.size && this.weight + weight > this.budget)
      this.drop(this.entries.keys().next().value as string);
    this.entries.set(key, { version, value: copy(value), weight });
    this.weight += weight;
    return value;
  }

  private drop(key: string): void {
    this.weight -= this.entries.get(key)?.weight ?? 0;
    this.entries.delete(key);
  }
}

/** Bytes held in the typed arrays of a value (one level deep), plus a little per entry. */
function typedBytes(value: unknown): number {
  let bytes = 256;
  if (ArrayBuffer.isView(value)) return bytes + value.byteLength;
  for (const v of Object.values(value as object)) if (ArrayBuffer.isView(v)) bytes += v.byteLength;
  return bytes;
}

const MB = 1 << 20;

export class AggregateCache {
  private generation = 0;
  private readonly small = new VersionedCache(1000);
  /** Full-text matches and their bm25 order per query, filtered selections per query and filters. */
  private readonly large = {
    matched: new VersionedCache(32 * MB, typedBytes),
    ranked: new VersionedCache(64 * MB, typedBytes),
    selected: new VersionedCache(64 * MB, typedBytes),
  };

  constructor(private readonly st: Statements) {}

  /** Call after every write through this connection. */
  invalidate(): void {
    this.generation++;
  }

  private version(): string {
    return `${this.generation}:${this.st.dataVersion()}`;
  }

  /**
   * A small value, copied in and out so callers may change what they get.
   *
   * @example
   * const total = cache.get(`count:${key}`, () => countRows());
   */
  get<T>(key: string, compute: () => T): T {
    return this.small.get(key, this.version(), compute, (v) => structuredClone(v));
  }

  /** A large value shared as is (typed arrays): callers must not change it. */
  shared<T>(kind: keyof AggregateCache['large'], key: string, compute: () => T): T {
    return this.large[kind].get(key, this.version(), compute, (v) => v);
  }
}
