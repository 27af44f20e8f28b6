import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadClassifier } from '../../src/classify/index.js';
import type { Source } from '../../src/domain.js';
import { createFileEvidenceStore } from '../../src/evidence/files/index.js';
import { DEFAULT_EVIDENCE_SETTINGS, type EvidenceSettings } from '../../src/evidence/keep.js';
import type { EvidenceStore } from '../../src/evidence/port.js';
import type { Logger } from '../../src/log.js';
import type { StageDeps } from '../../src/pipeline/stages.js';
import { createQueues } from '../../src/queue/index.js';
import { createSqliteStore, type SqliteStore } from '../../src/store/sqlite/index.js';
import { source } from '../store/fixtures.js';
import type { FixtureRoute } from './fixture-server.js';

const quiet: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

export interface EvidencePipeline {
  dataDir: string;
  store: SqliteStore;
  evidence: EvidenceStore;
  deps: StageDeps;
  close(): Promise<void>;
}

/**
 * The embedded pipeline over a temporary data folder: SQLite articles, file captures, the real classifier and
 * the in-process queue, crawling the given sources from a fixture server.
 */
export async function evidencePipeline(
  sources: Source[],
  crawlOptions: StageDeps['crawlOptions'],
  settings: Partial<EvidenceSettings> = {},
): Promise<EvidencePipeline> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kuzet-evidence-pipeline-'));
  const store = createSqliteStore({ dataDir });
  const evidence = createFileEvidenceStore({ dataDir });
  await store.init();
  await evidence.init();
  await store.upsertSources(sources);
  const queues = createQueues({ prefix: 'test' });
  const deps: StageDeps = {
    store,
    classifier: await loadClassifier(),
    queues,
    sources: () => new Map(sources.map((s) => [s.id, s])),
    crawlOptions: { perHostDelayMs: 0, maxRetries: 0, requestTimeoutSecs: 5, respectRobotsTxt: false, ...crawlOptions },
    log: quiet,
    documents: 'inline',
    evidence: { evidence, log: quiet, settings: { ...DEFAULT_EVIDENCE_SETTINGS, ...settings } },
  };
  return {
    dataDir,
    store,
    evidence,
    deps,
    async close() {
      await queues.close();
      await evidence.close();
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A news source read from one RSS feed at `<base>/rss` listing `path`, and the feed's route. */
export function oneItemFeed(base: string, path: string): { source: Source; rss: FixtureRoute } {
  return {
    source: source('fixture-news', {
      name: 'Fixture News',
      homepage: undefined,
      feeds: [`${base}/rss`],
      max_items: 10,
    }),
    rss: {
      headers: { 'content-type': 'application/rss+xml' },
      body: `<?xml version="1.0"?><rss version="2.0"><channel><title>F</title><item><title>Item</title><link>${base}${path}</link></item></channel></rss>`,
    },
  };
}
