import { readXmlEntries, type XmlEntry } from './xml-entries.js';

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

/** `href` resolved against `base` when it makes an http(s) URL; null when empty or anything else. */
export function absoluteHttpUrl(href: string | undefined, base: string): string | null {
  if (!href?.trim()) return null;
  try {
    const url = new URL(href.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}

const clean = (text: string | undefined): string | null => text?.replace(/\s+/g, ' ').trim() || null;

/** A parsed feed; when `truncated`, its last (incomplete) item was dropped. */
export interface ParsedFeed {
  /** The first `maxItems` usable items, in the feed's order. */
  items: FeedItem[];
  /** Usable items the feed lists, those past `maxItems` included. */
  listed: number;
  truncated: boolean;
}

const FEED_ROOTS = ['rss', 'feed', 'rdf'];
const FEED_FIELDS = new Set([
  'link',
  'title',
  'guid',
  'author',
  'name',
  'dc:creator',
  'pubdate',
  'published',
  'dc:date',
  'updated',
  'a10:updated',
]);
const DATE_FIELDS = ['pubdate', 'published', 'dc:date', 'updated', 'a10:updated'];

/** The text of the entry's first child named one of `names` (in that order of preference) that has any. */
function pick(entry: XmlEntry, names: string[]): string | undefined {
  for (const name of names) {
    const found = entry.fields.find((f) => f.depth === 1 && f.name === name && f.text.trim());
    if (found) return found.text;
  }
  return undefined;
}

function itemHref(entry: XmlEntry, atom: boolean): string | undefined {
  if (atom) {
    const links = entry.fields.filter((f) => f.depth === 1 && f.name === 'link');
    const alternate = links.find((l) => !l.attribs.rel || l.attribs.rel === 'alternate');
    return (alternate ?? links[0])?.attribs.href;
  }
  const guid = entry.fields.find((f) => f.depth === 1 && f.name === 'guid');
  return (
    pick(entry, ['link']) ??
    entry.attribs['rdf:about'] ??
    (guid?.attribs.ispermalink?.toLowerCase() !== 'false' ? pick(entry, ['guid']) : undefined)
  );
}

function feedItem(entry: XmlEntry, atom: boolean, feedUrl: string): FeedItem | null {
  const url = absoluteHttpUrl(itemHref(entry, atom), feedUrl);
  if (!url) return null;
  const authorName = entry.fields
    .filter((f) => f.name === 'name' && f.depth === 2 && f.parent === 'author')
    .map((f) => f.text)
    .join('');
  return {
    url,
    title: clean(pick(entry, ['title'])),
    published_at: toIsoDate(pick(entry, DATE_FIELDS)),
    author: clean(authorName || pick(entry, ['author', 'dc:creator'])),
  };
}

/**
 * Reads the items of a feed body, given whole or as decoded pieces (see `xmlChunks`), without building a
 * document tree; at most `maxItems` are kept, and `listed` counts them all. Throws when the text is not a
 * feed (no rss, feed or rdf root), so the caller can report it; items without a usable link are dropped,
 * and so is an item cut off by the end of a truncated body (its link may be cut too).
 *
 * @example
 * parseFeed('<rss><channel><item><link>https://x.kz/a</link><title>A</title></item></channel></rss>', 'https://x.kz/rss');
 * // { items: [{ url: 'https://x.kz/a', title: 'A', published_at: null, author: null }], listed: 1, truncated: false }
 */
export function parseFeed(xml: string | Iterable<string>, feedUrl: string, maxItems = Infinity): ParsedFeed {
  const items: FeedItem[] = [];
  let listed = 0;
  let atom = false;
  const outcome = readXmlEntries(typeof xml === 'string' ? [xml] : xml, {
    fields: FEED_FIELDS,
    onRoot(name) {
      const local = name.replace(/^.*:/, '');
      if (!FEED_ROOTS.includes(local)) throw new Error(`not a feed (root element <${local}>)`);
      atom = local === 'feed';
    },
    isEntry: (name, depth) => (atom ? name === 'entry' && depth === 1 : name === 'item'),
    onEntry(entry) {
      const item = feedItem(entry, atom, feedUrl);
      if (!item) return;
      listed++;
      if (items.length < maxItems) items.push(item);
    },
  });
  if (outcome.root === null) throw new Error('not a feed (root element <none>)');
  return { items, listed, truncated: outcome.truncated };
}
