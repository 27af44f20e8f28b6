import { Hono } from 'hono';
import type { Article } from '../../domain.js';
import { EXPORT_COLUMNS, exportRow } from '../../present/search-item.js';
import { csvRow } from '../csv.js';
import type { RouteDeps } from '../deps.js';
import { exportParams, readParams, toFilters } from '../params.js';

const BATCH = 500;
const TEXT_COLUMNS = new Set([EXPORT_COLUMNS.indexOf('title'), EXPORT_COLUMNS.indexOf('url')]);

function encodeBatch(articles: Article[], format: 'csv' | 'ndjson', seen: Set<string> | null): string {
  let out = '';
  for (const a of articles) {
    if (seen) {
      if (seen.has(a.cluster_id)) continue;
      seen.add(a.cluster_id);
    }
    const row = exportRow(a);
    out +=
      format === 'csv'
        ? csvRow(
            EXPORT_COLUMNS.map((k) => row[k]),
            TEXT_COLUMNS,
          )
        : `${JSON.stringify(row)}\n`;
  }
  return out;
}

/**
 * GET /api/export?format=csv|ndjson: every article matching a search, streamed batch by batch
 * (no row cap). With collapse (default) one article per near-duplicate cluster is written.
 *
 * @example
 * await app.request('/api/export?format=ndjson&label=xenophobic&from=2025-01-01')
 */
export function exportRoutes({ store, log }: RouteDeps): Hono {
  return new Hono().get('/export', (c) => {
    const p = readParams(new URL(c.req.url), exportParams);
    const { query, filters } = toFilters(p);
    const batches = store.scan(filters, BATCH, query)[Symbol.asyncIterator]();
    const seen = p.collapse ? new Set<string>() : null;
    const encoder = new TextEncoder();
    let rows = 0;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        if (p.format === 'csv') controller.enqueue(encoder.encode(csvRow([...EXPORT_COLUMNS])));
      },
      async pull(controller) {
        try {
          const next = await batches.next();
          if (next.done) {
            log.info('export finished', { format: p.format, rows });
            controller.close();
            return;
          }
          rows += next.value.length;
          controller.enqueue(encoder.encode(encodeBatch(next.value, p.format, seen)));
        } catch (error) {
          log.error('export failed mid-stream; the client received a truncated file', {
            rows,
            error: (error as Error).message,
          });
          controller.error(error);
        }
      },
      async cancel() {
        await batches.return?.();
      },
    });
    const type = p.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8';
    const day = new Date().toISOString().slice(0, 10);
    return c.body(body, 200, {
      'content-type': type,
      'content-disposition': `attachment; filename="kuzet-export-${day}.${p.format}"`,
      'cache-control': 'no-store',
    });
  });
}
