/**
 * Time series for the Elasticsearch adapter: date_histogram → terms → filter doc counts and mean sentiment, over
 * near-duplicate cluster heads only, so each count is clusters, exactly, and no bucket holds a cardinality sketch.
 */
import type { Client, estypes } from '@elastic/elasticsearch';
import type { SplitBy, TimeseriesPoint, TimeseriesRequest } from '../../search/query.js';
import { analyzeQuery } from '../analyzed-query.js';
import { continuousSeries } from '../buckets.js';
import { collapsedFilters, withoutLabels } from '../derived.js';
import { StoreRequestError } from '../errors.js';
import { articleQuery } from './query.js';

type Aggs = Record<string, estypes.AggregationsAggregationContainer>;

const SPLIT_FIELDS: Record<SplitBy, string> = {
  label: 'labels',
  source: 'source_id',
  lang: 'lang',
  target: 'classification.targets',
};
const SERIES_LIMIT = 1000;

const xenophobic: estypes.QueryDslQueryContainer = { term: { 'classification.xenophobic': true } };

function sliceAggs(labels: string[]): Aggs {
  return {
    slice_flagged: { filter: xenophobic },
    labelled: {
      filter: labels.length ? { terms: { labels } } : { match_all: {} },
      aggs: {
        flagged: { filter: xenophobic },
        sentiment: { avg: { field: 'classification.sentiment' } },
      },
    },
  };
}

interface SliceBucket {
  key: string | number;
  doc_count: number;
  slice_flagged: { doc_count: number };
  labelled: { doc_count: number; flagged: { doc_count: number }; sentiment: { value: number | null } };
}

function point(bucket: string, series: string, s: SliceBucket): TimeseriesPoint | null {
  if (!s.doc_count) return null;
  return {
    bucket,
    series,
    count: s.labelled.doc_count,
    flagged: s.labelled.flagged.doc_count,
    flagged_share: s.slice_flagged.doc_count / s.doc_count,
    mean_sentiment: s.labelled.sentiment.value ?? null,
  };
}

/**
 * The query runs over the cluster heads within the filters without the label filter; a `labelled` filter
 * aggregation applies it for count, flagged and mean sentiment, so flagged_share uses the whole slice.
 *
 * @example
 * await timeseriesElasticsearch(client, 'kuzet-articles', { query: null, filters: {}, interval: 'week', split_by: 'lang' });
 */
export async function timeseriesElasticsearch(
  client: Client,
  index: string,
  request: TimeseriesRequest,
): Promise<TimeseriesPoint[]> {
  const query = analyzeQuery(request.query);
  const slice = sliceAggs(request.filters.labels ?? []);
  const split = request.split_by;
  const response = await client
    .search({
      index,
      size: 0,
      query: articleQuery(query, request.query !== null, withoutLabels(collapsedFilters(request.filters))),
      aggs: {
        buckets: {
          date_histogram: {
            field: 'date',
            calendar_interval: request.interval,
            time_zone: 'UTC',
            min_doc_count: 1,
            format: 'yyyy-MM-dd',
          },
          aggs: split
            ? {
                series: {
                  terms: { field: SPLIT_FIELDS[split], size: SERIES_LIMIT, order: { _key: 'asc' } },
                  aggs: slice,
                },
              }
            : slice,
        },
      },
    })
    .catch(tooManyBuckets);
  type DateBucket = SliceBucket & { key_as_string: string; series?: { buckets: SliceBucket[] } };
  const buckets = (response.aggregations?.buckets as { buckets?: DateBucket[] } | undefined)?.buckets ?? [];
  const points: TimeseriesPoint[] = [];
  for (const b of buckets) {
    const found = split
      ? (b.series?.buckets ?? []).map((s) => point(b.key_as_string, String(s.key), s))
      : [point(b.key_as_string, 'all', b)];
    for (const p of found) if (p) points.push(p);
  }
  return continuousSeries(points, request);
}

/** Elasticsearch caps buckets per request; a request over the cap is the caller's to narrow, so it is a 400. */
function tooManyBuckets(err: unknown): never {
  if (JSON.stringify((err as { body?: unknown })?.body ?? '').includes('too_many_buckets_exception')) {
    throw new StoreRequestError(
      'too many time-series buckets: use a longer interval, a shorter date range or fewer series',
      'interval',
    );
  }
  throw err;
}
