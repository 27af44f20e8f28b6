import type { CaptureRef, CrawledDocument } from '../domain.js';
import type { FetchedPage } from '../evidence/port.js';
import type { Logger } from '../log.js';
import type { ArticleStore } from '../store/port.js';
import type { EntryPointReport } from './entry-points.js';
import type { CrawlOptions } from './options.js';

/** What a crawl needs from the outside world. */
export interface CrawlDeps {
  /** Conditional-GET validators (`http:<url>`) and the ids of documents already stored. */
  state: Pick<ArticleStore, 'getState' | 'setState' | 'existingIds'> & Partial<Pick<ArticleStore, 'getArticle'>>;
  /** Hands one document on; resolves once it is durably accepted (stored or enqueued). A rejection is retried. */
  emit(doc: CrawledDocument): Promise<void>;
  options?: Partial<CrawlOptions>;
  log?: Logger;
  /** Stops the crawl: requests in flight finish without emitting, nothing new starts. */
  signal?: AbortSignal;
  /** Fetch each entry point once and report on it; follow and emit nothing (`kuzet sources check`). */
  checkOnly?: boolean;
  /**
   * Keeps a page as served before any document read from it is emitted; resolves to its reference, or null
   * when it is not kept (capture off, over the size cap). Absent: nothing is kept.
   */
  capture?: (page: FetchedPage) => Promise<CaptureRef | null>;
  /**
   * Stored items found gone at their source (posts missing from a re-fetched range of their channel), with the
   * capture of the page that shows it.
   */
  gone?: (urls: string[], reason: string, capture: CaptureRef | null) => Promise<void>;
}

/** The outcome of crawling one source once. */
export interface CrawlReport {
  source_id: string;
  /** False when no entry point (feed, sitemap, listing, channel page) could be read. */
  ok: boolean;
  /** Distinct article URLs or posts seen in feeds, sitemaps, listings and channel pages. */
  items_found: number;
  /** Documents emitted in this run. */
  items_new: number;
  /** One line per problem, `<url>: <what happened>`. */
  errors: string[];
  /** Each feed, sitemap, listing and channel page of the source: status, Content-Type, items, newest date. */
  entry_points: EntryPointReport[];
  duration_ms: number;
  /** Set when the crawl was stopped before it finished (shutdown, a lost lease): why. */
  cut_short?: string;
  /** Set when an entry point listed more feed items or sitemap URLs than the crawl's cap: where, and how many. */
  capped?: string;
}

export const LABELS = {
  FEED: 'FEED',
  SITEMAP: 'SITEMAP',
  LISTING: 'LISTING',
  ARTICLE: 'ARTICLE',
  TELEGRAM: 'TELEGRAM',
} as const;
export type Label = keyof typeof LABELS;

/** Hints an article page falls back on when its own markup lacks them (from feeds and news sitemaps). */
export interface ItemHint {
  title?: string | null;
  published_at?: string | null;
  author?: string | null;
}

export interface RequestData {
  /** Node key in the run's completion tree. */
  key: string;
  /** Set on the source's entry points (feeds, sitemaps, listings, first channel page). */
  entry?: boolean;
  hint?: ItemHint;
  /** Telegram preview page number, 0 for the newest. */
  page?: number;
  /** TELEGRAM: the history gap (see telegram-gaps.ts) this page is filling; absent for the newest posts. */
  gap?: number;
}
