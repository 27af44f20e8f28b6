/** Spike alerts: buckets whose flagged count stands far above the same series' recent history. */
import type { TimeseriesPoint } from '../search/query.js';

export interface SpikeOptions {
  /** Buckets of history each bucket is compared with (they must all lie inside the series' time range). */
  window: number;
  /** Fewest flagged articles that make a spike, however quiet the history. */
  minFlagged: number;
  /** How many spreads above the history's mean a bucket must be. */
  z: number;
  interval: 'day' | 'week';
}

export interface Spike {
  bucket: string;
  series: string;
  flagged: number;
  count: number;
  /** Mean flagged count of the `window` buckets before. */
  baseline: number;
  /** (flagged − baseline) / spread, where spread is the history's standard deviation, at least √baseline and 1. */
  score: number;
}

const DAY_MS = 86_400_000;
const r2 = (v: number) => Math.round(v * 100) / 100;

/** Every bucket from `first` to `last`, inclusive (UTC days, or Monday weeks). */
function bucketRange(first: string, last: string, interval: SpikeOptions['interval']): string[] {
  const step = interval === 'day' ? DAY_MS : 7 * DAY_MS;
  const out: string[] = [];
  for (let t = Date.parse(`${first}T00:00:00Z`), end = Date.parse(`${last}T00:00:00Z`); t <= end; t += step)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/**
 * Finds spikes in time-series points (day or week buckets, any split): a bucket is a spike when its flagged count
 * is at least `minFlagged` and `z` spreads above the mean of the `window` buckets before it. Buckets without
 * articles count as zero. Newest first, strongest first within a bucket.
 *
 * @example
 * findSpikes(points, { window: 14, minFlagged: 5, z: 3, interval: 'day' });
 * // [{ bucket: '2025-03-12', series: 'tajik', flagged: 23, count: 40, baseline: 2.1, score: 8.4 }]
 */
export function findSpikes(points: TimeseriesPoint[], options: SpikeOptions): Spike[] {
  if (points.length === 0) return [];
  const buckets = points.map((p) => p.bucket).sort();
  const range = bucketRange(buckets[0], buckets[buckets.length - 1], options.interval);
  const bySeries = new Map<string, Map<string, TimeseriesPoint>>();
  for (const p of points) {
    const series = bySeries.get(p.series) ?? new Map<string, TimeseriesPoint>();
    bySeries.set(p.series, series.set(p.bucket, p));
  }
  const spikes: Spike[] = [];
  for (const [series, at] of bySeries) {
    const flagged = range.map((b) => at.get(b)?.flagged ?? 0);
    for (let i = options.window; i < range.length; i++) {
      if (flagged[i] < options.minFlagged) continue;
      const history = flagged.slice(i - options.window, i);
      const mean = history.reduce((a, b) => a + b, 0) / history.length;
      const sd = Math.sqrt(history.reduce((a, b) => a + (b - mean) ** 2, 0) / history.length);
      const score = (flagged[i] - mean) / Math.max(sd, Math.sqrt(mean), 1);
      if (score < options.z) continue;
      const point = at.get(range[i]) as TimeseriesPoint;
      spikes.push({
        bucket: range[i],
        series,
        flagged: flagged[i],
        count: point.count,
        baseline: r2(mean),
        score: r2(score),
      });
    }
  }
  return spikes.sort((a, b) => (a.bucket === b.bucket ? b.score - a.score : a.bucket < b.bucket ? 1 : -1));
}

/** The last day of a bucket (YYYY-MM-DD). */
export function bucketEnd(bucket: string, interval: SpikeOptions['interval']): string {
  return interval === 'day' ? bucket : shiftBucket(bucket, 6, 'day');
}

/** The bucket a day falls in: the day itself, or the Monday that starts its week. */
export function bucketOf(day: string, interval: SpikeOptions['interval']): string {
  if (interval === 'day') return day;
  const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
  return shiftBucket(day, -weekday, 'day');
}

/** The bucket `n` buckets after a bucket (before it when `n` is negative). */
export function shiftBucket(bucket: string, n: number, interval: SpikeOptions['interval']): string {
  const step = interval === 'day' ? DAY_MS : 7 * DAY_MS;
  return new Date(Date.parse(`${bucket}T00:00:00Z`) + n * step).toISOString().slice(0, 10);
}

/** Buckets from `first` to `last`, both included. */
export function bucketsBetween(first: string, last: string, interval: SpikeOptions['interval']): number {
  const step = interval === 'day' ? DAY_MS : 7 * DAY_MS;
  return Math.round((Date.parse(`${last}T00:00:00Z`) - Date.parse(`${first}T00:00:00Z`)) / step) + 1;
}
