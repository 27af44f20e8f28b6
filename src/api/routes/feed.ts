import { Hono } from 'hono';
import { articleEntry, renderFeed } from '../../alerts/feed.js';
import type { RouteDeps } from '../deps.js';
import { feedResponse, inWords, publicView, selection, startOfToday } from '../feed-response.js';
import { FILTER_KEYS, feedParams, readParams, toFilters } from '../params.js';

/**
 * GET /api/feed?format=atom|rss: a saved search as a feed, newest first; the feed URL is the saved search (any
 * search filter, `collapse`, `size`). Answers 304 to a matching If-None-Match.
 *
 * @example
 * await app.request('/api/feed?label=xenophobic&min_severity=2&lang=kk')
 */
export function feedRoutes({ store, publicUrl }: RouteDeps): Hono {
  return new Hono().get('/feed', async (c) => {
    const url = new URL(c.req.url);
    const p = readParams(url, feedParams);
    const { query, filters } = toFilters(p);
    const result = await store.search({
      query,
      filters,
      sort: 'date',
      collapse: p.collapse,
      size: p.size,
      facets: false,
    });
    const { base, self } = publicView(url, publicUrl);
    const web = new URLSearchParams(selection(url, [...FILTER_KEYS, 'collapse', 'ui']));
    const body = renderFeed(p.format, {
      title: `Kuzet: ${inWords(selection(url, FILTER_KEYS), p.ui, p.ui === 'ru' ? 'все материалы' : 'all articles')}`,
      selfUrl: self,
      webUrl: `${base}/${web.size ? `?${web}` : ''}`,
      entries: result.hits.map((h) => articleEntry(h.article, base, p.ui)),
      emptySince: startOfToday(),
    });
    return feedResponse(c, p.format, body);
  });
}
