import { Hono } from 'hono';
import { searchItem } from '../../present/search-item.js';
import type { RouteDeps } from '../deps.js';
import { readParams, searchParams, toSearchRequest } from '../params.js';

/**
 * GET /api/search: parsed query plus filters, collapsed near-duplicates, highlights and facets.
 *
 * @example
 * await app.request('/api/search?q=мигрант*&label=xenophobic&min_severity=2')
 */
export function searchRoutes({ store }: RouteDeps): Hono {
  return new Hono().get('/search', async (c) => {
    const request = toSearchRequest(readParams(new URL(c.req.url), searchParams));
    const result = await store.search(request);
    return c.json({
      total: result.total,
      items: result.hits.map(searchItem),
      next_cursor: result.next_cursor,
      ...(result.facets ? { facets: result.facets } : {}),
    });
  });
}
