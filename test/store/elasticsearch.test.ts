import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from '@elastic/elasticsearch';
import { describe, expect, it } from 'vitest';
import { bands } from '../../src/dedupe/minhash.js';
import type { SearchRequest } from '../../src/search/query.js';
import { createElasticsearchStore } from '../../src/store/elasticsearch/index.js';
import { indexNames } from '../../src/store/elasticsearch/mappings.js';
import { StoreUnavailableError } from '../../src/store/errors.js';
import { createStore } from '../../src/store/index.js';
import { runStoreContract } from './contract.js';
import { ARTICLES, article } from './fixtures.js';

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
          cluster_id: n % 3 === 0 ? 'k0' : n % 5 === 0 ? 'k5' : `p${String(n).padStart(2, '0')}`,
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
      // Newest first: each cluster is shown by its newest article.
      const byDate = [...stored].sort(
        (a, b) => (b.published_at ?? '').localeCompare(a.published_at ?? '') || a.id.localeCompare(b.id),
      );
      const newest = byDate.filter((a, i) => byDate.findIndex((b) => b.cluster_id === a.cluster_id) === i);
      expect(collapsed.seen).toEqual(newest.map((a) => a.id));

      const relevance = await pages({ ...base, sort: 'relevance', query: { type: 'term', value: 'мигранты' } });
      expect([...relevance.seen].sort()).toEqual(stored.map((a) => a.id).sort());
    } finally {
      await store.close();
      await client.close();
      await deletePrefix(indexPrefix);
    }
  });

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
