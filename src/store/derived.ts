/**
 * Fields both adapters derive from an article for indexing, and the request normalisation they share,
 * so SQLite and Elasticsearch filter, sort and bucket the same values.
 */
import { bands } from '../dedupe/minhash.js';
import { type Article, classifiedText, type Label } from '../domain.js';
import type { SearchFilters } from '../search/query.js';
import { indexFields } from './analysis.js';
import { StoreRequestError } from './errors.js';

export interface DerivedFields {
  words: string;
  stems: string;
  /** published_at, else fetched_at, as an ISO UTC datetime: what date filters, sort and buckets use. */
  date: string;
  labels: Label[];
  bands: string[];
  /** Whether the article heads its near-duplicate cluster (see isClusterHead). */
  cluster_head: boolean;
}

function isoOr(value: string | null, fallback: string): string {
  const ms = value ? Date.parse(value) : Number.NaN;
  return Number.isNaN(ms) ? fallback : new Date(ms).toISOString();
}

/** The date an article is filed under. */
export function articleDate(a: Pick<Article, 'published_at' | 'fetched_at'>): string {
  return isoOr(a.published_at, isoOr(a.fetched_at, new Date(0).toISOString()));
}

/** Classification flags that are set, as label names. */
export function articleLabels(a: Pick<Article, 'classification'>): Label[] {
  const c = a.classification;
  if (!c) return [];
  const out: Label[] = [];
  if (c.xenophobic) out.push('xenophobic');
  if (c.migration_policy) out.push('migration_policy');
  if (c.counter_speech) out.push('counter_speech');
  return out;
}

/**
 * Whether an article heads its near-duplicate cluster: it is the cluster's first article, after which the cluster is
 * named (pipeline/cluster.ts). Articles keep their cluster and are never removed, so a cluster has exactly one head
 * for good: collapsed searches, totals, facets and time series count heads, each a plain document count.
 *
 * @example
 * isClusterHead({ id: 'a1', cluster_id: 'a1' }); // true
 */
export function isClusterHead(a: Pick<Article, 'id' | 'cluster_id'>): boolean {
  return a.id === a.cluster_id;
}

/** The filters of a collapsed request: the same, over cluster heads only. */
export function collapsedFilters(filters: SearchFilters): SearchFilters {
  return { ...filters, cluster_heads: true };
}

/**
 * @example
 * const { words, stems, date, labels, bands, cluster_head } = deriveFields(article);
 */
export function deriveFields(a: Article): DerivedFields {
  return {
    ...indexFields(classifiedText(a), a.lang),
    date: articleDate(a),
    labels: articleLabels(a),
    bands: a.minhash ? bands(a.minhash) : [],
    cluster_head: isClusterHead(a),
  };
}

const BARE_DATE = /^\d{4}-\d{2}-\d{2}$/;

function parseDate(value: string, param: 'from' | 'to'): number {
  const ms = Date.parse(BARE_DATE.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(ms))
    throw new StoreRequestError(`${param} is not an ISO date or datetime: ${JSON.stringify(value)}`, param);
  return ms;
}

/**
 * The date window of filters as [gte, lt) ISO datetimes; a bare `to` date covers that whole day.
 *
 * @example
 * dateWindow({ to: '2024-05-03' }); // { lt: '2024-05-04T00:00:00.000Z' }
 */
export function dateWindow(filters: SearchFilters): { gte?: string; lt?: string } {
  const out: { gte?: string; lt?: string } = {};
  if (filters.from) out.gte = new Date(parseDate(filters.from, 'from')).toISOString();
  if (filters.to) {
    const to = parseDate(filters.to, 'to');
    out.lt = new Date(BARE_DATE.test(filters.to) ? to + 86_400_000 : to + 1).toISOString();
  }
  return out;
}

/** Filters without the label filter: the slice flagged_share is computed over. */
export function withoutLabels(filters: SearchFilters): SearchFilters {
  const { labels: _labels, ...rest } = filters;
  return rest;
}

/** How many buckets a facet returns at most. */
export const FACET_SIZE = 50;

export type FacetName = 'label' | 'lang' | 'source' | 'target' | 'severity' | 'country';
export const FACET_NAMES: FacetName[] = ['label', 'lang', 'source', 'target', 'severity', 'country'];
/** Severity facet keys run 1..SEVERITY_STEPS and count "severity ≥ key". */
export const SEVERITY_STEPS = 3;

const FACET_FILTER: Record<FacetName, keyof SearchFilters> = {
  label: 'labels',
  lang: 'langs',
  source: 'sources',
  target: 'targets',
  severity: 'min_severity',
  country: 'countries',
};

/**
 * The filters a facet is counted over: all but the facet's own, so each value's count is what selecting that
 * value alone returns. Null when the facet's own filter is not set (the search's own selection serves).
 *
 * @example
 * withoutFacet({ langs: ['ru'], labels: ['xenophobic'] }, 'lang') // { labels: ['xenophobic'] }
 */
export function withoutFacet(filters: SearchFilters, name: FacetName): SearchFilters | null {
  const key = FACET_FILTER[name];
  if (filters[key] === undefined) return null;
  const { [key]: _own, ...rest } = filters;
  return rest;
}
