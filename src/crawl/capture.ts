import type { CheerioCrawlingContext } from '@crawlee/cheerio';
import type { CaptureRef } from '../domain.js';
import type { CrawlRun } from './run.js';

/** Response headers as one string per name, lower-cased (repeated headers joined with ", "). */
export function flatHeaders(headers: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.map(String).join(', ') : String(value);
  }
  return out;
}

/**
 * Keeps the page of `ctx` as served (status, headers, raw body, final URL, fetch time), before any document
 * read from it is emitted. A failure to keep it is logged and the documents go on without a capture.
 */
export async function capturePage(
  run: CrawlRun,
  ctx: CheerioCrawlingContext,
  body: Buffer,
): Promise<CaptureRef | null> {
  if (!run.deps.capture) return null;
  const { request, response } = ctx;
  try {
    return await run.deps.capture({
      url: request.url,
      final_url: request.loadedUrl ?? request.url,
      status: response.statusCode ?? 0,
      headers: flatHeaders(response.headers as Record<string, unknown>),
      body,
      fetched_at: new Date().toISOString(),
      source_id: run.source.id,
    });
  } catch (err) {
    run.log.warn('page not captured; the item is stored without it', {
      source_id: run.source.id,
      url: request.url,
      reason: (err as Error).message,
    });
    return null;
  }
}
