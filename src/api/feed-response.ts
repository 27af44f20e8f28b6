import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import type { FeedFormat } from '../alerts/feed.js';
import { keyName, localDate, paramName, type Strings, strings, type UiLang } from '../web/i18n.js';

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
  const known = match?.split(',').map((t) => t.trim().replace(/^W\//, ''));
  if (known?.some((t) => t === etag || t === '*')) return c.body(null, 304, headers);
  return c.body(body, 200, { ...headers, 'content-type': CONTENT_TYPE[format] });
}

/** Start of the current UTC day: an empty feed's updated time, stable between polls on the same day. */
export function startOfToday(now = new Date()): string {
  return `${now.toISOString().slice(0, 10)}T00:00:00.000Z`;
}

/**
 * The public view of a request URL: the public URL's origin and path prefix with the request's path and query.
 * The request's own origin is never used: it comes from the Host header, which the client chooses.
 *
 * @example
 * publicView(new URL('http://evil.example/api/feed?q=x'), 'https://kuzet.example.org').self; // 'https://kuzet.example.org/api/feed?q=x'
 */
export function publicView(url: URL, publicUrl: string): { base: string; self: string } {
  return { base: publicUrl, self: `${publicUrl}${url.pathname}${url.search}` };
}

/** The filters of a request as they appear in its URL (for titles and links to the same selection). */
export function selection(url: URL, keys: string[]): [string, string][] {
  return [...url.searchParams].filter(([k, v]) => keys.includes(k) && v.trim() !== '');
}

/** A filter's value in words: labels, target groups, languages and countries translated, dates in the local format. */
function filterValue(t: Strings, ui: UiLang, key: string, value: string): string {
  if (key === 'q') return ui === 'ru' ? `«${value}»` : `"${value}"`;
  if (key === 'from' || key === 'to') return localDate(value, ui);
  if (key === 'deleted') return value === 'true' || value === '1' ? t.deletedOnly : t.notDeleted;
  return value
    .split(',')
    .map((v) => keyName(t, key, v.trim()))
    .join(', ');
}

/**
 * A selection in words for feed titles and summaries, in the interface language, or `none` when it is empty.
 *
 * @example
 * inWords([['label', 'xenophobic'], ['lang', 'kk']], 'ru', 'все материалы') // 'Метка: ксенофобия · Язык: казахский'
 */
export function inWords(pairs: [string, string][], ui: UiLang, none: string): string {
  const t = strings(ui);
  return pairs.length ? pairs.map(([k, v]) => `${paramName(t, k)}: ${filterValue(t, ui, k, v)}`).join(' · ') : none;
}
