/**
 * The review queue: what a reviewer should look at next, most useful first. Items other reviewers disagree on come
 * first (a third opinion), then items already assigned to this reviewer, then, mixed by usefulness, machine scores
 * near the thresholds, a second opinion on items one other person reviewed (for agreement), and the random stream
 * sample (see sample.ts), which includes unflagged articles: the only way to see what the classifier misses.
 */
import type { Article, Label } from '../domain.js';
import type { SearchFilters } from '../search/query.js';
import type { ArticleStore } from '../store/port.js';
import { allReviews } from './load.js';
import { inStreamSample, sampleKey } from './sample.js';
import { byArticle, humanVerdict, latestPerReviewer } from './verdict.js';

export type QueueReason = 'disagreement' | 'assigned' | 'near_threshold' | 'second_opinion' | 'stream_sample';

export interface QueueItem {
  article: Article;
  reason: QueueReason;
  /** Lower is more useful. */
  priority: number;
}

/** Reviewers per article: two, so that agreement can be measured; a third only where the two disagree. */
export const REVIEW_SLOTS = 2;
/** Newest articles matching the filters that the queue looks through. */
const POOL = 500;

/** Distance of the nearest machine score to its threshold (0 on the threshold, 1 when unclassified). */
export function thresholdDistance(a: Article, thresholds: Partial<Record<Label, number>>): number {
  const c = a.classification;
  if (!c) return 1;
  const x = Math.abs(c.xenophobia_score - (thresholds.xenophobic ?? 0.5));
  const m = Math.abs(c.migration_policy_score - (thresholds.migration_policy ?? 0.5));
  return Math.min(x, m);
}

async function articlesMatching(store: ArticleStore, filters: SearchFilters, limit: number): Promise<Article[]> {
  const out: Article[] = [];
  let cursor: string | undefined;
  while (out.length < limit) {
    const page = await store.search({
      query: null,
      filters,
      sort: 'date',
      collapse: true,
      size: 100,
      facets: false,
      ...(cursor ? { cursor } : {}),
    });
    out.push(...page.hits.map((h) => h.article));
    if (!page.next_cursor) break;
    cursor = page.next_cursor;
  }
  return out.slice(0, limit);
}

/**
 * The queue of one reviewer: never an article they reviewed, never one whose review slots others hold.
 *
 * @example
 * const items = await reviewQueue(store, 'dana', { langs: ['kk'] }, { xenophobic: 0.35 }, 20);
 */
export async function reviewQueue(
  store: ArticleStore,
  reviewerId: string,
  filters: SearchFilters,
  thresholds: Partial<Record<Label, number>>,
  size: number,
): Promise<QueueItem[]> {
  const reviews = byArticle(await allReviews(store));
  const disputed = [...reviews]
    .filter(([, rs]) => {
      const latest = latestPerReviewer(rs);
      return (
        humanVerdict(rs)?.reviewers_disagree &&
        latest.length <= REVIEW_SLOTS &&
        !latest.some((r) => r.reviewer_id === reviewerId)
      );
    })
    .map(([id]) => id);
  const pool = await articlesMatching(store, filters, POOL);
  const extra = disputed.length ? await articlesMatching(store, { ...filters, ids: disputed }, disputed.length) : [];
  const articles = new Map([...extra, ...pool].map((a) => [a.id, a]));
  const assignments = await store.assignmentsOf([...articles.keys()]);
  const holders = new Map<string, string[]>();
  for (const a of assignments) holders.set(a.article_id, [...(holders.get(a.article_id) ?? []), a.reviewer_id]);

  const items: QueueItem[] = [];
  for (const article of articles.values()) {
    const latest = latestPerReviewer(reviews.get(article.id) ?? []);
    if (latest.some((r) => r.reviewer_id === reviewerId)) continue;
    const held = holders.get(article.id) ?? [];
    const mine = held.includes(reviewerId);
    if (disputed.includes(article.id)) {
      items.push({ article, reason: 'disagreement', priority: 0 });
      continue;
    }
    if (mine) {
      items.push({ article, reason: 'assigned', priority: 1 });
      continue;
    }
    if (held.length >= REVIEW_SLOTS || latest.length >= REVIEW_SLOTS) continue;
    const distance = thresholdDistance(article, thresholds);
    if (latest.length === 1) items.push({ article, reason: 'second_opinion', priority: 2 + Math.min(distance, 0.1) });
    else if (inStreamSample(article.id))
      items.push({ article, reason: 'stream_sample', priority: 2.05 + sampleKey(article.id) });
    else items.push({ article, reason: 'near_threshold', priority: 2 + distance });
  }
  return items.sort((a, b) => a.priority - b.priority || a.article.id.localeCompare(b.article.id)).slice(0, size);
}
