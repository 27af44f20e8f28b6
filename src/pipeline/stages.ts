import type { Webhook } from '../alerts/webhooks/config.js';
import { deliverWebhook, WebhookRejected } from '../alerts/webhooks/deliver.js';
import { articleMatcher } from '../alerts/webhooks/match.js';
import { webhookPayload } from '../alerts/webhooks/payload.js';
import type { Classifier } from '../classify/index.js';
import { type CrawlOptions, type CrawlReport, crawlSource } from '../crawl/index.js';
import { documentKey } from '../dedupe/canonical-url.js';
import { contentHash } from '../dedupe/content-hash.js';
import type { Article, CrawledDocument, Source } from '../domain.js';
import { afterStored, captureFor, type EvidenceDeps, markGone } from '../evidence/keep.js';
import type { Logger } from '../log.js';
import type { JobQueues, QueueWorker } from '../queue/port.js';
import type { ArticleStore } from '../store/port.js';
import { noteAnswer } from './answers.js';
import { batcher } from './batch.js';
import { processDocuments } from './process-document.js';
import { handleRecheck, RECHECK_QUEUE, type RecheckJob } from './recheck.js';

/** The pipeline, declared in one place: queue names and what each carries. */
export const QUEUES = {
  /** `{ source_id }`: crawl one source once. */
  crawl: 'crawl',
  /** A CrawledDocument: dedupe, classify and store it. */
  documents: 'documents',
  /** `{ webhook_id, article_id }`: deliver one stored article to one webhook whose search it matches. */
  webhooks: 'webhooks',
  /** `{ article_id, due_at }`: fetch a flagged item again to see whether it was deleted or edited. */
  rechecks: RECHECK_QUEUE,
} as const;

/** Attempts of one webhook delivery (backoff doubles from the queue's base delay between them). */
const WEBHOOK_ATTEMPTS = 8;

export interface WebhookJob {
  webhook_id: string;
  article_id: string;
}

/** The job id of a delivery, also sent as X-Kuzet-Delivery (webhook ids hold no '.'). */
const deliveryId = (job: WebhookJob) => `${job.webhook_id}.${job.article_id}`;

/** Default lease of a crawl on its source, renewed by heartbeat; a worker that dies frees it after this. */
export const CRAWL_LEASE_MS = 30_000;

export interface CrawlJob {
  source_id: string;
  /** Set on the one follow-up of a job that found its source leased. */
  retry?: boolean;
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
  /** Lease of a crawl on its source in ms (`KUZET_LEASE_MS`, default 30 s), renewed every third of it. */
  leaseMs?: number;
  /** Webhook subscriptions (KUZET_WEBHOOKS_FILE) and how to reach them. */
  webhooks?: { hooks: Webhook[]; allowPrivate: boolean; publicUrl: string | null };
  /** Captures, re-checks and their settings; absent, nothing is captured or re-checked. */
  evidence?: EvidenceDeps;
}

function countryOf(deps: StageDeps) {
  return (sourceId: string) => deps.sources().get(sourceId)?.country ?? null;
}

/**
 * Process one crawled document: the `documents` stage. A webhook job for every saved search the article matches is
 * queued before the article is stored, so a crash in between loses no delivery (the document is processed again).
 */
export function handleDocument(deps: StageDeps) {
  const many = handleDocuments(deps);
  return (doc: CrawledDocument) => many([doc]);
}

/** The `documents` stage for a batch: stored in one write where the store can. */
export function handleDocuments(deps: StageDeps) {
  return async (docs: CrawledDocument[]) => {
    const processed = await processDocuments(docs, {
      store: deps.store,
      classifier: deps.classifier,
      countryOf: countryOf(deps),
      beforeStore: (article) => enqueueWebhooks(article, deps),
    });
    if (deps.evidence)
      for (const { article, previous } of processed) await afterStored(article, previous, deps.evidence);
  };
}

