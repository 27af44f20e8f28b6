/**
 * Search for the Elasticsearch adapter: pages by position (search_after), exact totals (track_total_hits), terms
 * facets. Collapsed searches keep each near-duplicate cluster's head (a filter on `cluster_head`), so every count
 * is a document count, never a cardinality estimate.
 */
import type { Client, estypes } from '@elastic/elasticsearch';
import type { Article } from '../../domain.js';
import { articleMatches } from '../../search/matches.js';
import type { FacetBucket, SearchFilters, SearchRequest, SearchResult } from '../../search/query.js';
import type { AnalyzedQuery } from '../analyzed-query.js';
import { analyzeQuery } from '../analyzed-query.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { collapsedFilters, FACET_NAMES, FACET_SIZE, type FacetName, SEVERITY_STEPS, withoutFacet } from '../derived.js';
import { StoreRequestError } from '../errors.js';
import { articleFromSource } from './documents.js';
import { articleQuery } from './query.js';

const FACET_FIELDS: Record<FacetName, string> = {
  label: 'labels',
  lang: 'lang',
  source: 'source_id',
  target: 'classification.targets',
  severity: 'classification.severity',
  country: 'country',
};

type Agg = estypes.AggregationsAggregationContainer;

/** One facet's values: a terms aggregation, or cumulative severity steps (≥ 1, ≥ 2, ≥ 3) as the filter is. */
function facetValues(name: FacetName): Agg {
  if (name === 'severity') {
    const steps: Record<string, estypes.QueryDslQueryContainer> = {};
    for (let k = 1; k <= SEVERITY_STEPS; k++) steps[String(k)] = { range: { [FACET_FIELDS.severity]: { gte: k } } };
    return { filters: { filters: steps } };
  }
  return { terms: { field: FACET_FIELDS[name], size: FACET_SIZE, order: [{ _count: 'desc' }, { _key: 'asc' }] } };
}

/**
 * Each facet counted over the selection without its own filter (a global aggregation filtered anew when that
 * filter is set). The filters carry the cluster-head filter when collapsed, so a count is clusters then.
 */
function facetAggs(query: AnalyzedQuery | null, hadQuery: boolean, filters: SearchFilters): Record<string, Agg> {
  const out: Record<string, Agg> = {};
  for (const name of FACET_NAMES) {
    const values = facetValues(name);
    const own = withoutFacet(filters, name);
    out[`facet_${name}`] = own
      ? { global: {}, aggs: { selected: { filter: articleQuery(query, hadQuery, own), aggs: { values } } } }
      : { filter: { match_all: {} }, aggs: { values } };
  }
  return out;
}

interface ValueBucket {
  key?: string | number;
  doc_count: number;
}

function readFacets(aggs: Record<string, unknown> | undefined): NonNullable<SearchResult['facets']> {
  const out = {} as NonNullable<SearchResult['facets']>;
  for (const name of FACET_NAMES) {
    const facet = aggs?.[`facet_${name}`] as
      | { values?: { buckets?: unknown }; selected?: { values?: { buckets?: unknown } } }
      | undefined;
    const raw = (facet?.selected?.values ?? facet?.values)?.buckets ?? [];
    const list: Array<[string, ValueBucket]> = Array.isArray(raw)
      ? (raw as ValueBucket[]).map((b) => [String(b.key), b])
      : Object.entries(raw as Record<string, ValueBucket>);
    out[name] = list
      .map(([key, b]): FacetBucket => ({ key, count: b.doc_count }))
      .filter((b) => b.count > 0)
      .sort((x, y) => y.count - x.count || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0))
      .slice(0, FACET_SIZE);
  }
  return out;
}

type SortValues = Array<string | number>;

const BAD_CURSOR = 'cursor is not a cursor from a previous page; start again without it';

/**
 * Pages by position in either order (search_after on date or score, then id), so any depth is reachable,
 * collapsed or not.
 *
 * @example
 * await searchElasticsearch(client, 'kuzet-articles', { query, filters: {}, sort: 'relevance', collapse: true, size: 20, facets: true });
 */
export async function searchElasticsearch(
  client: Client,
  index: string,
  request: SearchRequest,
): Promise<SearchResult> {
  const query = analyzeQuery(request.query);
  const hadQuery = request.query !== null;
  const key = `${request.sort}|${request.collapse ? 'c' : 'a'}`;
  const position = decodeCursor(request.cursor, key);
  if (position && !('after' in position)) throw new StoreRequestError(BAD_CURSOR, 'cursor');
  const filters = request.collapse ? collapsedFilters(request.filters) : request.filters;
  const sort: estypes.SortCombinations[] =
    request.sort === 'date'
      ? [{ date: { order: 'desc' } }, { id: { order: 'asc' } }]
      : [{ _score: { order: 'desc' } }, { id: { order: 'asc' } }];
  const response = await client.search<Record<string, unknown>>({
    index,
    query: articleQuery(query, hadQuery, filters),
    sort,
    size: request.size + 1,
    track_total_hits: true,
    track_scores: query !== null,
    ...(position ? { search_after: position.after } : {}),
    ...(request.facets ? { aggs: facetAggs(query, hadQuery, filters) } : {}),
  });
  const raw = response.hits.hits;
  const shown = raw.slice(0, request.size);
  const hits = shown.map((h) => {
    const article: Article = articleFromSource(h._source ?? {});
    const score = query && typeof h._score === 'number' ? h._score : 0;
    return { id: article.id, score, matches: articleMatches(article, query), article };
  });
  const last = shown[shown.length - 1];
  const next_cursor =
    raw.length > request.size && last ? encodeCursor(key, { after: (last.sort ?? []) as SortValues }) : null;
  const total = response.hits.total;
  return {
    total: typeof total === 'number' ? total : (total?.value ?? 0),
    hits,
    next_cursor,
    ...(request.facets ? { facets: readFacets(response.aggregations as Record<string, unknown> | undefined) } : {}),
  };
}
