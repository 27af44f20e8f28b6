import { randomUUID } from 'node:crypto';
import { Client } from '@elastic/elasticsearch';
import { createElasticsearchStore } from '../../src/store/elasticsearch/index.js';
import { indexNames } from '../../src/store/elasticsearch/mappings.js';
import type { ArticleStore } from '../../src/store/port.js';
import { createSqliteStore } from '../../src/store/sqlite/index.js';

/** A fresh, initialised store of each kind, with its cleanup, for tests that run against both. */
export const STORE_KINDS: Array<[string, () => Promise<{ store: ArticleStore; cleanup: () => Promise<void> }>]> = [
  [
    'sqlite',
    async () => {
      const store = createSqliteStore({ file: ':memory:' });
      await store.init();
      return { store, cleanup: () => store.close() };
    },
  ],
  [
    'elasticsearch',
    async () => {
      const node = process.env.ELASTICSEARCH_URL;
      if (!node) throw new Error('ELASTICSEARCH_URL is not set: run the tests through `npm test`, which starts it.');
      const prefix = `test-${randomUUID()}`;
      const store = createElasticsearchStore({ node, indexPrefix: prefix });
      await store.init();
      return {
        store,
        cleanup: async () => {
          await store.close();
          const client = new Client({ node });
          await client.indices.delete({ index: Object.values(indexNames(prefix)), ignore_unavailable: true });
          await client.close();
        },
      };
    },
  ],
];
