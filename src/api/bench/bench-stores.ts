/**
 * The stores `kuzet bench-api` measures with one corpus and one query mix: the embedded SQLite file and an
 * Elasticsearch cluster (ELASTICSEARCH_URL) through the adapter the distributed mode uses.
 */
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@elastic/elasticsearch';
import { createElasticsearchStore } from '../../store/elasticsearch/index.js';
import { indexNames } from '../../store/elasticsearch/mappings.js';
import type { ArticleStore } from '../../store/port.js';
import { createSqliteStore } from '../../store/sqlite/index.js';

export type BenchStoreKind = 'sqlite' | 'elasticsearch';
export const BENCH_STORE_KINDS: readonly BenchStoreKind[] = ['sqlite', 'elasticsearch'];

export interface BenchStore {
  kind: BenchStoreKind;
  /** How the report names it. */
  label: string;
  open(): ArticleStore;
  /** Arguments and environment of `kuzet bench-api` serving the API over this store. */
  serveArgs: string[];
  serveEnv: Record<string, string>;
  /** Size on disk, for the report ("3,900 MB in SQLite"). */
  describeSize(): Promise<string>;
  /** CPU milliseconds the store's own processes have used so far (Elasticsearch's JVMs); null when in-process. */
  storeCpuMs(): Promise<number | null>;
  /** Removes what the run built (unless it is kept for reuse). */
  remove(): Promise<void>;
}

/** The SQLite database in `dataDir`. */
export function sqliteBenchStore(dataDir: string): BenchStore {
  return {
    kind: 'sqlite',
    label: 'SQLite',
    open: () => createSqliteStore({ dataDir }),
    serveArgs: ['--serve', dataDir],
    serveEnv: {},
    describeSize: async () => `${(statSync(join(dataDir, 'kuzet.db')).size / 1e6).toFixed(0)} MB in SQLite`,
    storeCpuMs: async () => null,
    remove: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

/** Indices `<indexPrefix>-*` on the cluster at `node`. */
export function elasticsearchBenchStore(node: string, indexPrefix: string): BenchStore {
  const withClient = async <T>(work: (client: Client) => Promise<T>): Promise<T> => {
    const client = new Client({ node });
    try {
      return await work(client);
    } finally {
      await client.close();
    }
  };
  return {
    kind: 'elasticsearch',
    label: 'Elasticsearch',
    open: () => createElasticsearchStore({ node, indexPrefix }),
    serveArgs: ['--serve-elasticsearch', indexPrefix],
    serveEnv: { ELASTICSEARCH_URL: node },
    describeSize: () =>
      withClient(async (client) => {
        const stats = await client.indices.stats({ index: `${indexPrefix}-*`, metric: ['store'] });
        const bytes = stats._all.primaries?.store?.size_in_bytes ?? 0;
        const nodes = await client.nodes.info({ metric: ['jvm'] });
        const heaps = Object.values(nodes.nodes).map((n) => (n.jvm?.mem?.heap_max_in_bytes ?? 0) / 2 ** 20);
        return `${(bytes / 1e6).toFixed(0)} MB in Elasticsearch (${heaps.length} node${heaps.length === 1 ? '' : 's'}, heap ${heaps.map((h) => `${h.toFixed(0)} MB`).join(', ')})`;
      }),
    storeCpuMs: () =>
      withClient(async (client) => {
        const stats = await client.nodes.stats({ metric: ['process'] });
        return Object.values(stats.nodes).reduce((sum, n) => sum + (n.process?.cpu?.total_in_millis ?? 0), 0);
      }),
    remove: () =>
      withClient(async (client) => {
        await client.indices.delete({ index: Object.values(indexNames(indexPrefix)), ignore_unavailable: true });
      }),
  };
}
