/** Atom 1.0 and RSS 2.0 documents for a saved search: the newest matching articles with why each was flagged. */
import type { Article } from '../domain.js';
import { labelsOf, whyFlagged } from '../present/why.js';

export type FeedFormat = 'atom' | 'rss';

export interface FeedInput {
  /** Title of the feed, e.g. the query and filters in words. */
  title: string;
  /** This feed's own URL (Atom `rel="self"`, the feed id). */
  selfUrl: string;
  /** The same search in the web UI. */
  webUrl: string;
  /** Base URL of this Kuzet instance, for links to article pages. */
  baseUrl: string;
  /** Newest first. */
  articles: Article[];
  /** Used as the feed's updated time when there are no articles. */
  now: Date;
}

const SUMMARY_CHARS = 400;
/** Characters XML 1.0 does not allow, which crawled text may still carry (control characters, lone surrogates). */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * Text made safe for XML element content and attribute values.
 *
 * @example
 * xmlText('a < b & "c"\u0007'); // 'a &lt; b &amp; &quot;c&quot;'
 */
export function xmlText(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const dateOf = (a: Article) => a.published_at ?? a.fetched_at;
const titleOf = (a: Article) => a.title.trim() || `${a.text.trim().slice(0, 80)}…`;
const pageOf = (baseUrl: string, a: Article) => `${baseUrl}/articles/${encodeURIComponent(a.id)}`;

function summaryOf(a: Article): string {
  const text = a.text.replace(/\s+/g, ' ').trim();
  const excerpt = text.length > SUMMARY_CHARS ? `${text.slice(0, SUMMARY_CHARS)}…` : text;
  return `${whyFlagged(a.classification)}\n\n${excerpt}`;
}

function categories(a: Article): string[] {
  const c = a.classification;
  return [...labelsOf(c), ...(c?.targets ?? []).map((t) => `target:${t}`)];
}

function atom(input: FeedInput): string {
  const updated = input.articles.length ? dateOf(input.articles[0]) : input.now.toISOString();
  const entries = input.articles.map((a) => {
    const cats = categories(a)
      .map((term) => `<category term="${xmlText(term)}"/>`)
      .join('');
    return [
      '<entry>',
      `<id>urn:kuzet:article:${xmlText(a.id)}</id>`,
      `<title>${xmlText(titleOf(a))}</title>`,
      `<link rel="alternate" href="${xmlText(a.url)}"/>`,
      `<link rel="related" href="${xmlText(pageOf(input.baseUrl, a))}"/>`,
      a.published_at ? `<published>${xmlText(a.published_at)}</published>` : '',
      `<updated>${xmlText(dateOf(a))}</updated>`,
      `<author><name>${xmlText(a.source_id)}</name></author>`,
      cats,
      `<summary type="text">${xmlText(summaryOf(a))}</summary>`,
      '</entry>',
    ].join('');
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `<id>${xmlText(input.selfUrl)}</id>`,
    `<title>${xmlText(input.title)}</title>`,
    `<updated>${xmlText(updated)}</updated>`,
    `<link rel="self" type="application/atom+xml" href="${xmlText(input.selfUrl)}"/>`,
    `<link rel="alternate" type="text/html" href="${xmlText(input.webUrl)}"/>`,
    '<generator>Kuzet</generator>',
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}

const rfc822 = (iso: string) => new Date(iso).toUTCString();

function rss(input: FeedInput): string {
  const items = input.articles.map((a) =>
    [
      '<item>',
      `<title>${xmlText(titleOf(a))}</title>`,
      `<link>${xmlText(a.url)}</link>`,
      `<guid isPermaLink="false">urn:kuzet:article:${xmlText(a.id)}</guid>`,
      `<pubDate>${xmlText(rfc822(dateOf(a)))}</pubDate>`,
      `<source url="${xmlText(input.selfUrl)}">${xmlText(a.source_id)}</source>`,
      categories(a)
        .map((term) => `<category>${xmlText(term)}</category>`)
        .join(''),
      `<description>${xmlText(summaryOf(a))}</description>`,
      '</item>',
    ].join(''),
  );
  const updated = input.articles.length ? dateOf(input.articles[0]) : input.now.toISOString();
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    '<channel>',
    `<title>${xmlText(input.title)}</title>`,
    `<link>${xmlText(input.webUrl)}</link>`,
    `<description>${xmlText(input.title)}</description>`,
    `<lastBuildDate>${xmlText(rfc822(updated))}</lastBuildDate>`,
    `<atom:link rel="self" type="application/rss+xml" href="${xmlText(input.selfUrl)}"/>`,
    '<generator>Kuzet</generator>',
    ...items,
    '</channel>',
    '</rss>',
    '',
  ].join('\n');
}

/**
 * Renders a saved search's newest articles as an Atom or RSS document. Each entry links to the article and to its
 * page in Kuzet, carries the labels and target groups as categories, and says why it was flagged.
 *
 * @example
 * renderFeed('atom', { title: 'Kuzet: xenophobic', selfUrl, webUrl, baseUrl, articles, now: new Date() });
 */
export function renderFeed(format: FeedFormat, input: FeedInput): string {
  return format === 'atom' ? atom(input) : rss(input);
}
