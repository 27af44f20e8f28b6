import { randomUUID } from 'node:crypto';
import {
  type CheerioCrawler,
  type CheerioCrawlingContext,
  Configuration,
  createCheerioRouter,
  RequestQueue,
} from '@crawlee/cheerio';
import type { Source } from '../domain.js';
import { logger } from '../log.js';
import { crawleeLog } from './crawlee-log.js';
import { handleArticle } from './handlers/article.js';
import { contentTypeOf, handleFeed, handleListing, handleSitemap } from './handlers/pages.js';
import { handleTelegram, telegramPageUrl } from './handlers/telegram.js';
import { sharedHostPacer } from './host-pacer.js';
import { CappedHttpClient, rawBodyOf } from './http-client.js';
import { type CrawlOptions, resolveCrawlOptions } from './options.js';
import { PageCrawler } from './page-crawler.js';
import { RobotsCache } from './robots.js';
import { CrawlRun, stateKey, type Validators } from './run.js';
import type { CrawlDeps, CrawlReport, RequestData } from './types.js';

export type { EntryPointReport } from './entry-points.js';
export { type CrawlOptions, DEFAULT_CRAWL_OPTIONS, resolveCrawlOptions } from './options.js';
export type { CrawlDeps, CrawlReport } from './types.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function buildRouter(run: CrawlRun) {
  const router = createCheerioRouter();
  router.addHandler('FEED', (ctx) => handleFeed(run, ctx));
  router.addHandler('SITEMAP', (ctx) => handleSitemap(run, ctx));
  router.addHandler('LISTING', (ctx) => handleListing(run, ctx));
  router.addHandler('ARTICLE', (ctx) => handleArticle(run, ctx));
  router.addHandler('TELEGRAM', (ctx) => handleTelegram(run, ctx));
  return router;
}

async function conditionalHeaders(run: CrawlRun, url: string): Promise<Record<string, string>> {
  const saved = await run.deps.state.getState(stateKey(url)).catch(() => null);
  if (!saved) return {};
  try {
    const v = JSON.parse(saved) as Validators;
    return {
      ...(v.etag ? { 'if-none-match': v.etag } : {}),
      ...(v.last_modified ? { 'if-modified-since': v.last_modified } : {}),
    };
  } catch {
    return {};
  }
}

function buildCrawler(
  run: CrawlRun,
  options: CrawlOptions,
  queue: RequestQueue,
  config: Configuration,
  httpClient: CappedHttpClient,
) {
  const pacer = sharedHostPacer(options.perHostDelayMs);
  return new PageCrawler(
    {
      requestQueue: queue,
      requestHandler: buildRouter(run),
      httpClient,
      useSessionPool: false,
      persistCookiesPerSession: false,
      additionalMimeTypes: ['*/*'],
      forceResponseEncoding: 'utf8',
      minConcurrency: options.maxConcurrencyPerHost,
      maxConcurrency: options.maxConcurrencyPerHost,
      maxRequestRetries: options.maxRetries,
      maxRequestsPerCrawl: options.maxRequestsPerCrawl,
      navigationTimeoutSecs: options.requestTimeoutSecs,
      requestHandlerTimeoutSecs: Math.max(60, options.requestTimeoutSecs * 2),
      statusMessageLoggingInterval: 3600,
      log: crawleeLog(run.log),
      autoscaledPoolOptions: { maybeRunIntervalSecs: 0.05, loggingIntervalSecs: null },
      preNavigationHooks: [
        async ({ request }, gotOptions) => {
          if (request.retryCount > 0) await sleep(options.retryBackoffMs * 2 ** (request.retryCount - 1));
          await pacer.wait(request.url);
          if (request.label === 'FEED' || request.label === 'SITEMAP') {
            gotOptions.headers = { ...gotOptions.headers, ...(await conditionalHeaders(run, request.url)) };
          }
        },
      ],
      failedRequestHandler: async ({ request, response }: CheerioCrawlingContext, error: Error) => {
        if (response?.statusCode) run.entryResponse(request, response.statusCode, contentTypeOf({ response }));
        const reason = `${error.message.split('\n')[0]}${request.retryCount ? ` (after ${request.retryCount} retries)` : ''}`;
        run.error(request.url, reason);
        run.entryDone(request, reason);
        await run.tree.finish((request.userData as RequestData).key, false);
      },
    },
    config,
  );
}

