import type { CheerioAPI } from 'cheerio';
import { dateFromUrl, normaliseDate } from './dates.js';
import { firstString, type JsonLdNode, jsonLdName } from './jsonld.js';

const DATE_META = [
  'article:published_time',
  'og:published_time',
  'og:article:published_time',
  'datePublished',
  'pubdate',
  'publishdate',
  'publish-date',
  'publish_date',
  'PublishDate',
  'date',
  'dc.date',
  'DC.date',
  'dc.date.issued',
  'DC.date.issued',
  'dcterms.created',
  'DC.date.created',
  'sailthru.date',
  'parsely-pub-date',
  'article.published',
  'published-date',
  'release_date',
  'mediator_published_time',
  'dateCreated',
  'article:modified_time',
];
const AUTHOR_META = [
  'author',
  'article:author',
  'sailthru.author',
  'parsely-author',
  'dc.creator',
  'DC.creator',
  'byl',
  'mediator_author',
];
const TITLE_SEPARATORS = /\s+[|–—\-:·•»«/\\]+\s+|\s+::\s+/;

const metaCache = new WeakMap<CheerioAPI, Map<string, string>>();

/** Content of the first <meta> whose property, name or itemprop is `key` (one DOM query per page). */
function meta($: CheerioAPI, key: string): string | null {
  let table = metaCache.get($);
  if (!table) {
    table = new Map();
    for (const el of $('meta').toArray()) {
      const attribs = (el as { attribs?: Record<string, string> }).attribs ?? {};
      const content = attribs.content?.trim();
      if (!content) continue;
      for (const name of [attribs.property, attribs.name, attribs.itemprop]) {
        if (name && !table.has(name)) table.set(name, content);
      }
    }
    metaCache.set($, table);
  }
  return table.get(key) ?? null;
}

const squash = (s: string | undefined | null): string => (s ?? '').replace(/\s+/g, ' ').trim();

/** Removes a site-name prefix or suffix from a page title. */
export function stripSiteName(title: string, siteName?: string | null): string {
  let clean = squash(title);
  if (siteName) {
    const name = squash(siteName);
    for (const re of [
      new RegExp(`\\s*[|–—\\-:·•»«]+\\s*${escapeRegExp(name)}\\s*$`, 'i'),
      new RegExp(`^\\s*${escapeRegExp(name)}\\s*[|–—\\-:·•»«]+\\s*`, 'i'),
    ]) {
      clean = clean.replace(re, '');
    }
  }
  const parts = clean
    .split(TITLE_SEPARATORS)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length < 2) return clean;
  const longest = parts.reduce((a, b) => (b.length > a.length ? b : a));
  return longest.split(/\s+/).length >= 3 ? longest : clean;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The headline: og:title, JSON-LD headline, a single <h1>, or <title>, without the site name. */
export function findTitle($: CheerioAPI, jsonLd: JsonLdNode[]): string {
  const siteName = meta($, 'og:site_name');
  const h1 = $('h1');
  const singleH1 = h1.length === 1 ? squash(h1.text()) : '';
  const raw =
    meta($, 'og:title') ??
    meta($, 'twitter:title') ??
    firstString(jsonLd, 'headline') ??
    (singleH1 || null) ??
    squash($('title').first().text());
  const title = stripSiteName(raw ?? '', siteName);
  if (singleH1 && raw?.includes(singleH1) && singleH1.length >= title.length * 0.5) return singleH1;
  return title || singleH1;
}

/** Publication date (ISO 8601) from meta tags, JSON-LD, `<time>` elements, then the URL. */
export function findPublished($: CheerioAPI, jsonLd: JsonLdNode[], url: string): string | null {
  for (const key of DATE_META) {
    const date = normaliseDate(meta($, key));
    if (date) return date;
  }
  for (const key of ['datePublished', 'dateCreated', 'uploadDate', 'dateModified']) {
    const date = normaliseDate(firstString(jsonLd, key));
    if (date) return date;
  }
  const times = $('[itemprop="datePublished"], time[pubdate], time[datetime], [class*="date"] time, time');
  for (const el of times.toArray().slice(0, 10)) {
    const node = $(el);
    const date = normaliseDate(node.attr('datetime') ?? node.attr('content') ?? node.text());
    if (date) return date;
  }
  return dateFromUrl(url);
}

function cleanAuthor(raw: string | null | undefined): string | null {
  const value = squash(raw)
    .replace(/^(by|автор|авторы|author|written by)\s*:?\s+/i, '')
    .trim();
  if (!value || value.length > 120 || /^https?:\/\//.test(value)) return null;
  return value;
}

/** Author name(s) from meta tags, JSON-LD, rel=author links, itemprop=author or a byline element. */
export function findAuthor($: CheerioAPI, jsonLd: JsonLdNode[]): string | null {
  for (const key of AUTHOR_META) {
    const author = cleanAuthor(meta($, key));
    if (author) return author;
  }
  for (const node of jsonLd) {
    const author = cleanAuthor(jsonLdName(node.author ?? node.creator));
    if (author) return author;
  }
  for (const selector of [
    'a[rel~="author"]',
    '[itemprop="author"] [itemprop="name"]',
    '[itemprop="author"]',
    '.byline__name, .author-name, .article-author, .byline, .author',
  ]) {
    const el = $(selector).first();
    const author = cleanAuthor(el.attr('content') ?? el.text());
    if (author) return author;
  }
  return null;
}

/** Absolute canonical URL from link rel=canonical or og:url; null when missing or not http(s). */
export function findCanonical($: CheerioAPI, url: string): string | null {
  for (const href of [$('link[rel~="canonical"]').first().attr('href'), meta($, 'og:url')]) {
    if (!href?.trim()) continue;
    try {
      const absolute = new URL(href.trim(), url);
      if (absolute.protocol === 'http:' || absolute.protocol === 'https:') return absolute.href;
    } catch {
      /* try the next source */
    }
  }
  return null;
}
