/**
 * The distributed evidence store, in the Elasticsearch cluster Kuzet already runs: compressed bodies in
 * `<prefix>-capture-bodies` (id = digest, the gzip bytes in a binary field that is neither indexed nor
 * searchable), capture records in `<prefix>-captures` and the re-check schedule in `<prefix>-rechecks`.
 * It scales out with the cluster's nodes and shards; README states its limits.
 */
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { Client, errors, type estypes } from '@elastic/elasticsearch';
import { unavailable } from '../../store/elasticsearch/unavailable.js';
import { StoreUnavailableError } from '../../store/errors.js';
import { captureRecord, digestHex } from '../digest.js';
import type { CaptureRecord, EvidenceStore, FetchedPage, Recheck } from '../port.js';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

export interface ElasticsearchEvidenceOptions {
  node: string;
  indexPrefix: string;
  /** Primary shards of the bodies index (default 1; more spreads the bytes over more nodes). */
  shards?: number;
  replicas?: number;
  requestTimeout?: number;
}

const keyword = { type: 'keyword' } as const;
const stored = { type: 'keyword', index: false, doc_values: false } as const;

const BODY_MAPPING: estypes.MappingTypeMapping = {
  dynamic: false,
  properties: { body: { type: 'binary' }, size: { type: 'long' }, stored_size: { type: 'long' } },
};
const CAPTURE_MAPPING: estypes.MappingTypeMapping = {
  dynamic: false,
  properties: {
    id: keyword,
    url: stored,
    final_url: stored,
    status: { type: 'integer' },
    headers: { type: 'object', enabled: false },
    fetched_at: { type: 'date' },
    source_id: keyword,
    digest: keyword,
    size: { type: 'long' },
    pinned: { type: 'boolean' },
  },
};
const RECHECK_MAPPING: estypes.MappingTypeMapping = {
  dynamic: false,
  properties: { article_id: keyword, due_at: { type: 'date' }, done: { type: 'boolean' } },
};

/**
 * @example
 * evidenceIndexNames('kuzet').bodies; // 'kuzet-capture-bodies'
 */
export function evidenceIndexNames(prefix: string) {
  return { bodies: `${prefix}-capture-bodies`, captures: `${prefix}-captures`, rechecks: `${prefix}-rechecks` };
}

const isStatus = (err: unknown, status: number) => err instanceof errors.ResponseError && err.statusCode === status;

/**
 * @example
 * const evidence = createElasticsearchEvidenceStore({ node: 'http://127.0.0.1:9200', indexPrefix: 'kuzet' });
 * await evidence.init(); // kuzet-capture-bodies, kuzet-captures, kuzet-rechecks
 */
