import { randomUUID } from 'node:crypto';
import { Client } from '@elastic/elasticsearch';
import { describe, expect, it } from 'vitest';
import { bands } from '../../src/dedupe/minhash.js';
import { createElasticsearchStore } from '../../src/store/elasticsearch/index.js';
import { indexNames } from '../../src/store/elasticsearch/mappings.js';
import { createStore } from '../../src/store/index.js';
import { runStoreContract } from './contract.js';
import { ARTICLES } from './fixtures.js';

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
});
