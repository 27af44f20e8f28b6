import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from '@elastic/elasticsearch';
import { describe, expect, it } from 'vitest';
import { bands } from '../../src/dedupe/minhash.js';
import type { Article } from '../../src/domain.js';
import type { SearchRequest } from '../../src/search/query.js';
import { articleDocument } from '../../src/store/elasticsearch/documents.js';
import { createElasticsearchStore } from '../../src/store/elasticsearch/index.js';
import { indexNames } from '../../src/store/elasticsearch/mappings.js';
import { StoreUnavailableError } from '../../src/store/errors.js';
import { createStore } from '../../src/store/index.js';
import { runStoreContract } from './contract.js';
import { ARTICLES, article, classification } from './fixtures.js';

const url = process.env.ELASTICSEARCH_URL;
if (!url) {
  throw new Error(
    'ELASTICSEARCH_URL is not set: run the store tests through `npm test` (infra/run-tests.mjs starts Elasticsearch 8.19), ' +
      'or start Elasticsearch yourself and set ELASTICSEARCH_URL=http://127.0.0.1:9200.',
  );
}
const node: string = url;

async function deletePrefix(prefix: string): Promise<void> {
  const client = new Client({ node });
  try {
    const names = Object.values(indexNames(prefix));
    await client.indices.delete({ index: names, ignore_unavailable: true });
  } finally {
    await client.close();
  }
}

runStoreContract('elasticsearch', async () => {
  const indexPrefix = `test-${randomUUID()}`;
  return { store: createElasticsearchStore({ node, indexPrefix }), cleanup: () => deletePrefix(indexPrefix) };
});

