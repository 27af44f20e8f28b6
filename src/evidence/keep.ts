/**
 * What the pipeline does with evidence: keeps captures within the configured caps, pins the captures of
 * flagged, edited and deleted items past retention, schedules their re-checks, and marks items gone.
 */
import type { Article, CaptureRef, Source } from '../domain.js';
import type { Logger } from '../log.js';
import type { ArticleStore } from '../store/port.js';
import type { EvidenceStore, FetchedPage } from './port.js';
import { markDeleted } from './revise.js';

export interface EvidenceSettings {
  /** Keep raw pages at all (KUZET_CAPTURE); a source can also turn it off with `capture: false`. */
  capture: boolean;
  /** Bodies larger than this are not kept (the item is still stored). */
  captureMaxBytes: number;
  /** Unpinned captures older than this many days are pruned; 0 keeps them forever. */
  retentionDays: number;
  /** Flagged items are fetched again this long after they were first captured. */
  recheckAfterMs: number[];
}

export const DEFAULT_EVIDENCE_SETTINGS: EvidenceSettings = Object.freeze({
  capture: true,
  captureMaxBytes: 5 * 1024 * 1024,
  retentionDays: 0,
  recheckAfterMs: [86_400_000, 7 * 86_400_000],
});

export interface EvidenceDeps {
  evidence: EvidenceStore;
  settings: EvidenceSettings;
  log: Logger;
}

/** The capture function a crawl of `source` uses, or undefined when its pages are not kept. */
export function captureFor(
  source: Source,
  deps: EvidenceDeps | undefined,
): ((page: FetchedPage) => Promise<CaptureRef | null>) | undefined {
  if (!deps?.settings.capture || source.capture === false) return undefined;
  return async (page) => {
    if (page.body.length > deps.settings.captureMaxBytes) {
      deps.log.info('page not captured: over KUZET_CAPTURE_MAX_BYTES', {
        url: page.url,
        bytes: page.body.length,
        max: deps.settings.captureMaxBytes,
      });
      return null;
    }
    const r = await deps.evidence.putCapture(page);
    return { id: r.id, digest: r.digest, fetched_at: r.fetched_at, status: r.status, url: r.url };
  };
}

const isFlagged = (a: Article | null) => Boolean(a?.classification?.xenophobic);

/**
 * After an article is stored: captures of flagged, edited or deleted items are pinned, and an item that has
 * just become flagged gets its re-checks, counted from its first capture (or fetch).
 */
export async function afterStored(article: Article, previous: Article | null, deps: EvidenceDeps): Promise<void> {
  const keep = isFlagged(article) || Boolean(article.edited_at) || Boolean(article.deleted_at);
  if (keep && article.captures?.length) await deps.evidence.pinCaptures(article.captures.map((c) => c.id));
  if (isFlagged(article) && !isFlagged(previous) && !article.deleted_at) {
    const from = Date.parse(article.captures?.[0]?.fetched_at ?? article.fetched_at);
    const base = Number.isNaN(from) ? Date.now() : from;
    const due = deps.settings.recheckAfterMs.map((ms) => new Date(base + ms).toISOString());
    await deps.evidence.scheduleRechecks(article.id, due);
  }
}

/**
 * Marks stored items deleted (keeping their text, versions and captures); items already marked stay as they
 * were. Returns the ids marked now.
 *
 * @example
 * await markGone(store, evidence, ['tg-id'], 'missing from the channel preview');
 */
export async function markGone(
  store: Pick<ArticleStore, 'getArticle' | 'putArticle'>,
  deps: EvidenceDeps | undefined,
  ids: string[],
  reason: string,
  capture: CaptureRef | null = null,
  at = new Date().toISOString(),
): Promise<string[]> {
  const marked: string[] = [];
  for (const id of ids) {
    const article = await store.getArticle(id);
    if (!article || article.deleted_at) continue;
    const next = markDeleted(article, at, reason, capture);
    await store.putArticle(next);
    if (deps) await afterStored(next, article, deps);
    marked.push(id);
  }
  return marked;
}
