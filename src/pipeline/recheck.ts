/**
 * The `rechecks` stage: a flagged item is fetched again (by default 1 and 7 days after it was first captured)
 * to see whether it was deleted or edited at its source. The answer is captured like any crawled page.
 */

import { flatHeaders } from '../crawl/capture.js';
import { telegramPageUrl } from '../crawl/handlers/telegram.js';
import { CappedHttpClient, rawBodyOf } from '../crawl/http-client.js';
import { type CrawlOptions, resolveCrawlOptions } from '../crawl/index.js';
import { parseTelegramPage } from '../crawl/telegram.js';
import type { Article, CaptureRef, Source } from '../domain.js';
import { afterStored, captureFor, type EvidenceDeps, markGone } from '../evidence/keep.js';
import type { FetchedPage } from '../evidence/port.js';
import { decodeHtml } from '../extract/index.js';
import type { JobQueues } from '../queue/port.js';
import { processDocument } from './process-document.js';
import { readAgain } from './read-again.js';
import type { StageDeps } from './stages.js';

export const RECHECK_QUEUE = 'rechecks';

export interface RecheckJob {
  article_id: string;
  due_at: string;
}

const GONE = new Set([404, 410]);

async function fetchPage(url: string, source: Source, options: CrawlOptions): Promise<FetchedPage> {
  const client = new CappedHttpClient({
    userAgent: options.userAgent,
    maxResponseBytes: options.maxResponseBytes,
    maxRedirects: options.maxRedirects,
    timeoutMs: options.requestTimeoutSecs * 1000,
  });
  const response = await client.stream({ url, method: 'GET', headers: {} });
  return {
    url,
    final_url: String(response.url ?? url),
    status: response.statusCode,
    headers: flatHeaders(response.headers as Record<string, unknown>),
    body: rawBodyOf(response.stream) ?? Buffer.alloc(0),
    fetched_at: new Date().toISOString(),
    source_id: source.id,
  };
}

/** Whether a preview page fetched for a post covers the post's place in the channel (so its absence means gone). */
function pageCovers(article: Article, page: FetchedPage): boolean {
  const meta = article.telegram;
  if (!meta) return false;
  const ids = parseTelegramPage(decodeHtml(page.body, page.headers['content-type']), meta.channel).map(
    (p) => p.post_id,
  );
  return ids.some((id) => id < meta.post_id);
}

/**
 * Fetches one flagged item again: 404 or 410 (or a post gone from its place in the channel) marks it deleted,
 * a different text keeps the old one as a version, the same text adds the new capture. Network errors, 429 and
 * 5xx throw, so the queue retries.
 */
export function handleRecheck(deps: StageDeps) {
  return async (job: RecheckJob) => {
    const evidence = deps.evidence as EvidenceDeps;
    const article = await deps.store.getArticle(job.article_id);
    const source = article ? deps.sources().get(article.source_id) : undefined;
    if (!article || !source || article.deleted_at) {
      await evidence.evidence.finishRecheck(job.article_id, job.due_at);
      return;
    }
    const options = resolveCrawlOptions(deps.crawlOptions);
    const url =
      article.kind === 'telegram_post' && article.telegram
        ? telegramPageUrl(options.telegramBaseUrl, article.telegram.channel, article.telegram.post_id + 1)
        : article.url;
    const page = await fetchPage(url, source, options);
    if (page.status === 429 || page.status >= 500) throw new Error(`re-check of ${url}: HTTP ${page.status}; retried`);
    const keep = captureFor(source, evidence);
    const capture: CaptureRef | null = keep ? await keep(page) : null;
    if (GONE.has(page.status)) {
      await markGone(deps.store, evidence, [article.id], `HTTP ${page.status}`, capture);
    } else if (page.status >= 200 && page.status < 300) {
      const doc = readAgain(article, source, page);
      if (doc) {
        const { article: stored, previous } = await processDocument(
          { ...doc, capture },
          {
            store: deps.store,
            classifier: deps.classifier,
            countryOf: (id) => deps.sources().get(id)?.country ?? null,
          },
        );
        await afterStored(stored, previous, evidence);
      } else if (article.kind === 'telegram_post' && pageCovers(article, page)) {
        await markGone(deps.store, evidence, [article.id], 'missing from the channel preview', capture);
      }
    } else {
      deps.log.info('re-check answered neither the page nor 404/410; left as it was', { url, status: page.status });
    }
    await evidence.evidence.finishRecheck(job.article_id, job.due_at);
    deps.log.info('re-checked', { article_id: article.id, url, status: page.status });
  };
}

/**
 * Enqueues the re-checks that are due: the scheduler's part. Job ids name article and due time, so several
 * schedulers enqueue each once.
 *
 * @example
 * await enqueueDueRechecks(queues, evidence.evidence);
 */
export async function enqueueDueRechecks(
  queues: JobQueues,
  evidence: EvidenceDeps['evidence'],
  now = new Date(),
): Promise<number> {
  const due = await evidence.dueRechecks(now.toISOString(), 500);
  for (const job of due) {
    await queues.add<RecheckJob>(RECHECK_QUEUE, job, {
      jobId: `recheck.${job.article_id}.${Date.parse(job.due_at)}`,
      attempts: 5,
    });
  }
  return due.length;
}

/** Runs `enqueueDueRechecks` every `tickMs` (and prunes captures past retention once a day). */
export function startRecheckScheduler(deps: StageDeps, tickMs = 60_000): () => void {
  const evidence = deps.evidence;
  if (!evidence) return () => {};
  let lastPrune = 0;
  const tick = async () => {
    try {
      await enqueueDueRechecks(deps.queues, evidence.evidence);
      const days = evidence.settings.retentionDays;
      if (days > 0 && Date.now() - lastPrune > 86_400_000) {
        lastPrune = Date.now();
        const pruned = await evidence.evidence.pruneCaptures(new Date(Date.now() - days * 86_400_000).toISOString());
        deps.log.info('captures pruned past retention', { days, ...pruned });
      }
    } catch (error) {
      deps.log.error('scheduling re-checks failed; retrying next tick', { error: String(error) });
    }
  };
  void tick();
  const timer = setInterval(tick, tickMs);
  return () => clearInterval(timer);
}
