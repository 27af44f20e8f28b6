/**
 * Chooses the store from configuration: Elasticsearch when a URL is given, else SQLite in the data directory.
 */
import { createElasticsearchStore } from './elasticsearch/index.js';
import type { ArticleStore } from './port.js';
import { createSqliteStore } from './sqlite/index.js';

export { StoreConflictError, StoreRequestError } from './errors.js';
export type {
  ArticleStore,
  ClusterCandidate,
  HealthUpdate,
  ReviewStore,
  SessionStore,
  UserStore,
} from './port.js';

export interface StoreConfig {
  dataDir: string;
  elasticsearchUrl?: string;
  indexPrefix?: string;
}

/**
 * @example
 * const store = createStore({ dataDir: './data' }); // SQLite at ./data/kuzet.db
 * const distributed = createStore({ dataDir: './data', elasticsearchUrl: 'http://es:9200', indexPrefix: 'kuzet' });
 * await store.init();
 */
export function createStore(config: StoreConfig): ArticleStore {
  if (config.elasticsearchUrl) {
    return createElasticsearchStore({ node: config.elasticsearchUrl, indexPrefix: config.indexPrefix ?? 'kuzet' });
  }
  return createSqliteStore({ dataDir: config.dataDir });
}
