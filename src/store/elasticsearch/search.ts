/** Search for the Elasticsearch adapter: position pages (offset pages for collapsed relevance), cardinality totals, terms facets. */
import type { Client, estypes } from '@elastic/elasticsearch';
import type { Article } from '../../domain.js';
import { articleMatches } from '../../search/matches.js';
import type { FacetBucket, SearchRequest, SearchResult } from '../../search/query.js';
import { type AnalyzedQuery, analyzeQuery } from '../analyzed-query.js';
import { checkCollapsedWindow, decodeCursor, encodeCursor } from '../cursor.js';
import { FACET_NAMES, FACET_SIZE, type FacetName, SEVERITY_STEPS, withoutFacet } from '../derived.js';
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

/** Distinct clusters counted exactly up to this many, approximately beyond. */
export const CLUSTER_PRECISION = 40_000;

type Agg = estypes.AggregationsAggregationContainer;
const clusterCount: Agg = { cardinality: { field: 'cluster_id', precision_threshold: CLUSTER_PRECISION } };

/** One facet's values: a terms aggregation, or cumulative severity steps (≥ 1, ≥ 2, ≥ 3) as the filter is. */
function facetValues(name: FacetName, collapse: boolean): Agg {
  const sub = collapse ? { aggs: { clusters: clusterCount } } : {};
  if (name === 'severity') {
    const steps: Record<string, estypes.QueryDslQueryContainer> = {};
    for (let k = 1; k <= SEVERITY_STEPS; k++) steps[String(k)] = { range: { [FACET_FIELDS.severity]: { gte: k } } };
    return { filters: { filters: steps }, ...sub };
  }
  const order = collapse
    ? [{ clusters: 'desc' as const }, { _key: 'asc' as const }]
    : [{ _count: 'desc' as const }, { _key: 'asc' as const }];
  return { terms: { field: FACET_FIELDS[name], size: FACET_SIZE, order }, ...sub };
}

/**
 * Each facet counted over the selection without its own filter (a global aggregation filtered anew when that
 * filter is set), in the total's unit: clusters when collapsed.
 */
function facetAggs(query: AnalyzedQuery | null, request: SearchRequest): Record<string, Agg> {
  const out: Record<string, Agg> = {};
  for (const name of FACET_NAMES) {
    const values = facetValues(name, request.collapse);
    const own = withoutFacet(request.filters, name);
    out[`facet_${name}`] = own
      ? {
          global: {},
          aggs: { selected: { filter: articleQuery(query, request.query !== null, own), aggs: { values } } },
        }
      : { filter: { match_all: {} }, aggs: { values } };
  }
  return out;
}

interface ValueBucket {
  key?: string | number;
  doc_count: number;
  clusters?: { value: number };
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
      .map(([key, b]): FacetBucket => ({ key, count: b.clusters ? b.clusters.value : b.doc_count }))
      .filter((b) => b.count > 0)
      .sort((x, y) => y.count - x.count || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0))
      .slice(0, FACET_SIZE);
  }
  return out;
}

type Hit = estypes.SearchHit<Record<string, unknown>>;
type Query = estypes.QueryDslQueryContainer;
type SortValues = Array<string | number>;

/** Searches one collapsed date page may take to fill itself past clusters already shown. */
const COLLAPSED_ROUNDS = 8;
const BAD_CURSOR = 'cursor is not a cursor from a previous page; start again without it';

const clusterOf = (h: Hit) => String((h._source ?? {}).cluster_id ?? h._id);
const epochMs = (v: string | number) => (typeof v === 'number' ? v : Date.parse(v));
const sameDate = (ms: number): Query => ({ range: { date: { gte: ms, lte: ms, format: 'epoch_millis' } } });

/**
 * Articles on one side of a (date, id) position in newest-first order: `after` it (older, or as old with a
 * greater id) or `before` it.
 */
function aroundDate([date, id]: SortValues, side: 'after' | 'before'): Query {
  const ms = epochMs(date);
  const [dateOp, idOp] = side === 'after' ? ['lt', 'gt'] : ['gt', 'lt'];
  return {
    bool: {
      should: [
        { range: { date: { [dateOp]: ms, format: 'epoch_millis' } } },
        { bool: { filter: [sameDate(ms), { range: { id: { [idOp]: String(id) } } }] } },
      ],
      minimum_should_match: 1,
    },
  };
}

const and = (query: Query, filter: Query): Query => ({ bool: { must: [query], filter: [filter] } });

/**
 * One page of newest-first results collapsed to one article per cluster, paged by position rather than
 * offset, so it goes as deep as the results do. Elasticsearch cannot combine collapse with search_after,
 * so the position is a filter; a cluster whose first article (in this order) lies before the position was
 * shown on an earlier page, and is left out here.
 */
