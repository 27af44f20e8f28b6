import type { CheerioCrawlingContext } from '@crawlee/cheerio';
import { decodeHtml } from '../../extract/decode.js';
import { xmlChunks } from '../decode-xml.js';
import { newestDate, notXmlReason } from '../entry-points.js';
import { parseFeed } from '../feed.js';
import { rawBodyOf } from '../http-client.js';
import { listingLinks } from '../listing.js';
import type { CrawlRun } from '../run.js';
import { maybeGunzip, parseSitemap } from '../sitemap.js';
import type { RequestData } from '../types.js';

const MAX_CHILD_SITEMAPS = 10;

export function contentTypeOf(ctx: Pick<CheerioCrawlingContext, 'response'>): string | undefined {
  const value = ctx.response?.headers['content-type'];
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
  run.entryResponse(request, status, contentTypeOf(ctx));
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

/** Ends a feed or sitemap request that yielded nothing usable: reported, and a failed entry point. */
async function failPage(run: CrawlRun, ctx: CheerioCrawlingContext, reason: string): Promise<void> {
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
  const notXml = notXmlReason(raw, contentTypeOf(ctx), 'feed');
  if (notXml) return failPage(run, ctx, notXml);
  let feed: ReturnType<typeof parseFeed>;
  try {
    feed = parseFeed(xmlChunks(raw, contentTypeOf(ctx)), ctx.request.loadedUrl ?? ctx.request.url, run.listedLeft);
  } catch (err) {
    return failPage(run, ctx, `malformed feed (${(err as Error).message}); skipped`);
  }
  if (feed.listed === 0 && !feed.truncated) return failPage(run, ctx, 'feed parsed but has no items');
  const capped = run.takeListed(ctx.request.url, feed.listed, feed.items.length);
  // A capped feed or sitemap keeps no validators: a 304 next time would hide what this crawl left unread.
  if (feed.truncated) noteTruncated(run, ctx, feed.items.length);
  else if (!capped) rememberValidators(run, ctx);
  await run.enqueueArticles(
    key,
    feed.items.map((item) => ({
      url: item.url,
      hint: { title: item.title, published_at: item.published_at, author: item.author },
    })),
  );
  run.entryDone(ctx.request, null, {
    items: feed.listed,
    newest_item_at: newestDate(feed.items.map((i) => i.published_at)),
    ...(capped ? { error: capped } : {}),
  });
  await run.tree.finish(key, true);
}

/** SITEMAP: index → the most recent child sitemaps; urlset / news sitemap → ARTICLE requests, newest first. */
export async function handleSitemap(run: CrawlRun, ctx: CheerioCrawlingContext): Promise<void> {
  const raw = await readBody(run, ctx);
  if (!raw) return;
  const { key } = ctx.request.userData as RequestData;
  let parsed: ReturnType<typeof parseSitemap>;
  try {
    const body = maybeGunzip(raw, run.options.maxResponseBytes);
    const notXml = notXmlReason(body, contentTypeOf(ctx), 'sitemap');
    if (notXml) return failPage(run, ctx, notXml);
    parsed = parseSitemap(xmlChunks(body, contentTypeOf(ctx)), ctx.request.loadedUrl ?? ctx.request.url, {
      maxUrls: run.listedLeft,
      maxSitemaps: MAX_CHILD_SITEMAPS,
    });
  } catch (err) {
    return failPage(run, ctx, `malformed sitemap (${(err as Error).message}); skipped`);
  }
  if (parsed.listed === 0 && !parsed.truncated) return failPage(run, ctx, 'sitemap parsed but lists no URLs');
  // Child sitemaps past the newest MAX_CHILD_SITEMAPS are left for later crawls; only page URLs count against the cap.
  const capped = parsed.sitemaps.length ? null : run.takeListed(ctx.request.url, parsed.listed, parsed.urls.length);
  if (parsed.truncated) noteTruncated(run, ctx, parsed.urls.length + parsed.sitemaps.length);
  else if (!capped) rememberValidators(run, ctx);
  for (const child of parsed.sitemaps) await run.enqueuePage(child.url, 'SITEMAP', key);
  await run.enqueueArticles(
    key,
    parsed.urls.map((entry) => ({
      url: entry.url,
      hint: { title: entry.title, published_at: entry.published_at },
    })),
  );
  run.entryDone(ctx.request, null, {
    items: parsed.listed,
    newest_item_at: newestDate([...parsed.sitemaps, ...parsed.urls].map((e) => e.published_at)),
    ...(capped ? { error: capped } : {}),
  });
  await run.tree.finish(key, true);
}

/** LISTING: follows article links (by article_url_pattern, or same-host links that look like articles). */
export async function handleListing(run: CrawlRun, ctx: CheerioCrawlingContext): Promise<void> {
  const raw = await readBody(run, ctx);
  if (!raw) return;
  const { key } = ctx.request.userData as RequestData;
  const pattern = run.source.article_url_pattern ? new RegExp(run.source.article_url_pattern) : undefined;
  const links = listingLinks(decodeHtml(raw, contentTypeOf(ctx)), ctx.request.loadedUrl ?? ctx.request.url, pattern);
  if (links.length === 0) return failPage(run, ctx, 'listing page has no article links; check article_url_pattern');
  await run.enqueueArticles(
    key,
    links.map((url) => ({ url })),
  );
  run.entryDone(ctx.request, null, { items: links.length });
  await run.tree.finish(key, true);
}
