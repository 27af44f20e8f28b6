import { Hono } from 'hono';
import type { TimeseriesPoint } from '../../search/query.js';
import { csvRow, UTF8_BOM } from '../csv.js';
import type { RouteDeps } from '../deps.js';
import { readParams, timeseriesParams, toFilters } from '../params.js';

const COLUMNS = ['bucket', 'series', 'count', 'flagged', 'flagged_share', 'mean_sentiment'] as const;

/** Time-series points as CSV, one row per bucket and series. */
export function timeseriesCsv(points: TimeseriesPoint[]): string {
  return csvRow([...COLUMNS]) + points.map((p) => csvRow(COLUMNS.map((k) => p[k]))).join('');
}

/**
 * GET /api/timeseries: counts, flagged counts, flagged share and mean sentiment per bucket (and split).
 *
 * @example
 * await app.request('/api/timeseries?interval=month&split=lang&label=xenophobic&format=csv')
 */
export function timeseriesRoutes({ store }: RouteDeps): Hono {
  return new Hono().get('/timeseries', async (c) => {
    const p = readParams(new URL(c.req.url), timeseriesParams);
    const { query, filters } = toFilters(p);
    const points = await store.timeseries({
      query,
      filters,
      interval: p.interval,
      ...(p.split ? { split_by: p.split } : {}),
    });
    if (p.format === 'csv') {
      c.header('content-disposition', `attachment; filename="kuzet-timeseries-${p.interval}.csv"`);
      return c.body((p.bom ? UTF8_BOM : '') + timeseriesCsv(points), 200, {
        'content-type': 'text/csv; charset=utf-8',
      });
    }
    return c.json({ interval: p.interval, split: p.split ?? null, points });
  });
}