/** One job per matching webhook, keyed by webhook and article: a document processed again is not sent again. */
async function enqueueWebhooks(article: Article, deps: StageDeps): Promise<void> {
  const matches = articleMatcher(article);
  for (const hook of deps.webhooks?.hooks ?? []) {
    if (!matches(hook.query, hook.filters)) continue;
    const job: WebhookJob = { webhook_id: hook.id, article_id: article.id };
    await deps.queues.add(QUEUES.webhooks, job, { jobId: deliveryId(job), attempts: WEBHOOK_ATTEMPTS });
  }
}

/**
 * Deliver one article to one webhook: the `webhooks` stage. A refused delivery is logged and dropped; a failed
 * attempt is logged and thrown, so the queue retries it with backoff.
 */
export function handleWebhook(deps: StageDeps) {
  const hooks = new Map((deps.webhooks?.hooks ?? []).map((h) => [h.id, h]));
  return async (job: WebhookJob) => {
    const { webhook_id, article_id } = job;
    const hook = hooks.get(webhook_id);
    // Unknown here (another worker's file, mid-deploy) or not stored yet (queued just before storing): try later.
    if (!hook) throw new Error(`webhook ${webhook_id} is not in this worker's KUZET_WEBHOOKS_FILE`);
    const article = await deps.store.getArticle(article_id);
    if (!article) throw new Error(`article ${article_id} for webhook ${webhook_id} is not stored yet`);
    const id = deliveryId(job);
    const body = JSON.stringify(webhookPayload(hook, article, id, deps.webhooks?.publicUrl ?? null));
    try {
      const status = await deliverWebhook(hook, body, { deliveryId: id, allowPrivate: deps.webhooks?.allowPrivate });
      deps.log.info('webhook delivered', { webhook: hook.id, article_id, status });
    } catch (error) {
      const reason = (error as Error).message;
      if (error instanceof WebhookRejected) {
        deps.log.warn('webhook refused; not retried', { webhook: hook.id, article_id, reason });
        return;
      }
      deps.log.warn('webhook attempt failed; the queue retries it with backoff', {
        webhook: hook.id,
        article_id,
        reason,
      });
      throw error;
    }
  };
}

/** The webhook delivery worker, when there are webhooks. */
export function startWebhookWorker(deps: StageDeps, concurrency: number): QueueWorker | null {
  if (!deps.webhooks?.hooks.length) return null;
  return deps.queues.work<WebhookJob>(QUEUES.webhooks, handleWebhook(deps), { concurrency });
}

/** Why `signal` was aborted, in words. */
function abortReason(signal: AbortSignal): string {
  const reason = signal.reason as unknown;
  if (reason instanceof Error && reason.name !== 'AbortError') return reason.message;
  return typeof reason === 'string' ? reason : 'shutdown';
}

/**
 * Crawl one source and record its health: the `crawl` stage. The health shows the crawl in progress
 * from its start; a crawl stopped by `deps.signal` (shutdown, a lost lease) is recorded as cut short.
 */
