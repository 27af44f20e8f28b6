import type { Classifier } from '../classify/index.js';
import { type CrawlOptions, type CrawlReport, crawlSource } from '../crawl/index.js';
import { documentKey } from '../dedupe/canonical-url.js';
import type { CrawledDocument, Source } from '../domain.js';
import type { Logger } from '../log.js';
import type { JobQueues, QueueWorker } from '../queue/port.js';
import type { ArticleStore } from '../store/port.js';
import { processDocument } from './process-document.js';

/** The pipeline, declared in one place: queue names and what each carries. */
export const QUEUES = {
  /** `{ source_id }`: crawl one source once. */
  crawl: 'crawl',
  /** A CrawledDocument: dedupe, classify and store it. */
  documents: 'documents',
} as const;

/** Longest a crawl may hold its source's lease; a worker that dies frees it after this. */
const CRAWL_LEASE_MS = 2 * 60 * 60 * 1000;

export interface CrawlJob {
  source_id: string;
}

export interface StageDeps {
  store: ArticleStore;
  classifier: Classifier;
  queues: JobQueues;
  sources: () => Map<string, Source>;
  crawlOptions?: Partial<CrawlOptions>;
  log: Logger;
  /**
   * Where crawled documents go. `queue` enqueues them durably for the document workers
   * (distributed mode, Redis); `inline` processes each before the crawler moves on, so a
   * document is stored before the crawl records it as seen (embedded mode, no durable queue).
   */
  documents: 'queue' | 'inline';
  /** Aborted on shutdown: crawls in progress stop taking new pages and finish quickly. */
  signal?: AbortSignal;
}

function countryOf(deps: StageDeps) {
  return (sourceId: string) => deps.sources().get(sourceId)?.country ?? null;
}

/** Process one crawled document: the `documents` stage. */
export function handleDocument(deps: StageDeps) {
  return async (doc: CrawledDocument) => {
    await processDocument(doc, { store: deps.store, classifier: deps.classifier, countryOf: countryOf(deps) });
  };
}

/** Crawl one source and record its health: the `crawl` stage. */
export async function runCrawl(source: Source, deps: StageDeps): Promise<CrawlReport> {
  const processInline = handleDocument(deps);
  const emit =
    deps.documents === 'inline'
      ? processInline
      : (doc: CrawledDocument) =>
          deps.queues.add(QUEUES.documents, doc, {
            jobId: documentKey(doc.url),
            attempts: 5,
          });
  const started = new Date().toISOString();
  let report: CrawlReport;
  try {
    report = await crawlSource(source, {
      state: deps.store,
      emit,
      options: deps.crawlOptions,
      log: deps.log,
      signal: deps.signal,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    report = { source_id: source.id, ok: false, items_found: 0, items_new: 0, errors: [message], duration_ms: 0 };
  }
  await deps.store.recordHealth({
    source_id: source.id,
    at: started,
    ok: report.ok,
    items_found: report.items_found,
    items_new: report.items_new,
    error: report.ok ? undefined : report.errors.slice(0, 3).join('; ') || 'crawl failed',
  });
  const level = report.ok ? 'info' : 'warn';
  deps.log[level]('crawl finished', {
    source: source.id,
    ok: report.ok,
    found: report.items_found,
    new: report.items_new,
    errors: report.errors.slice(0, 5),
  });
  return report;
}

/** Start the workers of both stages on the queue backend. */
export function startWorkers(deps: StageDeps, concurrency: number): QueueWorker[] {
  const crawlWorker = deps.queues.work<CrawlJob>(
    QUEUES.crawl,
    async ({ source_id }) => {
      const source = deps.sources().get(source_id);
      if (!source) {
        deps.log.warn('crawl job for an unknown source skipped', { source: source_id });
        return;
      }
      // A crawl that outlasts its schedule slot must not run twice at once, in any worker process.
      const release = await deps.queues.lease(`crawl:${source_id}`, CRAWL_LEASE_MS);
      if (!release) {
        deps.log.info('crawl skipped: the previous crawl of this source is still running', { source: source_id });
        return;
      }
      try {
        await runCrawl(source, deps);
      } finally {
        await release();
      }
    },
    { concurrency },
  );
  const workers = [crawlWorker];
  if (deps.documents === 'queue') {
    workers.push(deps.queues.work<CrawledDocument>(QUEUES.documents, handleDocument(deps), { concurrency }));
  }
  return workers;
}
