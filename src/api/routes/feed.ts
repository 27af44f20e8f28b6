import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { renderFeed } from '../../alerts/feed.js';
import type { RouteDeps } from '../deps.js';
import { feedParams, filterParams, readParams, toFilters } from '../params.js';

const FILTER_KEYS = Object.keys(filterParams);
const CONTENT_TYPE = { atom: 'application/atom+xml; charset=utf-8', rss: 'application/rss+xml; charset=utf-8' };

/** The search in words, for the feed title: `Kuzet: "мигрант*" · label=xenophobic`. */
function feedTitle(url: URL): string {
  const parts = FILTER_KEYS.flatMap((k) =>
    url.searchParams
      .getAll(k)
      .filter((v) => v.trim() !== '')
      .map((v) => `${k}=${v}`),
  );
  return `Kuzet: ${parts.length ? parts.join(' · ') : 'all articles'}`;
}

/**
 * GET /api/feed?format=atom|rss: a saved search as a feed, newest first; the feed URL is the saved search (any
 * search filter, `collapse`, `size`). Answers 304 to a matching If-None-Match, so feed readers can poll cheaply.
 *
 * @example
 * await app.request('/api/feed?label=xenophobic&min_severity=2&lang=kk')
 */
export function feedRoutes({ store }: RouteDeps): Hono {
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
    const web = new URLSearchParams();
    for (const [k, v] of url.searchParams) if (FILTER_KEYS.includes(k) || k === 'collapse') web.append(k, v);
    const body = renderFeed(p.format, {
      title: feedTitle(url),
      selfUrl: url.toString(),
      webUrl: `${url.origin}/${web.size ? `?${web}` : ''}`,
      baseUrl: url.origin,
      articles: result.hits.map((h) => h.article),
      now: new Date(),
    });
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    const headers = { etag, 'cache-control': 'no-cache' };
    const match = c.req.header('if-none-match');
    if (match?.split(',').some((t) => t.trim() === etag)) return c.body(null, 304, headers);
    return c.body(body, 200, { ...headers, 'content-type': CONTENT_TYPE[p.format] });
  });
}
