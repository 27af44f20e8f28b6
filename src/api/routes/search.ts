import { Hono } from 'hono';
import { searchItem } from '../../present/search-item.js';
import { humanVerdicts, withReviewFilters } from '../../review/load.js';
import type { SearchResult } from '../../search/query.js';
import type { ArticleStore } from '../../store/port.js';
import type { RouteDeps } from '../deps.js';
import { readParams, type SearchParams, searchParams, toSearchRequest } from '../params.js';

/**
 * Runs a validated search with its review filters; each item carries the human verdict beside the machine one.
 *
 * @example
 * const { result, items } = await runSearch(store, readParams(url, searchParams));
 */
export async function runSearch(store: ArticleStore, p: SearchParams) {
  const request = toSearchRequest(p);
  request.filters = await withReviewFilters(store, request.filters, p);
  const result: SearchResult = await store.search(request);
  const human = await humanVerdicts(
    store,
    result.hits.map((h) => h.id),
  );
  return { result, items: result.hits.map((h) => ({ ...searchItem(h), human: human.get(h.id) ?? null })) };
}

/**
 * GET /api/search: parsed query plus filters, collapsed near-duplicates, highlights and facets.
 *
 * @example
 * await app.request('/api/search?q=мигрант*&label=xenophobic&min_severity=2&reviewed=true')
 */
export function searchRoutes({ store }: RouteDeps): Hono {
  return new Hono().get('/search', async (c) => {
    const { result, items } = await runSearch(store, readParams(new URL(c.req.url), searchParams));
    return c.json({
      total: result.total,
      items,
      next_cursor: result.next_cursor,
      ...(result.facets ? { facets: result.facets } : {}),
    });
  });
}
