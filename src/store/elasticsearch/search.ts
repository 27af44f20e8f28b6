/** Search for the Elasticsearch adapter: search_after pages (offset pages when collapsed), cardinality totals, terms facets. */
import type { Client, estypes } from '@elastic/elasticsearch';
import type { Article } from '../../domain.js';
import { articleMatches } from '../../search/matches.js';
import type { FacetBucket, SearchRequest, SearchResult } from '../../search/query.js';
import { analyzeQuery } from '../analyzed-query.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { FACET_SIZE } from '../derived.js';
import { articleFromSource } from './documents.js';
import { articleQuery } from './query.js';

type FacetName = keyof NonNullable<SearchResult['facets']>;

const FACET_FIELDS: Record<FacetName, string> = {
  label: 'labels',
  lang: 'lang',
  source: 'source_id',
  target: 'classification.targets',
  severity: 'classification.severity',
  country: 'country',
};

/** Distinct clusters counted exactly up to this many, approximately beyond. */
export const CLUSTER_PRECISION = 40_000;

function facetAggs(): Record<string, estypes.AggregationsAggregationContainer> {
  const out: Record<string, estypes.AggregationsAggregationContainer> = {};
  for (const [name, field] of Object.entries(FACET_FIELDS)) {
    out[`facet_${name}`] = { terms: { field, size: FACET_SIZE, order: [{ _count: 'desc' }, { _key: 'asc' }] } };
  }
  return out;
}

function readFacets(aggs: Record<string, unknown> | undefined): NonNullable<SearchResult['facets']> {
  const out = {} as NonNullable<SearchResult['facets']>;
  for (const name of Object.keys(FACET_FIELDS) as FacetName[]) {
    const buckets =
      (aggs?.[`facet_${name}`] as { buckets?: Array<{ key: string | number; doc_count: number }> })?.buckets ?? [];
    out[name] = buckets.map((b): FacetBucket => ({ key: String(b.key), count: b.doc_count }));
  }
  return out;
}

/**
 * @example
 * await searchElasticsearch(client, 'kuzet-articles', { query, filters: {}, sort: 'relevance', collapse: false, size: 20, facets: true });
 */
export async function searchElasticsearch(
  client: Client,
  index: string,
  request: SearchRequest,
): Promise<SearchResult> {
  const query = analyzeQuery(request.query);
  const key = `${request.sort}|${request.collapse ? 'c' : 'a'}`;
  const position = decodeCursor(request.cursor, key);
  const sort: estypes.SortCombinations[] =
    request.sort === 'date'
      ? [{ date: { order: 'desc' } }, { id: { order: 'asc' } }]
      : [{ _score: { order: 'desc' } }, { id: { order: 'asc' } }];
  const aggs: Record<string, estypes.AggregationsAggregationContainer> = request.facets ? facetAggs() : {};
  if (request.collapse)
    aggs.clusters = { cardinality: { field: 'cluster_id', precision_threshold: CLUSTER_PRECISION } };
  const offset = position && 'offset' in position ? position.offset : 0;
  const response = await client.search<Record<string, unknown>>({
    index,
    query: articleQuery(query, request.query !== null, request.filters),
    sort,
    size: request.size + 1,
    track_total_hits: true,
    track_scores: query !== null,
    ...(request.collapse ? { collapse: { field: 'cluster_id' }, from: offset } : {}),
    ...(position && 'after' in position ? { search_after: position.after } : {}),
    ...(Object.keys(aggs).length ? { aggs } : {}),
  });
  const raw = response.hits.hits;
  const shown = raw.slice(0, request.size);
  const hits = shown.map((h) => {
    const article: Article = articleFromSource(h._source ?? {});
    const score = query && typeof h._score === 'number' ? h._score : 0;
    return { id: article.id, score, matches: articleMatches(article, query), article };
  });
  let next_cursor: string | null = null;
  if (raw.length > request.size) {
    const last = shown[shown.length - 1];
    next_cursor = request.collapse
      ? encodeCursor(key, { offset: offset + request.size })
      : encodeCursor(key, { after: (last.sort ?? []) as Array<string | number> });
  }
  const aggregations = response.aggregations as Record<string, unknown> | undefined;
  const total = request.collapse
    ? ((aggregations?.clusters as { value?: number })?.value ?? 0)
    : typeof response.hits.total === 'number'
      ? response.hits.total
      : (response.hits.total?.value ?? 0);
  return { total, hits, next_cursor, ...(request.facets ? { facets: readFacets(aggregations) } : {}) };
}