export async function runCrawl(source: Source, deps: StageDeps): Promise<CrawlReport> {
  // Inline, the documents of the pages that finish within 200 ms are stored in one transaction (full-text indexing
  // costs far less per document in larger writes); each emit still resolves only once its document is stored.
  const processInline = batcher(handleDocuments(deps), { windowMs: 200, maxBatch: 128 });
  const emit =
    deps.documents === 'inline'
      ? processInline
      : (doc: CrawledDocument) =>
          deps.queues.add(QUEUES.documents, doc, {
            // The text's hash keeps an edited version of a stored item from being taken for a retry of the first.
            jobId: `${documentKey(doc.url)}.${contentHash(`${doc.title}\n${doc.text}`).slice(0, 12)}`,
            attempts: 5,
          });
  const started = new Date().toISOString();
  const counts = { ok: false, items_found: 0, items_new: 0 };
  await deps.store.recordHealth({ source_id: source.id, at: started, event: 'started', ...counts });
  deps.log.info('crawl started', { source: source.id });
  let report: CrawlReport;
  try {
    report = await crawlSource(source, {
      state: deps.store,
      emit,
      options: deps.crawlOptions,
      log: deps.log,
      signal: deps.signal,
      capture: captureFor(source, deps.evidence),
      gone: async (urls, reason, capture) => {
        await markGone(deps.store, deps.evidence, urls.map(documentKey), reason, capture);
      },
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    report = {
      source_id: source.id,
      ok: false,
      items_found: 0,
      items_new: 0,
      errors: [message],
      entry_points: [],
      duration_ms: 0,
    };
  }
  if (deps.signal?.aborted) report.cut_short = abortReason(deps.signal);
  await deps.store.recordHealth({
    source_id: source.id,
    at: started,
    ...(report.cut_short ? { event: 'cut_short' as const } : {}),
    ok: report.ok,
    items_found: report.items_found,
    items_new: report.items_new,
    ...(report.capped ? { note: report.capped } : {}),
    error: report.cut_short
      ? `cut short: ${report.cut_short}`
      : report.ok
        ? undefined
        : report.errors.slice(0, 3).join('; ') || 'crawl failed',
  });
  const level = report.ok && !report.cut_short ? 'info' : 'warn';
  deps.log[level](report.cut_short ? 'crawl cut short' : 'crawl finished', {
    source: source.id,
    ok: report.ok,
    found: report.items_found,
    new: report.items_new,
    errors: report.errors.slice(0, 5),
    ...(report.cut_short ? { cut_short: report.cut_short } : {}),
    ...(report.capped ? { capped: report.capped } : {}),
  });
  return report;
}

/**
 * The `crawl` stage's job: crawl a source under its lease, so one source is crawled by one worker at a
 * time. The lease is renewed while the crawl runs and released on every exit; a crawl whose lease is lost
 * (its worker stalled past the lease, Redis lost the key) stops. A job that finds the source leased is
 * recorded as skipped in the source's health and tried once more after a lease period, so the source of a
 * worker that died is crawled again within about a minute.
 */
export function handleCrawl(deps: StageDeps) {
  const leaseMs = deps.leaseMs ?? CRAWL_LEASE_MS;
  return async ({ source_id, retry }: CrawlJob) => {
    const source = deps.sources().get(source_id);
    if (!source) {
      deps.log.warn('crawl job for an unknown source skipped', { source: source_id });
      return;
    }
    if (deps.signal?.aborted) throw new Error('shutting down: the crawl is left for another worker');
    const lease = await deps.queues.lease(`crawl:${source_id}`, leaseMs);
    if (!lease) {
      const note = retry
        ? 'another crawl of this source is still running after a lease period; skipped until the next slot'
        : `another crawl of this source is running; trying again in ${Math.round((2 * leaseMs) / 1000)} s`;
      deps.log.warn('crawl skipped', { source: source_id, reason: note });
      await deps.store.recordHealth({
        source_id,
        at: new Date().toISOString(),
        event: 'skipped',
        ok: false,
        items_found: 0,
        items_new: 0,
        error: note,
      });
      if (!retry) {
        await deps.queues.add<CrawlJob>(
          QUEUES.crawl,
          { source_id, retry: true },
          { jobId: `crawl-${source_id}-retry-${Math.floor(Date.now() / leaseMs)}`, delayMs: 2 * leaseMs },
        );
      }
      return;
    }
    const signal = deps.signal ? AbortSignal.any([deps.signal, lease.lost]) : lease.lost;
    try {
      const report = await runCrawl(source, { ...deps, signal });
      if (!report.cut_short) noteAnswer(deps, source.id, report.ok, deps.sources(), deps.log);
    } finally {
      await lease.release();
    }
  };
}

/** Start the workers of both stages on the queue backend. */
export function startWorkers(deps: StageDeps, concurrency: number): QueueWorker[] {
  const crawlWorker = deps.queues.work<CrawlJob>(QUEUES.crawl, handleCrawl(deps), { concurrency });
  const workers = [crawlWorker];
  if (deps.documents === 'queue') {
    workers.push(deps.queues.work<CrawledDocument>(QUEUES.documents, handleDocument(deps), { concurrency }));
  }
  const webhooks = startWebhookWorker(deps, concurrency);
  if (webhooks) workers.push(webhooks);
  if (deps.evidence) workers.push(deps.queues.work<RecheckJob>(QUEUES.rechecks, handleRecheck(deps), { concurrency }));
  return workers;
}
