import type { CheerioCrawlingContext } from '@crawlee/cheerio';
import { decodeHtml } from '../../extract/decode.js';
import { decodeXml } from '../decode-xml.js';
import { parseFeed } from '../feed.js';
import { rawBodyOf } from '../http-client.js';
import { listingLinks } from '../listing.js';
import type { CrawlRun } from '../run.js';
import { maybeGunzip, parseSitemap } from '../sitemap.js';
import type { RequestData } from '../types.js';

const MAX_CHILD_SITEMAPS = 10;

export function contentTypeOf(ctx: CheerioCrawlingContext): string | undefined {
  const value = ctx.response.headers['content-type'];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Common start of every handler: answers 304 and HTTP errors, and returns the raw body otherwise.
 * Returns null when the request is finished here.
 */
export async function readBody(run: CrawlRun, ctx: CheerioCrawlingContext): Promise<Buffer | null> {
  const { request, response } = ctx;
  const data = request.userData as RequestData;
  const status = response.statusCode ?? 0;
  if (status === 304) {
    run.log.debug('not modified', { url: request.url });
    run.entryDone(request, null);
    await run.tree.finish(data.key, true);
    return null;
  }
  if (status >= 400) {
    const reason = `HTTP ${status}; skipped`;
    run.error(request.url, reason);
    run.entryDone(request, reason);
    await run.tree.finish(data.key, status === 404 || status === 410);
    return null;
  }
  return rawBodyOf(response) ?? Buffer.alloc(0);
}

function rememberValidators(run: CrawlRun, ctx: CheerioCrawlingContext): void {
  const headers = ctx.response.headers;
  const etag = headers.etag ? String(headers.etag) : undefined;
  const lastModified = headers['last-modified'] ? String(headers['last-modified']) : undefined;
  if (etag || lastModified)
    run.validators.set((ctx.request.userData as RequestData).key, { etag, last_modified: lastModified });
}

async function skipMalformed(run: CrawlRun, ctx: CheerioCrawlingContext, what: string, err: unknown): Promise<void> {
  const reason = `malformed ${what} (${(err as Error).message}); skipped`;
  run.error(ctx.request.url, reason);
  run.entryDone(ctx.request, reason);
  await run.tree.finish((ctx.request.userData as RequestData).key, false);
}

function noteTruncated(run: CrawlRun, ctx: CheerioCrawlingContext, complete: number): void {
  run.error(
    ctx.request.url,
    `truncated (no closing root tag); the ${complete} complete entries are used, the cut-off one is skipped`,
  );
  run.tree.fail((ctx.request.userData as RequestData).key);
}

/** FEED: RSS 2.0, RSS 1.0 (RDF) or Atom; its items become ARTICLE requests with feed title/date as hints. */
export async function handleFeed(run: CrawlRun, ctx: CheerioCrawlingContext): Promise<void> {
  const raw = await readBody(run, ctx);
  if (!raw) return;
  const { key } = ctx.request.userData as RequestData;
  let feed: ReturnType<typeof parseFeed>;
  try {
    feed = parseFeed(decodeXml(raw, contentTypeOf(ctx)), ctx.request.loadedUrl ?? ctx.request.url);
  } catch (err) {
    return skipMalformed(run, ctx, 'feed', err);
  }
  if (feed.truncated) noteTruncated(run, ctx, feed.items.length);
  else rememberValidators(run, ctx);
  await run.enqueueArticles(
    key,
    feed.items.map((item) => ({
      url: item.url,
      hint: { title: item.title, published_at: item.published_at, author: item.author },
    })),
  );
  run.entryDone(ctx.request, null);
  await run.tree.finish(key, true);
}

/** SITEMAP: index → the most recent child sitemaps; urlset / news sitemap → ARTICLE requests, newest first. */
export async function handleSitemap(run: CrawlRun, ctx: CheerioCrawlingContext): Promise<void> {
  const raw = await readBody(run, ctx);
  if (!raw) return;
  const { key } = ctx.request.userData as RequestData;
  let parsed: ReturnType<typeof parseSitemap>;
  try {
    const xml = decodeXml(maybeGunzip(raw, run.options.maxResponseBytes), contentTypeOf(ctx));
    parsed = parseSitemap(xml, ctx.request.loadedUrl ?? ctx.request.url);
  } catch (err) {
    return skipMalformed(run, ctx, 'sitemap', err);
  }
  if (parsed.truncated) noteTruncated(run, ctx, parsed.urls.length + parsed.sitemaps.length);
  else rememberValidators(run, ctx);
  const newest = <T extends { published_at: string | null }>(list: T[]) =>
    [...list].sort((a, b) => (b.published_at ?? '').localeCompare(a.published_at ?? ''));
  for (const child of newest(parsed.sitemaps).slice(0, MAX_CHILD_SITEMAPS)) {
    await run.enqueuePage(child.url, 'SITEMAP', key);
  }
  await run.enqueueArticles(
    key,
    newest(parsed.urls).map((entry) => ({
      url: entry.url,
      hint: { title: entry.title, published_at: entry.published_at },
    })),
  );
  run.entryDone(ctx.request, null);
  await run.tree.finish(key, true);
}

/** LISTING: follows article links (by article_url_pattern, or same-host links that look like articles). */
export async function handleListing(run: CrawlRun, ctx: CheerioCrawlingContext): Promise<void> {
  const raw = await readBody(run, ctx);
  if (!raw) return;
  const { key } = ctx.request.userData as RequestData;
  const pattern = run.source.article_url_pattern ? new RegExp(run.source.article_url_pattern) : undefined;
  const links = listingLinks(decodeHtml(raw, contentTypeOf(ctx)), ctx.request.loadedUrl ?? ctx.request.url, pattern);
  if (links.length === 0) run.error(ctx.request.url, 'listing page has no article links; check article_url_pattern');
  await run.enqueueArticles(
    key,
    links.map((url) => ({ url })),
  );
  run.entryDone(ctx.request, null);
  await run.tree.finish(key, true);
}
