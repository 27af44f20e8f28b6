import type { Config } from '../config.js';
import type { CrawlOptions } from '../crawl/options.js';

/** The crawl settings the configuration sets; the rest keep their defaults. */
export function crawlOptionsFrom(config: Config): Partial<CrawlOptions> {
  const options: Partial<CrawlOptions> = {};
  if (config.userAgent) options.userAgent = config.userAgent;
  if (config.perHostDelayMs !== undefined) options.perHostDelayMs = config.perHostDelayMs;
  if (config.requestTimeoutSecs !== undefined) options.requestTimeoutSecs = config.requestTimeoutSecs;
  if (config.maxResponseBytes !== undefined) options.maxResponseBytes = config.maxResponseBytes;
  if (config.maxListedUrls !== undefined) options.maxListedUrls = config.maxListedUrls;
  if (config.telegramBaseUrl) options.telegramBaseUrl = config.telegramBaseUrl;
  return options;
}