describe('elasticsearch store extras', () => {
  it('is what createStore picks with an Elasticsearch URL, with indices named from the prefix and explicit mappings', async () => {
    const indexPrefix = `test-${randomUUID()}`;
    const store = createStore({ dataDir: '/nonexistent', elasticsearchUrl: node, indexPrefix });
    const client = new Client({ node });
    try {
      expect(store.name).toBe('elasticsearch');
      await store.init();
      await store.init();
      const names = Object.keys(await client.indices.get({ index: `${indexPrefix}-*` })).sort();
      expect(names).toEqual([
        `${indexPrefix}-articles`,
        `${indexPrefix}-assignments`,
        `${indexPrefix}-keys`,
        `${indexPrefix}-reviews`,
        `${indexPrefix}-sessions`,
        `${indexPrefix}-sources`,
        `${indexPrefix}-state`,
        `${indexPrefix}-users`,
      ]);
      const mapping = await client.indices.getMapping({ index: `${indexPrefix}-articles` });
      const props = mapping[`${indexPrefix}-articles`].mappings.properties ?? {};
      expect(props.stems).toMatchObject({ type: 'text', analyzer: 'whitespace' });
      expect(props.cluster_id).toMatchObject({ type: 'keyword' });
      expect(props.cluster_head).toMatchObject({ type: 'boolean' });
      expect(props.date).toMatchObject({ type: 'date' });
      await store.putArticle(ARTICLES[3]);
      await store.refresh();
      const evidence = await client.search({
        index: `${indexPrefix}-articles`,
        query: { exists: { field: 'classification.evidence.text' } },
      });
      expect(evidence.hits.hits).toHaveLength(0);
      expect(await store.getArticle('a4')).toEqual(ARTICLES[3]);
    } finally {
      await store.close();
      await client.close();
      await deletePrefix(indexPrefix);
    }
  });

  it('finds a copy stored a moment ago, before any refresh, so back-to-back copies join one cluster', async () => {
    const indexPrefix = `test-${randomUUID()}`;
    const store = createElasticsearchStore({ node, indexPrefix });
    try {
      await store.init();
      const first = ARTICLES[0];
      await store.putArticle(first);
      expect(await store.findByContentHash(first.content_hash)).toMatchObject({
        id: first.id,
        cluster_id: first.cluster_id,
      });
      const [band] = bands(first.minhash);
      const found = await store.findBandCandidates([band], 10);
      expect(found.map((c) => c.id)).toContain(first.id);
    } finally {
      await store.close();
      await deletePrefix(indexPrefix);
    }
  });

  it('prefixes errors with the adapter name and says what failed', async () => {
    const store = createElasticsearchStore({
      node: 'http://127.0.0.1:9',
      indexPrefix: `test-${randomUUID()}`,
      requestTimeout: 2000,
    });
    await expect(store.init()).rejects.toThrow(/^elasticsearch store: creating indices .* \(is Elasticsearch up\?\)/);
    await store.close();
  });

  it('pages through results deeper than the index result window, collapsed or not, in either order', async () => {
    const indexPrefix = `test-${randomUUID()}`;
    const store = createElasticsearchStore({ node, indexPrefix });
    const client = new Client({ node });
    try {
      await store.init();
      // A window of 4 stands in for the default 10,000: any page that needs from+size beyond it fails.
      await client.indices.putSettings({ index: `${indexPrefix}-articles`, settings: { max_result_window: 4 } });
      const stored = Array.from({ length: 15 }, (_, n) =>
        article({
          id: `p${String(n).padStart(2, '0')}`,
          title: `Мигранты ${n}`,
          text: `${'Мигранты приехали. '.repeat(1 + (n % 4))}Сводка номер ${n}.`,
          // Two articles share each date, so ties are broken by id across pages.
          published_at: `2024-04-${String(1 + Math.floor(n / 2)).padStart(2, '0')}T08:00:00Z`,
          // Clusters are named after their first article: p00 holds every third, p05 the other fifths.
          cluster_id: n % 3 === 0 ? 'p00' : n % 5 === 0 ? 'p05' : `p${String(n).padStart(2, '0')}`,
        }),
      );
      for (const a of stored) await store.putArticle(a);
      await store.refresh();
      const pages = async (base: SearchRequest) => {
        const seen: string[] = [];
        let cursor: string | undefined;
        for (let page = 0; page < 40; page++) {
          const r = await store.search({ ...base, cursor });
          seen.push(...r.hits.map((h) => h.id));
          if (!r.next_cursor) return { seen, total: r.total };
          cursor = r.next_cursor;
        }
        throw new Error('cursor did not end');
      };
      const base: SearchRequest = { query: null, filters: {}, sort: 'date', collapse: false, size: 2, facets: false };
      const all = await pages(base);
      expect([...all.seen].sort()).toEqual(stored.map((a) => a.id).sort());
      expect(all.seen).toHaveLength(15);

      const collapsed = await pages({ ...base, collapse: true });
      const clusterOf = new Map(stored.map((a) => [a.id, a.cluster_id]));
      const clusters = collapsed.seen.map((id) => clusterOf.get(id));
      expect(new Set(clusters).size).toBe(clusters.length);
      expect(new Set(clusters)).toEqual(new Set(stored.map((a) => a.cluster_id)));
      expect(collapsed.seen).toHaveLength(collapsed.total);
      // Newest first, each cluster shown by its head.
      const heads = stored
        .filter((a) => a.id === a.cluster_id)
        .sort((a, b) => (b.published_at ?? '').localeCompare(a.published_at ?? '') || a.id.localeCompare(b.id));
      expect(collapsed.seen).toEqual(heads.map((a) => a.id));
      const collapsedRelevance = await pages({
        ...base,
        collapse: true,
        sort: 'relevance',
        query: { type: 'term', value: 'мигранты' },
      });
      expect([...collapsedRelevance.seen].sort()).toEqual(heads.map((a) => a.id).sort());

      const relevance = await pages({ ...base, sort: 'relevance', query: { type: 'term', value: 'мигранты' } });
      expect([...relevance.seen].sort()).toEqual(stored.map((a) => a.id).sort());
    } finally {
      await store.close();
      await client.close();
      await deletePrefix(indexPrefix);
    }
  });

  /** Indexes articles as putArticle writes them (or as an earlier version did, without cluster_head), in bulk. */
  async function bulkIndex(client: Client, index: string, articles: Article[], withHeads = true): Promise<void> {
    for (let i = 0; i < articles.length; i += 2000) {
      const operations = articles.slice(i, i + 2000).flatMap((a) => {
        const { cluster_head: _head, ...older } = articleDocument(a);
        return [{ index: { _index: index, _id: a.id } }, withHeads ? { ...older, cluster_head: _head } : older];
      });
      const r = await client.bulk({ operations });
      expect(r.errors).toBe(false);
    }
    await client.indices.refresh({ index });
  }

  /** `n` clusters of two: a head and a later copy on another source that is always flagged; every seventh head too. */
  function clusterPairs(n: number): Article[] {
    const out: Article[] = [];
    const flagged = classification({ xenophobic: true, xenophobia_score: 0.9, severity: 2, sentiment: -0.5 });
    for (let i = 0; i < n; i++) {
      const id = `h${i}`;
      const day = new Date(Date.UTC(2024, 0, 1) + (i % 366) * 86_400_000).toISOString();
      const text = `Сводка ${i}: мигранты и квоты.`;
      const head = { id, cluster_id: id, title: `Сводка ${i}`, text, published_at: day, source_id: `s${i % 5}` };
      out.push(article({ ...head, classification: i % 7 === 0 ? flagged : classification() }));
      out.push(article({ ...head, id: `${id}-copy`, source_id: `s${(i + 1) % 5}`, classification: flagged }));
    }
    return out;
  }

  it('counts 10,300 clusters of 20,600 articles exactly in totals, facets and time series', async () => {
    const indexPrefix = `test-${randomUUID()}`;
    const store = createElasticsearchStore({ node, indexPrefix });
    const client = new Client({ node });
    try {
      await store.init();
      await bulkIndex(client, `${indexPrefix}-articles`, clusterPairs(10_300));
      const request: SearchRequest = { query: null, filters: {}, sort: 'date', collapse: true, size: 1, facets: true };
      const collapsed = await store.search(request);
      expect(collapsed.total).toBe(10_300);
      expect((await store.search({ ...request, collapse: false, facets: false })).total).toBe(20_600);
      expect(collapsed.facets?.source.map((b) => b.count)).toEqual([2060, 2060, 2060, 2060, 2060]);
      expect(collapsed.facets?.label).toEqual([{ key: 'xenophobic', count: 1472 }]);
      const flagged = await store.search({ ...request, facets: false, filters: { labels: ['xenophobic'] } });
      expect(flagged.total).toBe(1472);
      const days = await store.timeseries({ query: null, filters: {}, interval: 'day' });
      expect(days.reduce((n, p) => n + p.count, 0)).toBe(10_300);
      expect(days.reduce((n, p) => n + p.flagged, 0)).toBe(1472);
      const bySource = await store.timeseries({ query: null, filters: {}, interval: 'week', split_by: 'source' });
      expect(bySource.reduce((n, p) => n + p.count, 0)).toBe(10_300);
    } finally {
      await store.close();
      await client.close();
      await deletePrefix(indexPrefix);
    }
  }, 120_000);

  it('marks the cluster heads of documents an earlier version stored, when the store opens', async () => {
    const indexPrefix = `test-${randomUUID()}`;
    const store = createElasticsearchStore({ node, indexPrefix });
    const client = new Client({ node });
    const index = `${indexPrefix}-articles`;
    try {
      await store.init();
      await bulkIndex(client, index, clusterPairs(300), false);
      const missing = { bool: { must_not: [{ exists: { field: 'cluster_head' } }] } };
      expect((await client.count({ index, query: missing })).count).toBe(600);
      await store.init();
      expect((await client.count({ index, query: missing })).count).toBe(0);
      const request: SearchRequest = { query: null, filters: {}, sort: 'date', collapse: true, size: 5, facets: false };
      const collapsed = await store.search(request);
      expect(collapsed.total).toBe(300);
      expect(collapsed.hits.every((h) => h.id === h.article.cluster_id)).toBe(true);
      expect(await store.getArticle('h7')).toEqual(clusterPairs(8)[14]);
    } finally {
      await store.close();
      await client.close();
      await deletePrefix(indexPrefix);
    }
  }, 60_000);

  it('reports an overloaded Elasticsearch (429, a tripped circuit breaker) as unavailable, not as a failure', async () => {
    const overloaded = createServer((_req, res) => {
      res.writeHead(429, { 'content-type': 'application/json', 'x-elastic-product': 'Elasticsearch' });
      res.end(
        JSON.stringify({
          error: { type: 'circuit_breaking_exception', reason: '[parent] Data too large' },
          status: 429,
        }),
      );
    });
    await new Promise<void>((resolve) => overloaded.listen(0, '127.0.0.1', resolve));
    const { port } = overloaded.address() as AddressInfo;
    const store = createElasticsearchStore({ node: `http://127.0.0.1:${port}`, indexPrefix: `test-${randomUUID()}` });
    try {
      const request: SearchRequest = {
        query: null,
        filters: {},
        sort: 'date',
        collapse: false,
        size: 5,
        facets: false,
      };
      const failure = await store.search(request).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(StoreUnavailableError);
      expect((failure as Error).message).toMatch(/^elasticsearch store: searching articles failed: .*overloaded/);
      await expect(store.timeseries({ query: null, filters: {}, interval: 'week' })).rejects.toBeInstanceOf(
        StoreUnavailableError,
      );
    } finally {
      await store.close();
      await new Promise((resolve) => overloaded.close(resolve));
    }
  });
});
