/** Atom 1.0 and RSS 2.0 documents: a saved search's newest articles, or spikes in flagged coverage. */
import type { Article } from '../domain.js';
import { escapeHtml } from '../present/html.js';
import { labelsOf, type UiLang, whyFlagged } from '../present/why.js';

export type FeedFormat = 'atom' | 'rss';

/** One feed entry: an article, or a spike in flagged coverage. */
export interface FeedEntry {
  /** A URN that never changes for the same thing. */
  id: string;
  title: string;
  /** Where the entry points (the article, or the search that shows the spike). */
  link: string;
  /** Kuzet's own page for it, when there is one. */
  related?: string;
  published?: string;
  updated: string;
  author: string;
  categories: string[];
  /** Plain text. */
  summary: string;
}

export interface FeedInput {
  /** Title of the feed, e.g. the query and filters in words. */
  title: string;
  /** This feed's own URL (Atom `rel="self"`, the feed id). */
  selfUrl: string;
  /** The same selection in the web UI. */
  webUrl: string;
  /** Newest first. */
  entries: FeedEntry[];
  /** The feed's updated time when there are no entries (keep it stable between polls: it is part of the ETag). */
  emptySince: string;
}

const SUMMARY_CHARS = 400;
const TITLE_CHARS = 100;
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

/**
 * An article as a feed entry: linked to the original and to its Kuzet page, its labels and target groups as
 * categories, and a summary that starts with why it was flagged.
 *
 * @example
 * articleEntry(article, 'https://kuzet.example.org').categories; // ['xenophobic', 'target:tajik']
 */
export function articleEntry(a: Article, baseUrl: string, ui: UiLang = 'en'): FeedEntry {
  const c = a.classification;
  const text = a.text.replace(/\s+/g, ' ').trim();
  const cut = (max: number) => (text.length > max ? `${text.slice(0, max)}…` : text);
  return {
    id: `urn:kuzet:article:${a.id}`,
    title: a.title.replace(/\s+/g, ' ').trim() || cut(TITLE_CHARS) || a.url,
    link: a.url,
    related: `${baseUrl}/articles/${encodeURIComponent(a.id)}`,
    ...(a.published_at ? { published: a.published_at } : {}),
    updated: a.published_at ?? a.fetched_at,
    author: a.source_id,
    categories: [...labelsOf(c), ...(c?.targets ?? []).map((t) => `target:${t}`)],
    summary: `${whyFlagged(c, ui)}\n\n${cut(SUMMARY_CHARS)}`,
  };
}

const updatedOf = (input: FeedInput) => input.entries[0]?.updated ?? input.emptySince;
/** RSS readers render titles and descriptions as HTML: crawled text is escaped as HTML, then as XML. */
const rssHtml = (text: string) => xmlText(escapeHtml(text).replace(/\n/g, '<br>'));

function atom(input: FeedInput): string {
  const entries = input.entries.map((e) =>
    [
      '<entry>',
      `<id>${xmlText(e.id)}</id>`,
      `<title>${xmlText(e.title)}</title>`,
      `<link rel="alternate" href="${xmlText(e.link)}"/>`,
      e.related ? `<link rel="related" href="${xmlText(e.related)}"/>` : '',
      e.published ? `<published>${xmlText(e.published)}</published>` : '',
      `<updated>${xmlText(e.updated)}</updated>`,
      `<author><name>${xmlText(e.author)}</name></author>`,
      e.categories.map((term) => `<category term="${xmlText(term)}"/>`).join(''),
      `<summary type="text">${xmlText(e.summary)}</summary>`,
      '</entry>',
    ].join(''),
  );
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `<id>${xmlText(input.selfUrl)}</id>`,
    `<title>${xmlText(input.title)}</title>`,
    `<updated>${xmlText(updatedOf(input))}</updated>`,
    `<link rel="self" type="application/atom+xml" href="${xmlText(input.selfUrl)}"/>`,
    `<link rel="alternate" type="text/html" href="${xmlText(input.webUrl)}"/>`,
    '<author><name>Kuzet</name></author>',
    '<generator>Kuzet</generator>',
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}

const rfc822 = (iso: string) => new Date(iso).toUTCString();

function rss(input: FeedInput): string {
  const items = input.entries.map((e) =>
    [
      '<item>',
      `<title>${rssHtml(e.title)}</title>`,
      `<link>${xmlText(e.link)}</link>`,
      `<guid isPermaLink="false">${xmlText(e.id)}</guid>`,
      `<pubDate>${xmlText(rfc822(e.updated))}</pubDate>`,
      `<dc:creator>${xmlText(e.author)}</dc:creator>`,
      e.categories.map((term) => `<category>${xmlText(term)}</category>`).join(''),
      `<description>${rssHtml(e.summary)}</description>`,
      '</item>',
    ].join(''),
  );
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '<channel>',
    `<title>${rssHtml(input.title)}</title>`,
    `<link>${xmlText(input.webUrl)}</link>`,
    `<description>${rssHtml(input.title)}</description>`,
    `<lastBuildDate>${xmlText(rfc822(updatedOf(input)))}</lastBuildDate>`,
    `<atom:link rel="self" type="application/rss+xml" href="${xmlText(input.selfUrl)}"/>`,
    '<generator>Kuzet</generator>',
    ...items,
    '</channel>',
    '</rss>',
    '',
  ].join('\n');
}

/**
 * Renders entries, newest first, as an Atom 1.0 or RSS 2.0 document.
 *
 * @example
 * renderFeed('atom', { title: 'Kuzet: label=xenophobic', selfUrl, webUrl, entries, emptySince: '2025-03-01T00:00:00Z' });
 */
export function renderFeed(format: FeedFormat, input: FeedInput): string {
  return format === 'atom' ? atom(input) : rss(input);
}
