/**
 * Time series for the SQLite adapter, over the column index: distinct clusters per bucket and series,
 * from one pass over the selected articles.
 */
import type { Interval, SplitBy, TimeseriesPoint, TimeseriesRequest } from '../../search/query.js';
import { analyzeQuery } from '../analyzed-query.js';
import { continuousSeries } from '../buckets.js';
import { withoutLabels } from '../derived.js';
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

interface Slice {
  bucket: number;
  series: string;
  /** Clusters of one article: labelled, labelled and flagged, in the slice, flagged in the slice. */
  single: number[];
  /** Cluster code → bits 1, 2, 4, 8 with the same meanings, for clusters of several articles. */
  clusters: Map<number, number>;
  sentimentSum: number;
  sentimentN: number;
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
    const { rows } = selectedRows(st, cols, query, request.query !== null, withoutLabels(request.filters));
    const { names, codes } = seriesOf(cols, request.split_by);
    const width = names.length;
    const slices = new Map<number, Slice>();
    const buckets = new Map<number, number>();
    const out: number[] = [];
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      const n = codes(r, out);
      if (n === 0) continue;
      let bucket = buckets.get(cols.day[r]);
      if (bucket === undefined) {
        bucket = bucketDay(cols.day[r], request.interval);
        buckets.set(cols.day[r], bucket);
      }
      const inLabels = wanted === 0 || (cols.labels[r] & wanted) !== 0;
      const flagged = (cols.labels[r] & LABEL_BIT.xenophobic) !== 0;
      const bits = (inLabels ? 1 : 0) | (inLabels && flagged ? 2 : 0) | 4 | (flagged ? 8 : 0);
      const sentiment = cols.sentiment[r];
      const c = cols.clusterOf[r];
      for (let k = 0; k < n; k++) {
        const id = bucket * width + out[k];
        let slice = slices.get(id);
        if (!slice) {
          const series = names[out[k]] as string;
          slice = { bucket, series, single: [0, 0, 0, 0], clusters: new Map(), sentimentSum: 0, sentimentN: 0 };
          slices.set(id, slice);
        }
        if (cols.clusterSize[c] === 1) for (let b = 0; b < 4; b++) slice.single[b] += (bits >> b) & 1;
        else slice.clusters.set(c, (slice.clusters.get(c) ?? 0) | bits);
        if (inLabels && !Number.isNaN(sentiment)) {
          slice.sentimentSum += sentiment;
          slice.sentimentN++;
        }
      }
    }
    const points: TimeseriesPoint[] = [];
    for (const slice of slices.values()) {
      const n = [...slice.single];
      for (const bits of slice.clusters.values()) for (let b = 0; b < 4; b++) n[b] += (bits >> b) & 1;
      if (n[2] === 0) continue;
      points.push({
        bucket: new Date(slice.bucket * DAY_MS).toISOString().slice(0, 10),
        series: slice.series,
        count: n[0],
        flagged: n[1],
        flagged_share: n[3] / n[2],
        mean_sentiment: slice.sentimentN ? slice.sentimentSum / slice.sentimentN : null,
      });
    }
    return continuousSeries(points, request);
  });
}
