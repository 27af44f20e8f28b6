import { type Config, isDistributed } from '../config.js';
import { createStore } from '../store/index.js';
import type { ArticleStore } from '../store/port.js';

/** The store the configuration names (Elasticsearch only in the distributed mode), not yet initialised. */
export function storeFor(config: Config): ArticleStore {
  return createStore({
    dataDir: config.dataDir,
    elasticsearchUrl: isDistributed(config) ? config.elasticsearchUrl : undefined,
    indexPrefix: config.elasticsearchIndexPrefix,
  });
}

/**
 * Opens the configured store for a command that needs only the store, and closes it after `use`.
 *
 * @example
 * return withStore(config, async (store) => (await store.listUsers()).length);
 */
export async function withStore<T>(config: Config, use: (store: ArticleStore) => Promise<T>): Promise<T> {
  const store = storeFor(config);
  await store.init();
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}
