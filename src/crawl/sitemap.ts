import { gunzipSync } from 'node:zlib';
import { absoluteHttpUrl, toIsoDate } from './feed.js';
import { NewestFirst } from './newest.js';
import { readXmlEntries, type XmlEntry } from './xml-entries.js';

export interface SitemapEntry {
  url: string;
  published_at: string | null;
  title: string | null;
}

export interface ParsedSitemap {
  /** Child sitemaps of a sitemap index, newest first (`published_at` is their lastmod). */
  sitemaps: SitemapEntry[];
  /** Page URLs of a urlset, newest first, with Google News publication date and title where given. */
  urls: SitemapEntry[];
  /** Entries the document lists (child sitemaps or page URLs), those past the limits included. */
  listed: number;
  /** The body was cut off; the entry it cut was dropped. */
  truncated: boolean;
}

/** How many entries of a sitemap are kept: the newest ones, undated ones last. */
export interface SitemapLimits {
  maxUrls: number;
  maxSitemaps: number;
}

/** Gunzips a body that starts with the gzip magic bytes (a `.xml.gz` sitemap), at most `maxBytes` out. */
export function maybeGunzip(body: Buffer, maxBytes: number): Buffer {
  if (body[0] !== 0x1f || body[1] !== 0x8b) return body;
  try {
    return gunzipSync(body, { maxOutputLength: maxBytes });
  } catch (err) {
    throw new Error(`cannot gunzip sitemap (${(err as Error).message})`);
  }
}

const SITEMAP_FIELDS = new Set(['loc', 'lastmod', 'news:publication_date', 'news:title']);
const ENTRY_OF: Record<string, string> = { sitemapindex: 'sitemap', urlset: 'url' };

/** The trimmed text of the entry's first element named `name`, at any depth. */
const first = (entry: XmlEntry, name: string): string => entry.fields.find((f) => f.name === name)?.text.trim() ?? '';

/**
 * Reads a sitemap index or urlset (including Google News `news:` extensions), given whole or as decoded
 * pieces (see `xmlChunks`), without building a document tree. Only the newest `limits.maxUrls` page URLs
 * and `limits.maxSitemaps` child sitemaps are kept, so memory stays bounded however long the sitemap is;
 * `listed` counts them all. Throws when the body is neither, so the caller can report it.
 *
 * @example
 * parseSitemap('<urlset><url><loc>https://x.kz/a</loc></url></urlset>', 'https://x.kz/sitemap.xml').urls[0].url; // 'https://x.kz/a'
 */
export function parseSitemap(
  xml: string | Iterable<string>,
  sitemapUrl: string,
  limits: SitemapLimits = { maxUrls: Infinity, maxSitemaps: Infinity },
): ParsedSitemap {
  const sitemaps = new NewestFirst<SitemapEntry>(limits.maxSitemaps);
  const urls = new NewestFirst<SitemapEntry>(limits.maxUrls);
  let index = false;
  const outcome = readXmlEntries(typeof xml === 'string' ? [xml] : xml, {
    fields: SITEMAP_FIELDS,
    onRoot(name) {
      if (!ENTRY_OF[name]) throw new Error(`not a sitemap (root element <${name}>)`);
      index = name === 'sitemapindex';
    },
    isEntry: (name, depth, root) => depth === 1 && name === ENTRY_OF[root],
    onEntry(entry) {
      if (index) {
        const url = absoluteHttpUrl(first(entry, 'loc'), sitemapUrl);
        if (url) sitemaps.offer({ url, published_at: toIsoDate(first(entry, 'lastmod')), title: null });
        return;
      }
      const loc = entry.fields
        .filter((f) => f.depth === 1 && f.name === 'loc')
        .map((f) => f.text)
        .join('');
      const url = absoluteHttpUrl(loc, sitemapUrl);
      if (!url) return;
      const published = first(entry, 'news:publication_date') || first(entry, 'lastmod');
      urls.offer({ url, published_at: toIsoDate(published), title: first(entry, 'news:title') || null });
    },
  });
  if (outcome.root === null) throw new Error('not a sitemap (root element <none>)');
  return {
    sitemaps: sitemaps.sorted(),
    urls: urls.sorted(),
    listed: sitemaps.offered + urls.offered,
    truncated: outcome.truncated,
  };
}
