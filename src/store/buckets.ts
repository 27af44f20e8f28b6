/**
 * Time-series buckets (UTC days, Monday weeks, months) and the continuous series both stores return:
 * every bucket from `from` (or the first article) to `to` (or the last), zero where nothing was published.
 */
import type { Interval, SearchFilters, TimeseriesPoint, TimeseriesRequest } from '../search/query.js';
import { StoreRequestError } from './errors.js';

const DAY_MS = 86_400_000;

/** Most points a continuous series may hold (buckets × series); beyond it the request is the caller's to narrow. */
export const MAX_POINTS = 100_000;

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The start of the bucket a moment falls in, as YYYY-MM-DD.
 *
 * @example
 * bucketStart(Date.parse('2024-05-03T23:30:00Z'), 'week') // '2024-04-29'
 */
export function bucketStart(ms: number, interval: Interval): string {
  const d = new Date(ms);
  if (interval === 'day') return day(ms);
  if (interval === 'month') return day(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
  const midnight = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  return day(midnight - ((d.getUTCDay() + 6) % 7) * DAY_MS);
}

/** The bucket after `bucket`. */
export function nextBucket(bucket: string, interval: Interval): string {
  const t = Date.parse(`${bucket}T00:00:00Z`);
  if (interval === 'day') return day(t + DAY_MS);
  if (interval === 'week') return day(t + 7 * DAY_MS);
  const d = new Date(t);
  return day(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
}

/** Every bucket from `first` to `last`, both included; throws past `max`. */
export function bucketsFrom(first: string, last: string, interval: Interval, max = MAX_POINTS): string[] {
  const out: string[] = [];
  for (let b = first; b <= last; b = nextBucket(b, interval)) {
    if (out.length >= max) throw tooMany();
    out.push(b);
  }
  return out;
}

function tooMany(): StoreRequestError {
  return new StoreRequestError(
    'too many time-series buckets: use a longer interval, a shorter date range or fewer series',
    'interval',
  );
}

/** The date range of filters as [first, last] moments, either end absent when open. */
function filterRange(filters: SearchFilters): { first?: number; last?: number } {
  const bare = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v);
  const out: { first?: number; last?: number } = {};
  if (filters.from) out.first = Date.parse(bare(filters.from) ? `${filters.from}T00:00:00Z` : filters.from);
  if (filters.to) out.last = bare(filters.to) ? Date.parse(`${filters.to}T23:59:59.999Z`) : Date.parse(filters.to);
  return out;
}

/**
 * Makes the sparse points of a store continuous: each series gets every bucket from `from` (else the first
 * point of any series) to `to` (else the last), with count 0, flagged 0, and flagged_share and mean_sentiment
 * null where nothing was published. Split by label under a label filter, only the chosen labels are series.
 * Sorted by bucket, then series.
 *
 * @example
 * continuousSeries([{ bucket: '2024-05-01', … }, { bucket: '2024-05-03', … }], { query: null, filters: {}, interval: 'day' })
 * // three points: 2024-05-01, 2024-05-02 (count 0), 2024-05-03
 */
export function continuousSeries(sparse: TimeseriesPoint[], request: TimeseriesRequest): TimeseriesPoint[] {
  const { filters, interval } = request;
  const labels = filters.labels ?? [];
  const points =
    request.split_by === 'label' && labels.length
      ? sparse.filter((p) => (labels as string[]).includes(p.series))
      : sparse;
  const range = filterRange(filters);
  const sorted = points.map((p) => p.bucket).sort();
  const first =
    range.first !== undefined && !Number.isNaN(range.first) ? bucketStart(range.first, interval) : sorted[0];
  const last =
    range.last !== undefined && !Number.isNaN(range.last)
      ? bucketStart(range.last, interval)
      : sorted[sorted.length - 1];
  if (first === undefined || last === undefined) return [];
  const series = [...new Set(points.map((p) => p.series))].sort();
  if (series.length === 0) {
    if (request.split_by) return [];
    series.push('all');
  }
  const buckets = bucketsFrom(first, last, interval, Math.floor(MAX_POINTS / series.length));
  const at = new Map(points.map((p) => [`${p.bucket}|${p.series}`, p]));
  const out: TimeseriesPoint[] = [];
  for (const bucket of buckets)
    for (const name of series)
      out.push(
        at.get(`${bucket}|${name}`) ?? {
          bucket,
          series: name,
          count: 0,
          flagged: 0,
          flagged_share: null,
          mean_sentiment: null,
        },
      );
  return out;
}
