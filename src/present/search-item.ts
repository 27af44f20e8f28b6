import type { ArticleSummary } from '../domain.js';
import type { SearchResult } from '../search/query.js';
import { highlightArticle } from './highlight.js';
import { labelsOf, whyFlagged } from './why.js';

/** One search result as the API returns it: article fields, highlights and the "why flagged" line. */
export function searchItem(hit: SearchResult['hits'][number]) {
  const { article } = hit;
  const c = article.classification;
  return {
    id: article.id,
    url: article.url,
    source_id: article.source_id,
    kind: article.kind,
    title: article.title,
    published_at: article.published_at,
    lang: article.lang,
    country: article.country,
    labels: labelsOf(c),
    severity: c?.severity ?? null,
    targets: c?.targets ?? [],
    sentiment: c?.sentiment ?? null,
    classifier_version: c?.classifier_version ?? null,
    cluster_id: article.cluster_id,
    score: hit.score,
    highlights: highlightArticle(article, hit.matches),
    why: whyFlagged(c),
  };
}

export type SearchItem = ReturnType<typeof searchItem>;

/** The flat record of an article used by CSV and NDJSON export. */
export function exportRow(a: ArticleSummary) {
  const c = a.classification;
  return {
    id: a.id,
    url: a.url,
    source_id: a.source_id,
    lang: a.lang,
    published_at: a.published_at,
    title: a.title,
    xenophobic: c ? c.xenophobic : null,
    migration_policy: c ? c.migration_policy : null,
    counter_speech: c ? c.counter_speech : null,
    severity: c ? c.severity : null,
    targets: c ? c.targets : [],
    sentiment: c ? c.sentiment : null,
    classifier_version: c ? c.classifier_version : null,
    cluster_id: a.cluster_id,
  };
}

/** Export columns, in file order. */
export const EXPORT_COLUMNS = [
  'id',
  'url',
  'source_id',
  'lang',
  'published_at',
  'title',
  'xenophobic',
  'migration_policy',
  'counter_speech',
  'severity',
  'targets',
  'sentiment',
  'classifier_version',
  'cluster_id',
] as const satisfies ReadonlyArray<keyof ReturnType<typeof exportRow>>;
