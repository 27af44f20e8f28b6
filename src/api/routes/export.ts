import { Hono } from 'hono';
import type { ArticleSummary } from '../../domain.js';
import { EXPORT_COLUMNS, exportRow } from '../../present/search-item.js';
import { humanVerdicts, withReviewFilters } from '../../review/load.js';
import type { HumanVerdict } from '../../review/verdict.js';
import { collapsedFilters } from '../../store/derived.js';
import { csvRow, UTF8_BOM } from '../csv.js';
import type { RouteDeps } from '../deps.js';
import { exportParams, readParams, toFilters } from '../params.js';

const BATCH = 500;

/** The human verdict beside the machine one: empty cells for articles nobody reviewed, and for split verdicts. */
export const HUMAN_COLUMNS = [
  'human_xenophobic',
  'human_migration_policy',
  'human_counter_speech',
  'human_severity',
  'human_targets',
  'reviewers',
  'reviewers_disagree',
] as const;
const COLUMNS = [...EXPORT_COLUMNS, ...HUMAN_COLUMNS];
const TEXT_COLUMNS = new Set([COLUMNS.indexOf('title'), COLUMNS.indexOf('url')]);

function humanColumns(h: HumanVerdict | null): Record<(typeof HUMAN_COLUMNS)[number], unknown> {
  const v = h?.verdict ?? null;
  return {
    human_xenophobic: v ? v.xenophobic : null,
    human_migration_policy: v ? v.migration_policy : null,
    human_counter_speech: v ? v.counter_speech : null,
    human_severity: v ? v.severity : null,
    human_targets: v ? v.targets : [],
    reviewers: h?.reviewers ?? 0,
    reviewers_disagree: h ? h.reviewers_disagree : null,
  };
}

function encodeBatch(
  articles: ArticleSummary[],
  human: Map<string, HumanVerdict | null>,
  format: 'csv' | 'ndjson',
): string {
  let out = '';
  for (const a of articles) {
    const row: Record<string, unknown> = Object.assign(exportRow(a), humanColumns(human.get(a.id) ?? null));
    out +=
      format === 'csv'
        ? csvRow(
            COLUMNS.map((k) => row[k]),
            TEXT_COLUMNS,
          )
        : `${JSON.stringify(row)}\n`;
  }
  return out;
}

/**
 * GET /api/export?format=csv|ndjson: every article matching a search, streamed batch by batch
 * (no row cap). With collapse (default) one article per near-duplicate cluster is written, its head: the rows
 * a collapsed search returns, as many as its total.
 *
 * @example
 * await app.request('/api/export?format=ndjson&label=xenophobic&from=2025-01-01')
 */
export function exportRoutes({ store, log }: RouteDeps): Hono {
  return new Hono().get('/export', async (c) => {
    const p = readParams(new URL(c.req.url), exportParams);
    const { query, filters: selected } = toFilters(p);
    const reviewed = await withReviewFilters(store, selected, p);
    const filters = p.collapse ? collapsedFilters(reviewed) : reviewed;
    const batches = store.scanSummaries(filters, BATCH, query)[Symbol.asyncIterator]();
    // The first batch is read before the status is sent, so a store that is down answers 503, not a cut 200.
    let first: IteratorResult<ArticleSummary[]> | null = await batches.next();
    const encoder = new TextEncoder();
    let rows = 0;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        if (p.format === 'csv') controller.enqueue(encoder.encode((p.bom ? UTF8_BOM : '') + csvRow([...COLUMNS])));
      },
      async pull(controller) {
        try {
          const next = first ?? (await batches.next());
          first = null;
          if (next.done) {
            log.info('export finished', { format: p.format, rows });
            controller.close();
            return;
          }
          rows += next.value.length;
          const human = await humanVerdicts(
            store,
            next.value.map((a) => a.id),
          );
          controller.enqueue(encoder.encode(encodeBatch(next.value, human, p.format)));
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
