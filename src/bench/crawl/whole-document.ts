/**
 * The baseline `bench-crawl` measures the streamed sitemap reader against: a sitemap read the way the
 * crawler read it before, as whole documents. Crawlee built two trees of every XML response (an
 * htmlparser2 DOM and a Cheerio document), then the handler built a third with Cheerio and kept every
 * entry it listed, sorted newest first. Kept apart from the crawler, for the benchmark and the test that
 * both readers agree.
 */
import * as cheerio from 'cheerio';
import { parseDocument } from 'htmlparser2';
import { absoluteHttpUrl, toIsoDate } from '../../crawl/feed.js';
import type { SitemapEntry } from '../../crawl/sitemap.js';

/** What Crawlee did with an XML response before any handler ran; returns the trees so they stay alive alike. */
export function crawleeTrees(xml: string): unknown[] {
  return [parseDocument(xml, { decodeEntities: true, xmlMode: true }), cheerio.load(xml, { xml: { xmlMode: true } })];
}

/**
 * Every entry of a sitemap index or urlset, newest first, read from one Cheerio document (the former
 * `parseSitemap`, less its truncation check).
 *
 * @example
 * wholeDocumentSitemap('<urlset><url><loc>/a</loc></url></urlset>', 'https://x.kz/s.xml').urls[0].url; // 'https://x.kz/a'
 */
export function wholeDocumentSitemap(
  xml: string,
  sitemapUrl: string,
): { sitemaps: SitemapEntry[]; urls: SitemapEntry[] } {
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
  const sitemaps: SitemapEntry[] = [];
  const urls: SitemapEntry[] = [];
  if (rootName === 'sitemapindex') {
    root.children('sitemap').each((_, el) => {
      const url = absoluteHttpUrl(child($(el), 'loc'), sitemapUrl);
      if (url) sitemaps.push({ url, published_at: toIsoDate(child($(el), 'lastmod')), title: null });
    });
  } else if (rootName === 'urlset') {
    root.children('url').each((_, el) => {
      const node = $(el);
      const url = absoluteHttpUrl(node.children('loc').text(), sitemapUrl);
      if (!url) return;
      const published = child(node, 'news:publication_date') || child(node, 'lastmod');
      urls.push({ url, published_at: toIsoDate(published), title: child(node, 'news:title') || null });
    });
  } else {
    throw new Error(`not a sitemap (root element <${rootName || 'none'}>)`);
  }
  const newest = (list: SitemapEntry[]) =>
    [...list].sort((a, b) => (b.published_at ?? '').localeCompare(a.published_at ?? ''));
  return { sitemaps: newest(sitemaps), urls: newest(urls) };
}
