import * as cheerio from 'cheerio';
import type { AnyNode } from 'domhandler';

/** One entry of an RSS 2.0, RSS 1.0 (RDF) or Atom feed. */
export interface FeedItem {
  url: string;
  title: string | null;
  published_at: string | null;
  author: string | null;
}

/** Parses a feed date (RFC 822, ISO 8601) to ISO 8601 UTC, or null. */
export function toIsoDate(text: string | undefined | null): string | null {
  const value = text?.trim();
  if (!value) return null;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return null;
  const date = new Date(ms);
  return date.getUTCFullYear() >= 1990 && date.getUTCFullYear() <= 2100 ? date.toISOString() : null;
}

function resolve(href: string | undefined, base: string): string | null {
  if (!href?.trim()) return null;
  try {
    const url = new URL(href.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}

const clean = (text: string | undefined): string | null => text?.replace(/\s+/g, ' ').trim() || null;

/** True when an XML document does not end with the closing tag of its root (a cut-off download). */
export function isTruncatedXml(xml: string, rootTagName: string): boolean {
  const name = rootTagName.replace(/[^\w:.-]/g, '');
  return !new RegExp(`</\\s*${name}\\s*>\\s*$`, 'i').test(xml.trimEnd());
}

/** A parsed feed; when `truncated`, its last (incomplete) item was dropped. */
export interface ParsedFeed {
  items: FeedItem[];
  truncated: boolean;
}

/**
 * Reads the items of a feed body. Throws when the text is not a feed (no rss, feed or rdf root), so the
 * caller can report it; items without a usable link are dropped, and so is the last item of a feed cut
 * off mid-way (its link may be cut too).
 *
 * @example
 * parseFeed('<rss><channel><item><link>https://x.kz/a</link><title>A</title></item></channel></rss>', 'https://x.kz/rss');
 * // { items: [{ url: 'https://x.kz/a', title: 'A', published_at: null, author: null }], truncated: false }
 */
export function parseFeed(xml: string, feedUrl: string): ParsedFeed {
  const $ = cheerio.load(xml, { xml: { xmlMode: true, decodeEntities: true } });
  const root = $.root()
    .children()
    .filter((_, el) => el.type === 'tag')
    .first();
  const rootName = (root.prop('tagName') ?? '').toLowerCase().replace(/^.*:/, '');
  if (!['rss', 'feed', 'rdf'].includes(rootName)) {
    throw new Error(`not a feed (root element <${rootName || 'none'}>)`);
  }
  const pick = (item: cheerio.Cheerio<AnyNode>, names: string[]): string | undefined => {
    for (const name of names) {
      const found = item
        .children()
        .filter((_, el) => el.type === 'tag' && el.tagName.toLowerCase() === name)
        .first();
      if (found.length && found.text().trim()) return found.text();
    }
    return undefined;
  };
  const items: FeedItem[] = [];
  const entries = rootName === 'feed' ? root.children('entry') : $('item');
  entries.each((_, node) => {
    const item = $(node);
    let href: string | undefined;
    if (rootName === 'feed') {
      const links = item.children('link');
      const alternate = links.filter((_, l) => !$(l).attr('rel') || $(l).attr('rel') === 'alternate').first();
      href = (alternate.length ? alternate : links.first()).attr('href');
    } else {
      href =
        pick(item, ['link']) ??
        item.attr('rdf:about') ??
        (item.children('guid').attr('ispermalink') !== 'false' ? pick(item, ['guid']) : undefined);
    }
    const url = resolve(href, feedUrl);
    if (!url) return;
    const authorNode = item.children('author');
    const author = clean(authorNode.children('name').text() || pick(item, ['author', 'dc:creator']));
    items.push({
      url,
      title: clean(pick(item, ['title'])),
      published_at: toIsoDate(pick(item, ['pubdate', 'published', 'dc:date', 'updated', 'a10:updated'])),
      author,
    });
  });
  const truncated = isTruncatedXml(xml, root.prop('tagName') ?? rootName);
  if (truncated) items.pop();
  return { items, truncated };
}
