/** Reading reviews from the store for statistics and the review filters of search and export. */
import type { Label } from '../domain.js';
import type { SearchFilters } from '../search/query.js';
import type { ArticleStore, ReviewStore } from '../store/port.js';
import { type ReviewStats, reviewStats } from './stats.js';
import { type Review, VERDICT_LABELS } from './types.js';
import { byArticle, type HumanVerdict, humanVerdict } from './verdict.js';

/** Every stored review (they are written by people, so they fit in memory). */
export async function allReviews(store: ReviewStore): Promise<Review[]> {
  const out: Review[] = [];
  for await (const batch of store.scanReviews(1000)) out.push(...batch);
  return out;
}

/**
 * Agreement statistics over every review, with the stream counts the sample estimate needs.
 *
 * @example
 * const stats = await loadStats(store); stats.rows.find((r) => r.label === 'xenophobic' && r.lang === 'all')
 */
export async function loadStats(store: ArticleStore): Promise<ReviewStats> {
  const count = async (filters: SearchFilters) =>
    (await store.search({ query: null, filters, sort: 'date', collapse: false, size: 1, facets: false })).total;
  const total = await count({});
  const totals = Object.fromEntries(
    await Promise.all(VERDICT_LABELS.map(async (l) => [l, { total, flagged: await count({ labels: [l] }) }] as const)),
  ) as Record<Label, { total: number; flagged: number }>;
  return reviewStats(await allReviews(store), totals);
}

/** The human verdict of each of the given articles (null when unreviewed). */
export async function humanVerdicts(store: ReviewStore, ids: string[]): Promise<Map<string, HumanVerdict | null>> {
  const grouped = byArticle(ids.length ? await store.reviewsOf(ids) : []);
  return new Map(ids.map((id) => [id, humanVerdict(grouped.get(id) ?? [])]));
}

export type Disagreement = 'any' | 'classifier' | 'reviewers';

/**
 * The review filters as article-id filters: `reviewed` keeps (or drops) reviewed articles, `disagreement` keeps those
 * whose reviewers corrected the classifier, disagree among themselves, or either.
 *
 * @example
 * const filters = await withReviewFilters(store, request.filters, { reviewed: true, disagreement: 'reviewers' });
 */
export async function withReviewFilters(
  store: ReviewStore,
  filters: SearchFilters,
  wanted: { reviewed?: boolean; disagreement?: Disagreement },
): Promise<SearchFilters> {
  if (wanted.reviewed === undefined && wanted.disagreement === undefined) return filters;
  const verdicts = [...byArticle(await allReviews(store))].map(([id, rs]) => [id, humanVerdict(rs)] as const);
  const reviewed = verdicts.map(([id]) => id);
  if (wanted.disagreement) {
    const kind = wanted.disagreement;
    const ids = verdicts.flatMap(([id, h]) =>
      h && ((kind !== 'reviewers' && h.corrects_classifier) || (kind !== 'classifier' && h.reviewers_disagree))
        ? [id]
        : [],
    );
    return wanted.reviewed === false ? { ...filters, ids: [] } : { ...filters, ids };
  }
  return wanted.reviewed ? { ...filters, ids: reviewed } : { ...filters, exclude_ids: reviewed };
}
