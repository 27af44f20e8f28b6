/**
 * The distributed store: articles, sources and crawl state in three Elasticsearch indices. Scale by adding
 * Elasticsearch nodes; shards and replicas come from the options.
 */
import { createHash } from 'node:crypto';
import { Client, errors, type estypes } from '@elastic/elasticsearch';
import type { Article, ArticleSummary, Source, SourceHealth, SourceWithHealth } from '../../domain.js';
import type { SearchFilters, SearchRequest } from '../../search/query.js';
import { analyzeQuery } from '../analyzed-query.js';
import { StoreRequestError, StoreUnavailableError } from '../errors.js';
import { nextHealth, storedHealth } from '../health.js';
import type { ArticleStore, ClassificationUpdate, HealthUpdate } from '../port.js';
import { backfillClusterHeads } from './cluster-heads.js';
import { dedupeKeys } from './dedupe-keys.js';
import { articleDocument, articleFromSource, classificationUpdate } from './documents.js';
import {
  ARTICLE_MAPPING,
  ASSIGNMENT_MAPPING,
  DERIVED_FIELDS,
  indexNames,
  KEYS_MAPPING,
  REVIEW_MAPPING,
  SESSION_MAPPING,
  SOURCE_MAPPING,
  STATE_MAPPING,
  USER_MAPPING,
} from './mappings.js';
import { articleQuery } from './query.js';
import { elasticsearchReviewRoles } from './reviews.js';
import { searchElasticsearch } from './search.js';
import { timeseriesElasticsearch } from './timeseries.js';
import { bulkItemError, unavailable } from './unavailable.js';

export interface ElasticsearchStoreOptions {
  node: string;
  indexPrefix: string;
  /** Primary shards of the articles index (default 1). */
  shards?: number;
  /** Replicas of every index (default 0; set 1+ on a multi-node cluster). */
  replicas?: number;
  /** Request timeout in ms (default 30000). */
  requestTimeout?: number;
}

const PAGE = 10_000;
const byDate: estypes.SortCombinations[] = [{ date: { order: 'asc' } }, { id: { order: 'asc' } }];

/** Conflicting health writes of one source retried before giving up (each round, one writer wins). */
const HEALTH_WRITE_ATTEMPTS = 10;
const isNotFound = (err: unknown) => err instanceof errors.ResponseError && err.statusCode === 404;

function wrap(what: string, err: unknown): Error {
  if (err instanceof StoreRequestError || (err instanceof Error && err.message.startsWith('elasticsearch store:')))
    return err;
  if (err instanceof StoreUnavailableError) {
    return new StoreUnavailableError(`elasticsearch store: ${what} failed: ${err.message}`, err.retryAfterSeconds, {
      cause: err,
    });
  }
  const down = unavailable(err);
  if (down) return new StoreUnavailableError(`elasticsearch store: ${what} failed: ${down}`, 5, { cause: err });
  const reason =
    err instanceof errors.ResponseError
      ? `${err.statusCode} ${err.message}`
      : err instanceof Error
        ? err.message
        : String(err);
  return new Error(`elasticsearch store: ${what} failed: ${reason}`, { cause: err });
}

/** State keys can be long URLs; document ids stay under Elasticsearch's 512-byte limit. */
const stateId = (key: string) =>
  Buffer.byteLength(key) <= 200 ? key : `sha256:${createHash('sha256').update(key).digest('hex')}`;

/**
 * @example
 * const store = createElasticsearchStore({ node: 'http://127.0.0.1:9200', indexPrefix: 'kuzet', replicas: 1 });
 * await store.init(); // creates kuzet-articles, kuzet-sources, kuzet-state if missing
 */