export function createElasticsearchEvidenceStore(options: ElasticsearchEvidenceOptions): EvidenceStore {
  const client = new Client({ node: options.node, requestTimeout: options.requestTimeout ?? 30_000 });
  const idx = evidenceIndexNames(options.indexPrefix);
  const recheckId = (articleId: string, due: string) => `${articleId}|${due}`;

  async function run<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      const down = unavailable(err);
      if (down)
        throw new StoreUnavailableError(`elasticsearch evidence store: ${what} failed: ${down}`, 5, { cause: err });
      const reason = err instanceof errors.ResponseError ? `${err.statusCode} ${err.message}` : (err as Error).message;
      throw new Error(`elasticsearch evidence store: ${what} failed: ${reason}`, { cause: err });
    }
  }

  async function ensureIndex(index: string, mappings: estypes.MappingTypeMapping, shards: number) {
    if (await client.indices.exists({ index })) return;
    try {
      await client.indices.create({
        index,
        settings: { number_of_shards: shards, number_of_replicas: options.replicas ?? 0 },
        mappings,
      });
    } catch (err) {
      if (!(err instanceof errors.ResponseError && err.body?.error?.type === 'resource_already_exists_exception'))
        throw err;
    }
  }

  return {
    name: 'elasticsearch',

    init: () =>
      run(`creating indices ${Object.values(idx).join(', ')} at ${options.node}`, async () => {
        // One round trip when they exist already (every process but the first to start).
        if (await client.indices.exists({ index: Object.values(idx) })) return;
        await ensureIndex(idx.bodies, BODY_MAPPING, options.shards ?? 1);
        await ensureIndex(idx.captures, CAPTURE_MAPPING, 1);
        await ensureIndex(idx.rechecks, RECHECK_MAPPING, 1);
        await client.cluster.health({ index: Object.values(idx), wait_for_status: 'yellow', timeout: '30s' });
      }),

    close: () => client.close(),

    putCapture: (page: FetchedPage) =>
      run(`storing the capture of ${page.url}`, async () => {
        const record = captureRecord(page);
        const { digest } = record;
        const exists = await client.exists({ index: idx.bodies, id: digestHex(digest) });
        if (!exists) {
          const packed = await gzipAsync(page.body);
          try {
            // op_type create: a body written by another worker a moment ago is left as it is.
            await client.create({
              index: idx.bodies,
              id: digestHex(digest),
              document: { body: packed.toString('base64'), size: page.body.length, stored_size: packed.length },
            });
          } catch (err) {
            if (!isStatus(err, 409)) throw err;
          }
        }
        try {
          await client.create({ index: idx.captures, id: record.id, document: record });
        } catch (err) {
          if (!isStatus(err, 409)) throw err;
        }
        return record;
      }),

    getCapture: (id: string) =>
      run(`reading capture ${id}`, async () => {
        try {
          return (await client.get<CaptureRecord>({ index: idx.captures, id }))._source ?? null;
        } catch (err) {
          if (isStatus(err, 404)) return null;
          throw err;
        }
      }),

    captureBody: (digest: string) =>
      run(`reading body ${digest}`, async () => {
        try {
          const r = await client.get<{ body: string }>({ index: idx.bodies, id: digestHex(digest) });
          return r._source ? gunzipAsync(Buffer.from(r._source.body, 'base64')) : null;
        } catch (err) {
          if (isStatus(err, 404)) return null;
          throw err;
        }
      }),

    pinCaptures: (ids: string[]) =>
      run('pinning captures', async () => {
        if (!ids.length) return;
        const operations = ids.flatMap((id) => [
          { update: { _index: idx.captures, _id: id } },
          { doc: { pinned: true } },
        ]);
        const r = await client.bulk({ operations });
        const failed = r.items.find((i) => i.update?.error && i.update.status !== 404);
        if (failed) throw new Error(JSON.stringify(failed.update?.error));
      }),

    pruneCaptures: (before: string) =>
      run('pruning captures', async () => {
        await client.indices.refresh({ index: idx.captures });
        const old: estypes.QueryDslQueryContainer = {
          bool: { filter: [{ range: { fetched_at: { lt: before } } }, { term: { pinned: false } }] },
        };
        // Collected first and deleted by id: delete_by_query needs the reindex module, which not every
        // distribution ships.
        const digests = new Set<string>();
        const ids: string[] = [];
        let after: estypes.SortResults | undefined;
        for (;;) {
          const r = await client.search<{ digest: string }>({
            index: idx.captures,
            query: old,
            sort: [{ id: 'asc' }],
            size: 1000,
            _source: ['digest'],
            ...(after ? { search_after: after } : {}),
          });
          for (const h of r.hits.hits) {
            ids.push(h._id as string);
            if (h._source) digests.add(h._source.digest);
          }
          if (r.hits.hits.length < 1000) break;
          after = r.hits.hits[r.hits.hits.length - 1].sort;
        }
        for (let i = 0; i < ids.length; i += 1000) {
          const operations = ids.slice(i, i + 1000).map((id) => ({ delete: { _index: idx.captures, _id: id } }));
          await client.bulk({ operations, refresh: true });
        }
        let bodies = 0;
        for (const digest of digests) {
          const still = await client.count({ index: idx.captures, query: { term: { digest } } });
          if (still.count > 0) continue;
          await client.delete({ index: idx.bodies, id: digestHex(digest) }).catch((err) => {
            if (!isStatus(err, 404)) throw err;
          });
          bodies++;
        }
        return { records: ids.length, bodies };
      }),

    captureStats: () =>
      run('reading capture statistics', async () => {
        await client.indices.refresh({ index: [idx.bodies, idx.captures] });
        const records = (await client.count({ index: idx.captures })).count;
        const r = await client.search({
          index: idx.bodies,
          size: 0,
          track_total_hits: true,
          aggs: { size: { sum: { field: 'size' } }, stored: { sum: { field: 'stored_size' } } },
        });
        const aggs = r.aggregations as Record<string, { value: number }>;
        const total = typeof r.hits.total === 'number' ? r.hits.total : (r.hits.total?.value ?? 0);
        return { records, bodies: total, body_bytes: aggs.size.value, stored_bytes: aggs.stored.value };
      }),

    scheduleRechecks: (articleId: string, dueAts: string[]) =>
      run(`scheduling re-checks of ${articleId}`, async () => {
        if (!dueAts.length) return;
        const operations = dueAts.flatMap((due) => [
          { create: { _index: idx.rechecks, _id: recheckId(articleId, due) } },
          { article_id: articleId, due_at: due, done: false },
        ]);
        const r = await client.bulk({ operations, refresh: true });
        const failed = r.items.find((i) => i.create?.error && i.create.status !== 409);
        if (failed) throw new Error(JSON.stringify(failed.create?.error));
      }),

    dueRechecks: (now: string, limit: number) =>
      run('listing due re-checks', async () => {
        const r = await client.search<Recheck & { done: boolean }>({
          index: idx.rechecks,
          query: { bool: { filter: [{ term: { done: false } }, { range: { due_at: { lte: now } } }] } },
          sort: [{ due_at: 'asc' }, { article_id: 'asc' }],
          size: Math.max(1, Math.min(limit, 10_000)),
        });
        return r.hits.hits.flatMap((h) =>
          h._source ? [{ article_id: h._source.article_id, due_at: h._source.due_at }] : [],
        );
      }),

    finishRecheck: (articleId: string, dueAt: string) =>
      run(`finishing re-check of ${articleId}`, async () => {
        await client.update({
          index: idx.rechecks,
          id: recheckId(articleId, dueAt),
          doc: { done: true },
          refresh: true,
        });
      }),
  };
}
