/** What one entry point of a source (feed, sitemap, listing, channel page) gave in one crawl. */
export interface EntryPointReport {
  url: string;
  kind: 'feed' | 'sitemap' | 'listing' | 'telegram';
  /** True when it was read and listed at least one item (or answered 304 Not Modified). */
  ok: boolean;
  /** HTTP status, null when no response arrived (network error, timeout, robots.txt refusal). */
  status: number | null;
  content_type: string | null;
  /** Items listed: feed entries, sitemap URLs or child sitemaps, listing links, channel posts. */
  items: number | null;
  /** The newest publication date among the items, when they carry dates. */
  newest_item_at: string | null;
  /** The robots.txt verdict; `unreadable` when robots.txt could not be fetched (network error, 5xx). */
  robots: 'allowed' | 'disallowed' | 'unreadable';
  /** Why it failed, or a warning about a page that was read; null otherwise. */
  error: string | null;
}

/** What a handler learned about an entry point it read. */
export interface EntryDetail {
  items?: number;
  newest_item_at?: string | null;
  /** A warning about a page that was read (it listed more than the crawl's URL cap). */
  error?: string | null;
}

/** The latest of some ISO dates, or null. */
export function newestDate(dates: Array<string | null | undefined>): string | null {
  let newest: string | null = null;
  for (const date of dates) if (date && (!newest || date > newest)) newest = date;
  return newest;
}

const HTML_START = /^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|head|body)[\s>]/i;

/**
 * Why a body that should be XML (a feed or sitemap) is not: `served HTML, not a feed (Content-Type: text/html)`
 * for an HTML page (a homepage or error page answered with 200, the silent failure of a wrong or blocked feed
 * URL), `served a non-XML body, …` when it does not start with markup at all; null when it may be XML.
 *
 * @example
 * notXmlReason(Buffer.from('<!DOCTYPE html><html>…'), 'text/html; charset=utf-8', 'feed');
 * // 'served HTML, not a feed (Content-Type: text/html; charset=utf-8)'
 */
export function notXmlReason(body: Buffer, contentType: string | undefined, what: 'feed' | 'sitemap'): string | null {
  if ((body[0] === 0xfe && body[1] === 0xff) || (body[0] === 0xff && body[1] === 0xfe)) return null; // UTF-16: let the parser decide
  const head = body
    .subarray(0, 2048)
    .toString('latin1')
    .replace(/^(\xef\xbb\xbf|\s)+/, '');
  const type = `(Content-Type: ${contentType?.trim() || 'none'})`;
  if (HTML_START.test(head)) return `served HTML, not a ${what} ${type}`;
  if (!head.startsWith('<')) return `served ${head ? 'a non-XML body' : 'an empty body'}, not a ${what} ${type}`;
  return null;
}
