import * as cheerio from 'cheerio';

const NOT_ARTICLE =
  /\/(tag|tags|category|categories|rubric|author|authors|page|search|login|register|about|contacts?|advert|reklama|subscribe|rss|feed|video|photo|gallery|archive)(\/|$)|\.(jpe?g|png|gif|webp|svg|pdf|zip|mp3|mp4|css|js|xml)$/i;

/**
 * Whether a same-site link looks like an article rather than a section page: a numeric id, a dated
 * path, a long slug or an `.html` page, and none of the usual navigation paths.
 *
 * @example
 * looksLikeArticle(new URL('https://x.kz/news/2024/05/01/migranty-zakon')); // true
 * looksLikeArticle(new URL('https://x.kz/tag/migration')); // false
 */
export function looksLikeArticle(url: URL): boolean {
  const path = url.pathname;
  if (path === '/' || NOT_ARTICLE.test(path)) return false;
  const segments = path.split('/').filter(Boolean);
  const last = segments[segments.length - 1] ?? '';
  return (
    /\d{4,}/.test(path) ||
    /\.s?html?$/.test(last) ||
    last.split('-').length >= 4 ||
    (segments.length >= 2 && last.length >= 25)
  );
}

/**
 * Article links of a listing page: with `pattern`, the links whose absolute URL matches it; without,
 * the same-host links that look like articles. Returned once each, in page order.
 */
export function listingLinks(html: string, pageUrl: string, pattern?: RegExp): string[] {
  const $ = cheerio.load(html);
  let base: URL;
  try {
    base = new URL($('base[href]').attr('href') ?? pageUrl, pageUrl);
  } catch {
    base = new URL(pageUrl);
  }
  const page = new URL(pageUrl);
  const found = new Set<string>();
  $('a[href]').each((_, a) => {
    let url: URL;
    try {
      url = new URL($(a).attr('href') ?? '', base);
    } catch {
      return;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return;
    url.hash = '';
    const href = url.toString();
    if (href === page.toString()) return;
    const keep = pattern
      ? pattern.test(href)
      : url.hostname.replace(/^www\./, '') === page.hostname.replace(/^www\./, '') && looksLikeArticle(url);
    if (keep) found.add(href);
  });
  return [...found];
}
