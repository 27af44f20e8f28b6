/** Time series for the SQLite adapter: distinct clusters per bucket and series, in one grouped query. */
import { LABELS } from '../../domain.js';
import type { Interval, SplitBy, TimeseriesPoint, TimeseriesRequest } from '../../search/query.js';
import { analyzeQuery } from '../analyzed-query.js';
import { withoutLabels } from '../derived.js';
import type { Statements } from './statements.js';
import { selection } from './where.js';

const BUCKET: Record<Interval, string> = {
  day: 'substr(a.date, 1, 10)',
  week: "date(a.date, 'weekday 0', '-6 days')",
  month: "substr(a.date, 1, 7) || '-01'",
};

const LABEL_SERIES = `(${LABELS.map((l) => `SELECT '${l}' AS label`).join(' UNION ALL ')}) l`;

function split(by: SplitBy | undefined): { join: string; series: string } {
  switch (by) {
    case undefined:
      return { join: '', series: "'all'" };
    case 'source':
      return { join: '', series: 'a.source_id' };
    case 'lang':
      return { join: '', series: 'a.lang' };
    case 'target':
      return { join: ' JOIN article_targets st ON st.rid = a.rid', series: 'st.target' };
    case 'label':
      return {
        join: ` JOIN ${LABEL_SERIES} ON ${LABELS.map((x) => `(l.label = '${x}' AND a.${x} = 1)`).join(' OR ')}`,
        series: 'l.label',
      };
  }
}

/**
 * Buckets are UTC days, Monday weeks or months of the article date. The query runs over the filters
 * without the label filter, so flagged_share uses the whole slice; count, flagged and the mean
 * sentiment use the label filter too.
 *
 * @example
 * timeseriesSqlite(st, { query: null, filters: { labels: ['xenophobic'] }, interval: 'week', split_by: 'source' });
 */
export function timeseriesSqlite(st: Statements, request: TimeseriesRequest): TimeseriesPoint[] {
  const query = analyzeQuery(request.query);
  const s = selection(query, request.query !== null, withoutLabels(request.filters));
  const labels = request.filters.labels ?? [];
  const labelled = labels.length ? `(${labels.map((l) => `a.${l} = 1`).join(' OR ')})` : '1';
  const { join, series } = split(request.split_by);
  const sql = `
    SELECT ${BUCKET[request.interval]} AS bucket, ${series} AS series,
      COUNT(DISTINCT CASE WHEN ${labelled} THEN a.cluster_id END) AS count,
      COUNT(DISTINCT CASE WHEN ${labelled} AND a.xenophobic = 1 THEN a.cluster_id END) AS flagged,
      COUNT(DISTINCT a.cluster_id) AS slice_count,
      COUNT(DISTINCT CASE WHEN a.xenophobic = 1 THEN a.cluster_id END) AS slice_flagged,
      AVG(CASE WHEN ${labelled} THEN a.sentiment END) AS mean_sentiment
    FROM ${s.from}${join} WHERE ${s.where.join(' AND ')}
    GROUP BY 1, 2 HAVING count > 0 ORDER BY 1, 2`;
  const rows = st.aggregates.get(`timeseries|${sql}|${JSON.stringify(s.params)}`, () =>
    st.get(sql).all(...s.params),
  ) as Array<{
    bucket: string;
    series: string;
    count: number;
    flagged: number;
    slice_count: number;
    slice_flagged: number;
    mean_sentiment: number | null;
  }>;
  return rows.map((r) => ({
    bucket: r.bucket,
    series: String(r.series),
    count: r.count,
    flagged: r.flagged,
    flagged_share: r.slice_count ? r.slice_flagged / r.slice_count : 0,
    mean_sentiment: r.mean_sentiment,
  }));
}