export function createElasticsearchStore(options: ElasticsearchStoreOptions): ArticleStore {
  const client = new Client({ node: options.node, requestTimeout: options.requestTimeout ?? 30_000 });
  const idx = indexNames(options.indexPrefix);
  const settings = (shards: number) => ({ number_of_shards: shards, number_of_replicas: options.replicas ?? 0 });

  async function run<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw wrap(what, err);
    }
  }

  async function ensureIndex(index: string, mappings: estypes.MappingTypeMapping, shards: number): Promise<void> {
    if (await client.indices.exists({ index })) {
      await client.indices.putMapping({ index, ...mappings });
      return;
    }
    try {
      await client.indices.create({ index, settings: settings(shards), mappings });
    } catch (err) {
      if (!(err instanceof errors.ResponseError && err.body?.error?.type === 'resource_already_exists_exception'))
        throw err;
    }
  }

  /** Documents matching the filters and query in id order, `batchSize` at a time, without the `excludes` fields. */
  async function* scanHits<T>(
    filters: SearchFilters | null,
    batchSize: number,
    query: SearchRequest['query'] | undefined,
    excludes: readonly string[],
    toItem: (source: Record<string, unknown>) => T,
  ): AsyncGenerator<T[]> {
    const q = articleQuery(analyzeQuery(query ?? null), Boolean(query), filters ?? {});
    const size = Math.max(1, Math.min(batchSize, PAGE));
    let after: estypes.SortResults | undefined;
    for (;;) {
      const r = await run('scanning articles', () =>
        client.search<Record<string, unknown>>({
          index: idx.articles,
          query: q,
          sort: [{ id: { order: 'asc' } }],
          size,
          _source_excludes: [...excludes],
          ...(after ? { search_after: after } : {}),
        }),
      );
      const hits = r.hits.hits;
      if (!hits.length) return;
      yield hits.map((h) => toItem(h._source ?? {}));
      after = hits[hits.length - 1].sort;
      if (hits.length < size) return;
    }
  }

  const keys = dedupeKeys(client, idx);

  const store: ArticleStore = {
    name: 'elasticsearch',
    ...elasticsearchReviewRoles(client, idx, run),

    init: () =>
      run(`creating indices ${Object.values(idx).join(', ')} at ${options.node} (is Elasticsearch up?)`, async () => {
        await Promise.all([
          ensureIndex(idx.articles, ARTICLE_MAPPING, options.shards ?? 1),
          ensureIndex(idx.sources, SOURCE_MAPPING, 1),
          ensureIndex(idx.state, STATE_MAPPING, 1),
          ensureIndex(idx.keys, KEYS_MAPPING, 1),
          ensureIndex(idx.users, USER_MAPPING, 1),
          ensureIndex(idx.sessions, SESSION_MAPPING, 1),
          ensureIndex(idx.reviews, REVIEW_MAPPING, 1),
          ensureIndex(idx.assignments, ASSIGNMENT_MAPPING, 1),
        ]);
        await client.cluster.health({ index: Object.values(idx), wait_for_status: 'yellow', timeout: '30s' });
        await backfillClusterHeads(client, idx.articles);
      }),

    close: () => client.close(),

    upsertSources: (sources: Source[]) =>
      run('storing sources', async () => {
        if (!sources.length) return;
        const operations = sources.flatMap((s) => [
          // Several processes (api, workers, scheduler) upsert the same sources as they start.
          { update: { _index: idx.sources, _id: s.id, retry_on_conflict: 5 } },
          { doc: { id: s.id, source: s }, doc_as_upsert: true },
        ]);
        const r = await client.bulk({ operations, refresh: true });
        if (r.errors) throw new Error(JSON.stringify(r.items.find((i) => i.update?.error)?.update?.error));
      }),

    listSources: () =>
      run('listing sources', async () => {
        const r = await client.search<{ source?: Source; health?: SourceHealth }>({
          index: idx.sources,
          size: PAGE,
          sort: [{ id: { order: 'asc' } }],
        });
        return r.hits.hits.flatMap((h): SourceWithHealth[] => {
          const s = h._source?.source;
          return s ? [{ ...s, health: storedHealth(s.id, h._source?.health) }] : [];
        });
      }),

    recordHealth: (update: HealthUpdate) =>
      run(`recording health of ${update.source_id}`, async () => {
        // Read-modify-write with optimistic concurrency: two crawls finishing at once both count. The first record
        // of a source is created with op_type create, so a concurrent first record conflicts instead of overwriting.
        for (let attempt = 0; ; attempt++) {
          let previous: SourceHealth | null = null;
          let version: { if_seq_no: number; if_primary_term: number } | null = null;
          try {
            const r = await client.get<{ health?: SourceHealth }>({ index: idx.sources, id: update.source_id });
            previous = r._source?.health ?? null;
            if (r._seq_no !== undefined && r._primary_term !== undefined) {
              version = { if_seq_no: r._seq_no, if_primary_term: r._primary_term };
            }
          } catch (err) {
            if (!isNotFound(err)) throw err;
          }
          const health = nextHealth(previous, update);
          const doc = { id: update.source_id, health };
          try {
            if (version) {
              await client.update({ index: idx.sources, id: update.source_id, doc, ...version, refresh: true });
            } else {
              await client.create({ index: idx.sources, id: update.source_id, document: doc, refresh: true });
            }
            return health;
          } catch (err) {
            const conflict = err instanceof errors.ResponseError && err.statusCode === 409;
            if (!conflict || attempt >= HEALTH_WRITE_ATTEMPTS) throw err;
          }
        }
      }),

    putArticle: async (article: Article) => (await store.putArticles([article]))[0],

    putArticles: (articles: Article[]) =>
      run(`storing ${articles.length} articles`, async () => {
        if (!articles.length) return [];
        const r = await client.bulk({
          operations: articles.flatMap((a) => [{ index: { _index: idx.articles, _id: a.id } }, articleDocument(a)]),
        });
        // The articles written claim their dedupe keys even when others of the batch failed (the batch is retried).
        await keys.claimAll(articles.filter((_, i) => !r.items[i]?.index?.error));
        if (r.errors) throw bulkItemError(r.items.map((i) => i.index));
        return r.items.map((i) => ({ created: i.index?.result === 'created' }));
      }),

    getArticle: (id: string) =>
      run(`reading article ${id}`, async () => {
        try {
          const r = await client.get<Record<string, unknown>>({ index: idx.articles, id });
          return r._source ? articleFromSource(r._source) : null;
        } catch (err) {
          if (isNotFound(err)) return null;
          throw err;
        }
      }),

    existingIds: (ids: string[]) =>
      run('checking article ids', async () => {
        const unique = [...new Set(ids)];
        if (!unique.length) return new Set<string>();
        const r = await client.mget({ index: idx.articles, ids: unique, _source: false });
        return new Set(r.docs.flatMap((d) => ('found' in d && d.found ? [d._id] : [])));
      }),

    findByContentHash: (hash: string) =>
      run(
        'finding by content hash',
        async () => (await keys.candidates([`hash:${hash}`], { term: { content_hash: hash } }, 1))[0] ?? null,
      ),

    findBandCandidates: (bands: string[], limit: number) =>
      run('finding band candidates', async () =>
        bands.length && limit > 0
          ? keys.candidates(
              bands.map((b) => `band:${b}`),
              { terms: { bands } },
              Math.min(limit, PAGE),
            )
          : [],
      ),

    clusterMembers: (clusterId: string, limit: number) =>
      run(`listing cluster ${clusterId}`, async () => {
        const r = await client.search<Record<string, unknown>>({
          index: idx.articles,
          query: { term: { cluster_id: clusterId } },
          sort: byDate,
          size: Math.min(limit, PAGE),
        });
        return r.hits.hits.map((h) => articleFromSource(h._source ?? {}));
      }),

    setClassifications: (updates: ClassificationUpdate[]) =>
      run(`classifying ${updates.length} articles`, async () => {
        if (!updates.length) return;
        const r = await client.bulk({
          operations: updates.flatMap(({ id, classification }) => [
            { update: { _index: idx.articles, _id: id } },
            { doc: classificationUpdate(classification) },
          ]),
        });
        if (!r.errors) return;
        const missing = r.items.find((i) => i.update?.status === 404);
        if (missing)
          throw new Error(`elasticsearch store: no article ${missing.update?._id} to classify; store it first`);
        throw bulkItemError(r.items.map((i) => i.update));
      }),

    scan: (filters: SearchFilters | null, batchSize: number, query?: SearchRequest['query']) =>
      scanHits(filters, batchSize, query, DERIVED_FIELDS, (source) => articleFromSource(source)),

    scanSummaries: (filters: SearchFilters | null, batchSize: number, query?: SearchRequest['query']) =>
      scanHits(filters, batchSize, query, [...DERIVED_FIELDS, 'text', 'minhash'], (source) => source as ArticleSummary),

    count: () => run('counting articles', async () => (await client.count({ index: idx.articles })).count),

    search: (request) => run('searching articles', () => searchElasticsearch(client, idx.articles, request)),

    timeseries: (request) => run('computing time series', () => timeseriesElasticsearch(client, idx.articles, request)),

    getState: (key: string) =>
      run(`reading state ${key}`, async () => {
        try {
          return (await client.get<{ value: string }>({ index: idx.state, id: stateId(key) }))._source?.value ?? null;
        } catch (err) {
          if (isNotFound(err)) return null;
          throw err;
        }
      }),

    setState: (key: string, value: string) =>
      run(`writing state ${key}`, async () => {
        await client.index({ index: idx.state, id: stateId(key), document: { key, value } });
      }),

    refresh: () =>
      run('refreshing indices', async () => {
        await client.indices.refresh({ index: Object.values(idx) });
      }),
  };
  return store;
}
