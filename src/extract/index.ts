import { type CheerioAPI, load } from 'cheerio';
import type { Element } from 'domhandler';
import type { Lang } from '../domain.js';
import { extractMainText } from './content.js';
import { normaliseDate } from './dates.js';
import { readJsonLd } from './jsonld.js';
import { detectLanguage } from './language.js';
import { findAuthor, findCanonical, findPublished, findTitle } from './metadata.js';
import { renderText } from './render.js';

export { decodeHtml } from './decode.js';
export { detectLanguage } from './language.js';

/** What the extractor reads from one article page. */
export interface ExtractedArticle {
  title: string;
  /** Main text, paragraphs joined by blank lines. */
  text: string;
  /** ISO 8601, UTC. */
  published_at: string | null;
  author: string | null;
  canonical_url: string | null;
  lang: Lang;
}

/** Per-source CSS selectors; each wins over the generic extractor when it matches. */
export interface ExtractSelectors {
  title?: string;
  body?: string;
  date?: string;
  author?: string;
}

export interface ExtractOptions {
  selectors?: ExtractSelectors;
  /** Expected languages of the source, most likely first; used when the text is too short to tell. */
  langHints?: Lang[];
  /** The page already parsed by `parseHtml(html)` (the crawler parses each page once); it is changed. */
  parsed?: CheerioAPI;
}

const MIN_STRICT_CHARS = 250;
/**
 * Parses a page the way extraction reads it (htmlparser2, entities decoded).
 *
 * @example
 * extractArticle(html, url, { parsed: parseHtml(html) });
 */
export const parseHtml = (html: string): CheerioAPI => load(html, { xml: { xmlMode: false, decodeEntities: true } });
const parse = parseHtml;

function selected($: CheerioAPI, selector: string | undefined): Element[] {
  if (!selector) return [];
  try {
    return $(selector)
      .toArray()
      .filter((el): el is Element => el.type === 'tag');
  } catch {
    return [];
  }
}

function bodyText(html: string, title: string, $: CheerioAPI, selector: string | undefined): string {
  const custom = selected($, selector);
  if (custom.length > 0) {
    $(custom).find('script, style, noscript, template').remove();
    const text = renderText(custom);
    if (text) return text;
  }
  const root = $.root()[0];
  const strict = extractMainText(root, { title, strict: true });
  if (strict.length >= MIN_STRICT_CHARS) return strict;
  const loose = extractMainText(parse(html).root()[0], { title, strict: false });
  return loose.length > strict.length * 1.5 ? loose : strict;
}

/**
 * Extracts the article of an HTML page: headline, main text (boilerplate removed), publication date,
 * author, canonical URL and language. Never throws: unusable input gives empty fields.
 *
 * @example
 * const article = extractArticle(html, 'https://example.kz/news/2024/05/17/zakon');
 * article.title; article.text; article.published_at; // '2024-05-17T00:00:00.000Z' when only the URL has it
 */
export function extractArticle(html: string, url: string, options: ExtractOptions = {}): ExtractedArticle {
  const hints = options.langHints ?? [];
  const empty: ExtractedArticle = {
    title: '',
    text: '',
    published_at: null,
    author: null,
    canonical_url: null,
    lang: hints[0] ?? 'und',
  };
  if (typeof html !== 'string' || html.trim() === '') return empty;
  try {
    const $ = options.parsed ?? parse(html);
    const sel = options.selectors ?? {};
    const jsonLd = readJsonLd($);
    const customTitle = selected($, sel.title)
      .map((el) => $(el).text().replace(/\s+/g, ' ').trim())
      .find(Boolean);
    const title = customTitle ?? findTitle($, jsonLd);
    const customDate = selected($, sel.date)
      .map((el) => normaliseDate($(el).attr('datetime') ?? $(el).attr('content') ?? $(el).text()))
      .find(Boolean);
    const published_at = customDate ?? findPublished($, jsonLd, url);
    const customAuthor = selected($, sel.author)
      .map((el) => $(el).text().replace(/\s+/g, ' ').trim())
      .find(Boolean);
    const author = customAuthor ?? findAuthor($, jsonLd);
    const canonical_url = findCanonical($, url);
    const text = bodyText(html, title, $, sel.body);
    const lang = detectLanguage(`${title}\n${text}`, hints);
    return { title, text, published_at, author, canonical_url, lang };
  } catch {
    return empty;
  }
}
