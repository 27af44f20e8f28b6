import { describe, expect, it } from 'vitest';
import { AGGREGATE_CACHE_BOUNDS, plainBytes, VersionedCache } from '../../src/store/sqlite/cache.js';

const same = <T>(v: T) => v;

describe('the SQLite aggregate caches', () => {
  it('never hold more entries or bytes than their bound, dropping the least recently used first', () => {
    const cache = new VersionedCache({ entries: 50, bytes: 10_000 }, (v) => (v as number[]).length * 8);
    const sizes = [10, 300, 1, 800, 40, 1200, 64];
    for (let i = 0; i < 2000; i++) {
      const value = Array.from({ length: sizes[i % sizes.length] }, () => i);
      expect(cache.get(`k${i % 300}`, 'v1', () => value, same)).toBe(value);
      const { entries, bytes } = cache.size();
      expect(entries).toBeLessThanOrEqual(50);
      expect(bytes).toBeLessThanOrEqual(10_000);
    }
    const lru = new VersionedCache({ entries: 3, bytes: 1000 }, () => 1);
    for (const key of ['a', 'b', 'c', 'a', 'd']) lru.get(key, 'v1', () => key, same);
    expect(lru.get('a', 'v1', () => 'recomputed', same)).toBe('a');
    expect(lru.get('b', 'v1', () => 'recomputed', same)).toBe('recomputed');
  });

  it('return a value heavier than the whole budget without keeping it, and recompute after a new version', () => {
    const cache = new VersionedCache({ entries: 10, bytes: 100 }, (v) => String(v).length);
    let computed = 0;
    const big = () => {
      computed++;
      return 'x'.repeat(500);
    };
    expect(cache.get('big', 'v1', big, same)).toHaveLength(500);
    expect(cache.get('big', 'v1', big, same)).toHaveLength(500);
    expect(computed).toBe(2);
    expect(cache.size()).toEqual({ entries: 0, bytes: 0 });
    expect(cache.get('a', 'v1', () => 'one', same)).toBe('one');
    expect(cache.get('a', 'v2', () => 'two', same)).toBe('two');
    expect(cache.size()).toEqual({ entries: 1, bytes: 3 });
  });

  it('weigh time series and facets by their size, so a burst of distinct long series stays within the bound', () => {
    const point = {
      bucket: '2024-01-01',
      series: 'tengri',
      count: 12,
      flagged: 1,
      flagged_share: 0.08,
      sentiment: -0.1,
    };
    const series = Array.from({ length: 10_000 }, () => ({ ...point }));
    const bytes = plainBytes(series);
    expect(bytes).toBeGreaterThan(10_000 * 6 * 16);
    const { small } = AGGREGATE_CACHE_BOUNDS;
    const cache = new VersionedCache(small, plainBytes);
    for (let i = 0; i < 100; i++) cache.get(`timeseries|${i}`, 'v1', () => series, same);
    expect(cache.size().bytes).toBeLessThanOrEqual(small.bytes);
    expect(cache.size().entries).toBe(Math.floor(small.bytes / bytes));
  });
});
