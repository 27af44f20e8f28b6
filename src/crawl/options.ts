/**
 * Crawl settings. Every field has a default; the CLI fills them from environment variables.
 * Times are in milliseconds unless the name says seconds.
 */
export interface CrawlOptions {
  /** Sent as User-Agent on every request and matched against robots.txt groups by its product token. */
  userAgent: string;
  /** Pause between two requests to the same host. */
  perHostDelayMs: number;
  /** Requests in flight at once (a source is usually one host, so this is per host). */
  maxConcurrencyPerHost: number;
  /** Whole-request timeout: connecting, headers and body. */
  requestTimeoutSecs: number;
  /** Retries of a failed request (network errors, timeouts, 5xx); the first try is not counted. */
  maxRetries: number;
  /** First retry waits this long; each further retry doubles it. */
  retryBackoffMs: number;
  /** Bodies larger than this are cut off and the page is skipped. */
  maxResponseBytes: number;
  /** Redirects followed before a page is reported as a redirect loop. */
  maxRedirects: number;
  respectRobotsTxt: boolean;
  /** Where Telegram channel previews are fetched from (`<base>/s/<channel>`). */
  telegramBaseUrl: string;
  /** Older preview pages (`?before=`) fetched after the first one, stopping at posts already stored. */
  telegramBackfillPages: number;
  /** Hard cap on requests in one crawl of one source. */
  maxRequestsPerCrawl: number;
  /**
   * Feed items and sitemap URLs read in one crawl of one source (a source's `max_listed_urls` wins): of a
   * sitemap the newest are kept, of a feed the first; the rest are skipped with a logged reason.
   */
  maxListedUrls: number;
}

/** @example crawlSource(source, { ...deps, options: { ...DEFAULT_CRAWL_OPTIONS, perHostDelayMs: 0 } }) */
export const DEFAULT_CRAWL_OPTIONS: CrawlOptions = Object.freeze({
  userAgent: 'KuzetBot/0.1 (+https://github.com/kuzet/kuzet; media monitoring)',
  perHostDelayMs: 1_000,
  maxConcurrencyPerHost: 2,
  requestTimeoutSecs: 30,
  maxRetries: 2,
  retryBackoffMs: 2_000,
  maxResponseBytes: 10 * 1024 * 1024,
  maxRedirects: 5,
  respectRobotsTxt: true,
  telegramBaseUrl: 'https://t.me',
  telegramBackfillPages: 3,
  maxRequestsPerCrawl: 1_000,
  maxListedUrls: 10_000,
});

/**
 * Fills unset (or undefined) fields from DEFAULT_CRAWL_OPTIONS.
 *
 * @example
 * resolveCrawlOptions({ perHostDelayMs: 250 }).userAgent; // 'KuzetBot/0.1 (+https://github.com/kuzet/kuzet; media monitoring)'
 */
export function resolveCrawlOptions(partial?: Partial<CrawlOptions>): CrawlOptions {
  const merged = { ...DEFAULT_CRAWL_OPTIONS };
  for (const [key, value] of Object.entries(partial ?? {})) {
    if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
  }
  return merged;
}
