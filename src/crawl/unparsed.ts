import type { IncomingMessage } from 'node:http';
import { CheerioCrawler, type CheerioCrawlingContext } from '@crawlee/cheerio';

/** Labels whose handlers read only the raw bytes (`rawBodyOf`), never `ctx.$` or `ctx.body`. */
const RAW_ONLY = new Set(['FEED', 'SITEMAP']);

const noLinks = async () => ({ processedRequests: [], unprocessedRequests: [] });

/**
 * A CheerioCrawler that does not parse feed and sitemap responses: their handlers stream the raw bytes
 * through an entry reader (`xml-entries.ts`), so the two whole-document trees Crawlee builds for every
 * HTML or XML response (an htmlparser2 DOM and a Cheerio document) would only take memory, several times
 * the body's size for a long sitemap.
 *
 * @example
 * new FeedSparingCrawler({ requestHandler: router, httpClient }, config);
 */
export class FeedSparingCrawler extends CheerioCrawler {
  protected override async _parseHTML(response: IncomingMessage, isXml: boolean, context: CheerioCrawlingContext) {
    if (!RAW_ONLY.has(context.request.label ?? '')) return super._parseHTML(response, isXml, context);
    const unparsed = { body: '', enqueueLinks: noLinks };
    return unparsed as unknown as Awaited<ReturnType<CheerioCrawler['_parseHTML']>>;
  }
}
