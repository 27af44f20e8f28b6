import { describe, expect, it } from 'vitest';
import { bucketEnd, bucketOf, bucketsBetween, findSpikes, shiftBucket } from '../../src/alerts/spikes.js';
import type { TimeseriesPoint } from '../../src/search/query.js';

const day = (n: number) => new Date(Date.UTC(2025, 2, 1 + n)).toISOString().slice(0, 10);
const point = (bucket: string, flagged: number, series = 'all'): TimeseriesPoint => ({
  bucket,
  series,
  count: flagged * 2 + 1,
  flagged,
  flagged_share: 0,
  mean_sentiment: null,
});
const daily = (flagged: number[], series = 'all') => flagged.map((f, i) => point(day(i), f, series));
const options = { window: 7, minFlagged: 5, z: 3, interval: 'day' as const };

describe('findSpikes', () => {
  it('flags a bucket far above its window and reports the baseline and score', () => {
    const spikes = findSpikes(daily([2, 1, 2, 3, 2, 1, 2, 12, 2]), options);
    expect(spikes).toEqual([{ bucket: day(7), series: 'all', flagged: 12, count: 25, baseline: 1.86, score: 7.44 }]);
  });

  it('counts days without articles as zero', () => {
    const points = [point(day(0), 1), point(day(6), 1), point(day(8), 6)];
    expect(findSpikes(points, options).map((s) => [s.bucket, s.baseline])).toEqual([[day(8), 0.14]]);
  });

  it('needs a full window of history, the minimum count and the z margin', () => {
    expect(findSpikes(daily([0, 0, 0, 9]), options)).toEqual([]);
    expect(findSpikes(daily([0, 0, 0, 0, 0, 0, 0, 4]), options)).toEqual([]);
    expect(findSpikes(daily([8, 2, 9, 1, 8, 2, 9, 12]), options)).toEqual([]);
    expect(findSpikes([], options)).toEqual([]);
  });

  it('judges each series against its own history, newest first and strongest first', () => {
    const points = [
      ...daily([1, 1, 1, 1, 1, 1, 1, 9, 1, 1], 'tajik'),
      ...daily([10, 12, 11, 9, 10, 12, 11, 14, 10, 30], 'migrants'),
      ...daily([0, 0, 0, 0, 0, 0, 0, 20, 0, 0], 'afghan'),
    ];
    expect(findSpikes(points, options).map((s) => [s.bucket, s.series])).toEqual([
      [day(9), 'migrants'],
      [day(7), 'afghan'],
      [day(7), 'tajik'],
    ]);
  });

  it('walks Monday weeks', () => {
    const weeks = [0, 7, 14, 21].map((n) => point(day(n + 2), n === 21 ? 9 : 0));
    expect(findSpikes(weeks, { ...options, window: 3, interval: 'week' }).map((s) => s.bucket)).toEqual([day(23)]);
    expect(bucketEnd('2025-03-03', 'week')).toBe('2025-03-09');
    expect(bucketEnd('2025-03-03', 'day')).toBe('2025-03-03');
  });
});

describe('bucket arithmetic', () => {
  it('aligns days to Monday weeks and counts buckets in between', () => {
    expect(bucketOf('2025-03-09', 'week')).toBe('2025-03-03');
    expect(bucketOf('2025-03-03', 'week')).toBe('2025-03-03');
    expect(bucketOf('2025-03-09', 'day')).toBe('2025-03-09');
    expect(shiftBucket('2025-03-03', -2, 'week')).toBe('2025-02-17');
    expect(shiftBucket('2024-02-28', 2, 'day')).toBe('2024-03-01');
    expect(bucketsBetween('2025-01-01', '2025-12-31', 'day')).toBe(365);
    expect(bucketsBetween('2025-03-03', '2025-03-17', 'week')).toBe(3);
  });
});
