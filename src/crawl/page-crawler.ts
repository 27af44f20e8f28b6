import type { IncomingMessage } from 'node:http';
import { CheerioCrawler, type CheerioCrawlingContext } from '@crawlee/cheerio';
import type { CheerioAPI } from 'cheerio';
import { decodeHtml, parseHtml } from '../extract/index.js';
import { binaryReason } from './binary.js';
import { rawBodyOf } from './http-client.js';
import type { Label } from './types.js';

/** The labels whose pages are read as a DOM; the others are read from their raw bytes by Kuzet's own parsers. */
const PARSED: ReadonlySet<Label> = new Set(['ARTICLE']);

const noLinks = async () => ({ processedRequests: [], unprocessedRequests: [] });

/** The page of an ARTICLE request as the crawler parsed it: the decoded HTML and its DOM, or null when not parsed. */
export function parsedPage(ctx: Pick<CheerioCrawlingContext, 'body' | '$'>): { html: string; $: CheerioAPI } | null {
  const $ = ctx.$ as unknown as CheerioAPI | null;
  return $ && typeof ctx.body === 'string' ? { html: ctx.body, $ } : null;
}

/**
 * A CheerioCrawler that parses each page once, the way extraction reads it: an article page's raw bytes are
 * decoded by Kuzet's charset detection (header, BOM, meta, sniffing) and parsed once into the `$` the handler
 * hands to extraction. Nothing else is parsed here: feeds and sitemaps are streamed from their raw bytes through an
 * entry reader (`xml-entries.ts`), where whole-document trees would only take memory, several times the body's size
 * for a long sitemap; listings and channel pages are read from their raw bytes too; error responses and binary
 * bodies are not parsed at all. Crawlee itself would build two trees of every page, from a body decoded without
 * the page's own charset declaration.
 *
 * @example
 * new PageCrawler({ requestHandler: router, httpClient }, config);
 */
export class PageCrawler extends CheerioCrawler {
  protected override async _parseHTML(
    response: IncomingMessage,
    _isXml: boolean,
    ctx: CheerioCrawlingContext,
  ): ReturnType<CheerioCrawler['_parseHTML']> {
    const raw = rawBodyOf(response) ?? Buffer.alloc(0);
    const status = response.statusCode ?? 0;
    const none = { dom: null, $: null, body: raw, enqueueLinks: noLinks } as unknown as Awaited<
      ReturnType<CheerioCrawler['_parseHTML']>
    >;
    if (!PARSED.has(ctx.request.label as Label) || status >= 300 || binaryReason(raw)) return none;
    const type = response.headers['content-type'];
    const body = decodeHtml(raw, Array.isArray(type) ? type[0] : type);
    const $ = parseHtml(body);
    return { dom: $.root()[0], $, body, enqueueLinks: noLinks } as unknown as Awaited<
      ReturnType<CheerioCrawler['_parseHTML']>
    >;
  }
}
