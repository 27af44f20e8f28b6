/**
 * Time series for the SQLite adapter, over the column index: clusters per bucket and series, from one pass
 * over the selected cluster heads (each cluster counted once, by its head, as Elasticsearch counts it).
 */
import type { Interval, SplitBy, TimeseriesPoint, TimeseriesRequest } from '../../search/query.js';
import { analyzeQuery } from '../analyzed-query.js';
import { continuousSeries } from '../buckets.js';
import { collapsedFilters, withoutLabels } from '../derived.js';
import { type ColumnIndex, LABEL_BIT } from './columns.js';
import { type Dimension, dimension } from './dimensions.js';
import { labelBits } from './filter.js';
import { selectedRows } from './selected.js';
import type { Statements } from './statements.js';

const DAY_MS = 86_400_000;

/** Start of the bucket a UTC day number falls in, as a day number. */
function bucketDay(day: number, interval: Interval): number {
  if (interval === 'day') return day;
  const d = new Date(day * DAY_MS);
  if (interval === 'week') return day - ((d.getUTCDay() + 6) % 7);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / DAY_MS;
}

/** Series names, and the series codes of an article written to `out` (one, several or none). */
function seriesOf(cols: ColumnIndex, by: SplitBy | undefined): Dimension {
  if (by) return dimension(cols, by);
  return {
    names: ['all'],
    codes: (_r, out) => {
      out[0] = 0;
      return 1;
    },
  };
}

/**
 * Counts per slice (bucket × series), dense: four counters per slice (labelled, labelled and flagged, in the
 * slice, flagged in the slice), and the sentiment sum and count. Only cluster heads are selected, so each row is
 * one cluster and is counted as it is.
 */
class SliceCounts {
  readonly n: Int32Array;
  readonly sentimentSum: Float64Array;
  readonly sentimentN: Int32Array;
  readonly used: Uint8Array;

  constructor(readonly slices: number) {
    this.n = new Int32Array(slices * 4);
    this.sentimentSum = new Float64Array(slices);
    this.sentimentN = new Int32Array(slices);
    this.used = new Uint8Array(slices);
  }

  add(slice: number, bits: number): void {
    this.used[slice] = 1;
    for (let b = 0; b < 4; b++) this.n[slice * 4 + b] += (bits >> b) & 1;
  }
}

/** Dense bucket numbers for the days of `rows`: the bucket index of each day from `first`, and each bucket's start day. */
function bucketIndex(cols: ColumnIndex, rows: Int32Array, interval: Interval) {
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < rows.length; i++) {
    const d = cols.day[rows[i]];
    if (d < first) first = d;
    if (d > last) last = d;
  }
  const ofDay = new Int32Array(rows.length ? last - first + 1 : 0);
  const starts: number[] = [];
  for (let d = first, bucket = -1, start = Number.NaN; d <= last; d++) {
    const b = bucketDay(d, interval);
    if (b !== start) {
      start = b;
      starts.push(b);
      bucket++;
    }
    ofDay[d - first] = bucket;
  }
  return { first, ofDay, starts };
}

/**
 * Buckets are UTC days, Monday weeks or months of the article date. The pass runs over the filters
 * without the label filter, so flagged_share uses the whole slice; count, flagged and the mean
 * sentiment use the label filter too.
 *
 * @example
 * timeseriesSqlite(st, { query: null, filters: { labels: ['xenophobic'] }, interval: 'week', split_by: 'source' });
 */
export function timeseriesSqlite(st: Statements, request: TimeseriesRequest): TimeseriesPoint[] {
  const query = analyzeQuery(request.query);
  const cols = st.columns();
  const wanted = labelBits(request.filters.labels);
  const key = `timeseries|${JSON.stringify(query)}|${request.query !== null}|${JSON.stringify(request.filters)}|${request.interval}|${request.split_by}`;
  return st.aggregates.get(key, () => {
    const slice = withoutLabels(collapsedFilters(request.filters));
    const { rows } = selectedRows(st, cols, query, request.query !== null, slice);
    const { names, codes } = seriesOf(cols, request.split_by);
    const width = names.length;
    const buckets = bucketIndex(cols, rows, request.interval);
    const counts = new SliceCounts(buckets.starts.length * width);
    const out: number[] = [];
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      const n = codes(r, out);
      if (n === 0) continue;
      const bucket = buckets.ofDay[cols.day[r] - buckets.first];
      const inLabels = wanted === 0 || (cols.labels[r] & wanted) !== 0;
      const flagged = (cols.labels[r] & LABEL_BIT.xenophobic) !== 0;
      const bits = (inLabels ? 1 : 0) | (inLabels && flagged ? 2 : 0) | 4 | (flagged ? 8 : 0);
      const sentiment = cols.sentiment[r];
      for (let k = 0; k < n; k++) {
        const slice = bucket * width + out[k];
        counts.add(slice, bits);
        if (inLabels && !Number.isNaN(sentiment)) {
          counts.sentimentSum[slice] += sentiment;
          counts.sentimentN[slice]++;
        }
      }
    }
    const n = counts.n;
    const points: TimeseriesPoint[] = [];
    for (let slice = 0; slice < counts.slices; slice++) {
      if (!counts.used[slice] || n[slice * 4 + 2] === 0) continue;
      const bucket = buckets.starts[Math.floor(slice / width)];
      points.push({
        bucket: new Date(bucket * DAY_MS).toISOString().slice(0, 10),
        series: names[slice % width] as string,
        count: n[slice * 4],
        flagged: n[slice * 4 + 1],
        flagged_share: n[slice * 4 + 3] / n[slice * 4 + 2],
        mean_sentiment: counts.sentimentN[slice] ? counts.sentimentSum[slice] / counts.sentimentN[slice] : null,
      });
    }
    return continuousSeries(points, request);
  });
}