function entryPoints(
  source: Source,
  options: CrawlOptions,
): Array<{ url: string; label: 'FEED' | 'SITEMAP' | 'LISTING' | 'TELEGRAM' }> {
  if (source.kind === 'telegram') {
    return source.channel ? [{ url: telegramPageUrl(options.telegramBaseUrl, source.channel), label: 'TELEGRAM' }] : [];
  }
  return [
    ...source.feeds.map((url) => ({ url, label: 'FEED' as const })),
    ...source.sitemaps.map((url) => ({ url, label: 'SITEMAP' as const })),
    ...source.listings.map((url) => ({ url, label: 'LISTING' as const })),
  ];
}

/**
 * Crawls one source once: its feeds, sitemaps and listing pages (news) or its channel preview
 * (telegram). Only items not stored yet are fetched; each new document goes to `deps.emit`. Every run
 * has its own in-memory Crawlee storage, so runs never remember each other; what carries over lives in
 * `deps.state` (ETag/Last-Modified per feed and sitemap, stored ids). Never throws for a bad page: the
 * problems are in `report.errors`, and `report.ok` is false only when no entry point could be read.
 *
 * @example
 * const report = await crawlSource(source, { state: store, emit: (doc) => pipeline.push(doc) });
 * if (!report.ok) log.warn('source failed', { errors: report.errors });
 */
export async function crawlSource(source: Source, deps: CrawlDeps): Promise<CrawlReport> {
  const startedAt = Date.now();
  const options = resolveCrawlOptions(deps.options);
  const log = deps.log ?? logger('crawl');
  const userAgent = source.user_agent ?? options.userAgent;
  const httpClient = new CappedHttpClient({
    userAgent,
    maxResponseBytes: options.maxResponseBytes,
    maxRedirects: options.maxRedirects,
    timeoutMs: options.requestTimeoutSecs * 1000,
  });
  const fetchText = async (url: string) => {
    const response = await httpClient.stream({ url, method: 'GET', headers: {} });
    return { status: response.statusCode, text: (rawBodyOf(response.stream) ?? Buffer.alloc(0)).toString('utf8') };
  };
  const robots = options.respectRobotsTxt
    ? new RobotsCache(fetchText, userAgent, (origin, reason) => {
        run.robotsUnreadable.add(origin);
        log.warn('robots.txt problem', { origin, reason });
      })
    : null;
  const run = new CrawlRun(source, deps, options, log, robots);
  const config = new Configuration({
    persistStorage: false,
    purgeOnStart: false,
    storageClientOptions: { persistStorage: false, writeMetadata: false },
  });
  let queue: RequestQueue | undefined;
  const onAbort = () => {
    run.aborted = true;
    crawler?.stop('crawl aborted');
  };
  let crawler: CheerioCrawler | undefined;
  try {
    queue = await RequestQueue.open(`kuzet-${source.id}-${randomUUID()}`, { config });
    crawler = buildCrawler(run, options, queue, config, httpClient);
    const target = crawler;
    run.add = async (requests) => {
      await target.addRequests(requests);
    };
    if (deps.signal?.aborted) onAbort();
    deps.signal?.addEventListener('abort', onAbort, { once: true });
    for (const entry of entryPoints(source, options)) {
      if (run.aborted) break;
      await run.enqueuePage(entry.url, entry.label, undefined, true);
    }
    if (!run.aborted) await crawler.run();
  } catch (err) {
    run.error(source.id, `crawl stopped: ${(err as Error).message}`);
  } finally {
    await run.settled();
    deps.signal?.removeEventListener('abort', onAbort);
    await crawler?.teardown().catch(() => {});
    await queue?.drop().catch(() => {});
  }
  return run.report(startedAt);
}
