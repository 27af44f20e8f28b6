import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import type { FeedFormat } from '../alerts/feed.js';

const CONTENT_TYPE: Record<FeedFormat, string> = {
  atom: 'application/atom+xml; charset=utf-8',
  rss: 'application/rss+xml; charset=utf-8',
};

/**
 * A feed document with an ETag, or 304 when the client's If-None-Match holds it, so feed readers poll cheaply.
 *
 * @example
 * return feedResponse(c, 'atom', renderFeed('atom', input));
 */
export function feedResponse(c: Context, format: FeedFormat, body: string): Response {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  const headers = { etag, 'cache-control': 'no-cache' };
  const match = c.req.header('if-none-match');
  if (match?.split(',').some((t) => t.trim() === etag)) return c.body(null, 304, headers);
  return c.body(body, 200, { ...headers, 'content-type': CONTENT_TYPE[format] });
}

/** The filters of a request as they appear in its URL (for titles and links to the same selection). */
export function selection(url: URL, keys: string[]): [string, string][] {
  return [...url.searchParams].filter(([k, v]) => keys.includes(k) && v.trim() !== '');
}
