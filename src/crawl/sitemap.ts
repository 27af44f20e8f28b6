import { gunzipSync } from 'node:zlib';
import * as cheerio from 'cheerio';
import { isTruncatedXml, toIsoDate } from './feed.js';

export interface SitemapEntry {
  url: string;
  published_at: string | null;
  title: string | null;
}

export interface ParsedSitemap {
  /** Child sitemaps of a sitemap index (`published_at` is their lastmod). */
  sitemaps: SitemapEntry[];
  /** Page URLs of a urlset, with Google News publication date and title where given. */
  urls: SitemapEntry[];
  /** The body was cut off; the last entry was dropped. */
  truncated: boolean;
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

function absolute(href: string, base: string): string | null {
  try {
    const url = new URL(href.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}

/**
 * Reads a sitemap index or urlset (including Google News `news:` extensions). Throws when the body is
 * neither, so the caller can report it.
 *
 * @example
 * parseSitemap('<urlset><url><loc>https://x.kz/a</loc></url></urlset>', 'https://x.kz/sitemap.xml').urls[0].url; // 'https://x.kz/a'
 */
export function parseSitemap(xml: string, sitemapUrl: string): ParsedSitemap {
  const $ = cheerio.load(xml, { xml: { xmlMode: true } });
  const root = $.root()
    .children()
    .filter((_, el) => el.type === 'tag')
    .first();
  const rootName = (root.prop('tagName') ?? '').toLowerCase();
  const child = (node: cheerio.Cheerio<never> | ReturnType<typeof $>, name: string) =>
    node
      .find('*')
      .filter((_, el) => el.type === 'tag' && el.tagName.toLowerCase() === name)
      .first()
      .text()
      .trim();
  if (rootName === 'sitemapindex') {
    const sitemaps: SitemapEntry[] = [];
    root.children('sitemap').each((_, el) => {
      const url = absolute(child($(el), 'loc'), sitemapUrl);
      if (url) sitemaps.push({ url, published_at: toIsoDate(child($(el), 'lastmod')), title: null });
    });
    const truncated = isTruncatedXml(xml, 'sitemapindex');
    if (truncated) sitemaps.pop();
    return { sitemaps, urls: [], truncated };
  }
  if (rootName === 'urlset') {
    const urls: SitemapEntry[] = [];
    root.children('url').each((_, el) => {
      const node = $(el);
      const url = absolute(node.children('loc').text(), sitemapUrl);
      if (!url) return;
      const published = child(node, 'news:publication_date') || child(node, 'lastmod');
      urls.push({ url, published_at: toIsoDate(published), title: child(node, 'news:title') || null });
    });
    const truncated = isTruncatedXml(xml, 'urlset');
    if (truncated) urls.pop();
    return { sitemaps: [], urls, truncated };
  }
  throw new Error(`not a sitemap (root element <${rootName || 'none'}>)`);
}
