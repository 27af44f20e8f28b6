/**
 * Memoises whole-result aggregates (totals, facets, time series, full-text matches, selections) until
 * the database changes: a write through this connection bumps a local generation, a commit by another
 * connection changes `PRAGMA data_version`. Repeated queries and the pages of one query share them.
 */
import type { Statements } from './statements.js';

/** How much one cache holds: entries, and the summed weight its weigher gives them (bytes). */
export interface CacheBound {
  entries: number;
  bytes: number;
}

/**
 * Values kept per key with the version they were computed at, least recently used first out once either
 * bound would be passed; a value heavier than the whole budget is returned but not kept.
 */
export class VersionedCache {
  private readonly entries = new Map<string, { version: string; value: unknown; weight: number }>();
  private weight = 0;

  constructor(
    readonly bound: CacheBound,
    private readonly weigh: (value: unknown) => number,
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
    if (weight > this.bound.bytes) return value;
    while (this.entries.size && (this.weight + weight > this.bound.bytes || this.entries.size >= this.bound.entries))
      this.drop(this.entries.keys().next().value as string);
    this.entries.set(key, { version, value: copy(value), weight });
    this.weight += weight;
    return value;
  }

  /** What it holds now. */
  size(): CacheBound {
    return { entries: this.entries.size, bytes: this.weight };
  }

  private drop(key: string): void {
    this.weight -= this.entries.get(key)?.weight ?? 0;
    this.entries.delete(key);
  }
}

/** Bytes held in the typed arrays of a value (one level deep), plus a little per entry. */
function typedBytes(value: unknown): number {
  let bytes = 256;
  // A view holds its whole buffer: weigh that, so the bound is what the cache keeps alive.
  if (ArrayBuffer.isView(value)) return bytes + value.buffer.byteLength;
  for (const v of Object.values(value as object)) if (ArrayBuffer.isView(v)) bytes += v.buffer.byteLength;
  return bytes;
}

const SAMPLE = 64;

/**
 * An estimate, on the high side, of the bytes V8 spends on a plain value (numbers, strings, arrays, objects,
 * typed arrays): 16 per number or slot, 2 per character, 32 per object or array header. A long array is
 * weighed by an even sample of its items, so weighing a time series costs microseconds, not a walk of it.
 *
 * @example
 * plainBytes([{ bucket: '2024-01-01', count: 3 }]); // 178
 */
export function plainBytes(value: unknown): number {
  if (value === null || typeof value !== 'object') return typeof value === 'string' ? 32 + 2 * value.length : 16;
  if (ArrayBuffer.isView(value)) return 64 + value.byteLength;
  let bytes = 32;
  if (Array.isArray(value)) {
    const step = Math.max(1, value.length / SAMPLE);
    let sampled = 0;
    let n = 0;
    for (let i = 0; i < value.length; i += step, n++) sampled += 8 + plainBytes(value[Math.floor(i)]);
    return bytes + (n ? Math.ceil((sampled / n) * value.length) : 0);
  }
  for (const key in value) bytes += 8 + 2 * key.length + plainBytes((value as Record<string, unknown>)[key]);
  return bytes;
}

const MB = 1 << 20;

/**
 * The bounds of the aggregate caches of the store's connection, 192 MB in all: totals, facets and time series; full-text
 * matches and their bm25 order per query; filtered selections per query and filters.
 */
export const AGGREGATE_CACHE_BOUNDS = Object.freeze({
  small: { entries: 1000, bytes: 32 * MB },
  matched: { entries: 1000, bytes: 32 * MB },
  ranked: { entries: 1000, bytes: 64 * MB },
  selected: { entries: 1000, bytes: 64 * MB },
} satisfies Record<string, CacheBound>);

export class AggregateCache {
  private generation = 0;
  private readonly small = new VersionedCache(AGGREGATE_CACHE_BOUNDS.small, plainBytes);
  private readonly large = {
    matched: new VersionedCache(AGGREGATE_CACHE_BOUNDS.matched, typedBytes),
    ranked: new VersionedCache(AGGREGATE_CACHE_BOUNDS.ranked, typedBytes),
    selected: new VersionedCache(AGGREGATE_CACHE_BOUNDS.selected, typedBytes),
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