async function collapsedDatePage(
  client: Client,
  index: string,
  query: Query,
  sort: estypes.SortCombinations[],
  size: number,
  after: SortValues | null,
): Promise<{ hits: Hit[]; next: SortValues | null }> {
  const shown: Hit[] = [];
  const clusters = new Set<string>();
  let position = after;
  for (let round = 0; round < COLLAPSED_ROUNDS; round++) {
    const want = size + 1 - shown.length;
    const r = await client.search<Record<string, unknown>>({
      index,
      query: position ? and(query, aroundDate(position, 'after')) : query,
      sort,
      size: want,
      collapse: { field: 'cluster_id' },
      track_total_hits: false,
      track_scores: true,
    });
    const hits = r.hits.hits;
    let fresh = hits.filter((h) => !clusters.has(clusterOf(h)));
    if (after && fresh.length) {
      const earlier = await clustersBefore(client, index, query, after, fresh.map(clusterOf));
      fresh = fresh.filter((h) => !earlier.has(clusterOf(h)));
    }
    for (const h of fresh) {
      shown.push(h);
      clusters.add(clusterOf(h));
    }
    if (shown.length > size) return { hits: shown.slice(0, size), next: shown[size - 1].sort as SortValues };
    if (hits.length < want) return { hits: shown, next: null };
    position = hits[hits.length - 1].sort as SortValues;
  }
  // Every article examined up to `position` was shown or belongs to a cluster shown earlier.
  return { hits: shown, next: position };
}

/** Those of `ids` with a matching article before `position`. */
async function clustersBefore(
  client: Client,
  index: string,
  query: Query,
  position: SortValues,
  ids: string[],
): Promise<Set<string>> {
  const r = await client.search({
    index,
    size: 0,
    query: and(and(query, { terms: { cluster_id: ids } }), aroundDate(position, 'before')),
    aggs: { seen: { terms: { field: 'cluster_id', size: ids.length } } },
  });
  const buckets = (r.aggregations?.seen as { buckets?: Array<{ key: string }> } | undefined)?.buckets ?? [];
  return new Set(buckets.map((b) => String(b.key)));
}

function totalOf(response: estypes.SearchResponse, collapse: boolean): number {
  if (collapse) return ((response.aggregations as Record<string, { value?: number }>)?.clusters?.value ?? 0) as number;
  const total = response.hits.total;
  return typeof total === 'number' ? total : (total?.value ?? 0);
}

/**
 * Pages: newest-first by position (search_after, or a position filter when collapsed), so any depth is
 * reachable; relevance pages by search_after, or by offset within the first 10,000 clusters when collapsed.
 *
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
  const byOffset = request.collapse && request.sort === 'relevance';
  if (position && 'offset' in position !== byOffset) throw new StoreRequestError(BAD_CURSOR, 'cursor');
  const offset = position && 'offset' in position ? position.offset : 0;
  if (byOffset) checkCollapsedWindow(offset, request.size);
  const after = position && 'after' in position ? position.after : null;
  const sort: estypes.SortCombinations[] =
    request.sort === 'date'
      ? [{ date: { order: 'desc' } }, { id: { order: 'asc' } }]
      : [{ _score: { order: 'desc' } }, { id: { order: 'asc' } }];
  const aggs: Record<string, Agg> = request.facets ? facetAggs(query, request) : {};
  if (request.collapse) aggs.clusters = clusterCount;
  const esQuery = articleQuery(query, request.query !== null, request.filters);

  let shown: Hit[];
  let next: SortValues | { offset: number } | null;
  let response: estypes.SearchResponse<Record<string, unknown>>;
  if (request.collapse && request.sort === 'date') {
    const [counts, page] = await Promise.all([
      client.search<Record<string, unknown>>({ index, query: esQuery, size: 0, track_total_hits: true, aggs }),
      collapsedDatePage(client, index, esQuery, sort, request.size, after),
    ]);
    response = counts;
    shown = page.hits;
    next = page.next;
  } else {
    response = await client.search<Record<string, unknown>>({
      index,
      query: esQuery,
      sort,
      size: request.size + 1,
      track_total_hits: true,
      track_scores: query !== null,
      ...(request.collapse ? { collapse: { field: 'cluster_id' }, from: offset } : {}),
      ...(after ? { search_after: after } : {}),
      ...(Object.keys(aggs).length ? { aggs } : {}),
    });
    const raw = response.hits.hits;
    shown = raw.slice(0, request.size);
    const more = raw.length > request.size;
    next = !more
      ? null
      : byOffset
        ? { offset: offset + request.size }
        : ((shown[shown.length - 1].sort ?? []) as SortValues);
  }
  const hits = shown.map((h) => {
    const article: Article = articleFromSource(h._source ?? {});
    const score = query && typeof h._score === 'number' ? h._score : 0;
    return { id: article.id, score, matches: articleMatches(article, query), article };
  });
  const next_cursor = next === null ? null : encodeCursor(key, Array.isArray(next) ? { after: next } : next);
  const aggregations = response.aggregations as Record<string, unknown> | undefined;
  return {
    total: totalOf(response, request.collapse),
    hits,
    next_cursor,
    ...(request.facets ? { facets: readFacets(aggregations) } : {}),
  };
}
