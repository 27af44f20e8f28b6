import path from 'node:path';
import { loadWebhooks } from '../alerts/webhooks/config.js';
import { type Classifier, loadClassifier } from '../classify/index.js';
import { type Config, isDistributed } from '../config.js';
import type { Source } from '../domain.js';
import { createEvidenceStore } from '../evidence/index.js';
import type { EvidenceStore } from '../evidence/port.js';
import { consoleToLog, type Logger, logger } from '../log.js';
import type { StageDeps } from '../pipeline/stages.js';
import { createQueues } from '../queue/index.js';
import type { JobQueues } from '../queue/port.js';
import { loadSources, saveRejected } from '../sources/index.js';
import type { ArticleStore } from '../store/port.js';
import { crawlOptionsFrom } from './crawl-options.js';
import { checkDataDir, checkSourcesDir, DATABASE_FILE } from './folders.js';
import { watchShutdown } from './shutdown.js';
import { storeFor } from './store.js';
import { untilAvailable } from './until-available.js';

/** Everything a command needs, built from the parsed configuration: the one place wiring happens. */
export interface Runtime {
  config: Config;
  mode: 'embedded' | 'distributed';
  log: Logger;
  store: ArticleStore;
  /** Captures and the re-check schedule. */
  evidence: EvidenceStore;
  queues: JobQueues;
  classifier: Classifier;
  sources: Map<string, Source>;
  stageDeps: StageDeps;
  /** Aborts crawls in progress (their `StageDeps.signal`); call on shutdown before closing workers. */
  abort(): void;
  close(): Promise<void>;
}

/**
 * Loads source files, logging each rejected file with its reason and remembering them in the store
 * (for /sources and /api/sources); the valid ones are returned.
 */
export async function loadSourceMap(
  dir: string,
  log: Logger,
  store: Pick<ArticleStore, 'setState'>,
): Promise<Map<string, Source>> {
  const { sources, errors } = await loadSources(dir);
  for (const error of errors) log.error('source file rejected', { error: String(error.message ?? error) });
  log.info('sources loaded', { dir, sources: sources.length, rejected: errors.length });
  await saveRejected(store, errors);
  return new Map(sources.map((s) => [s.id, s]));
}

export interface RuntimeOptions {
  /** Load the source files (default true). */
  withSources?: boolean;
  /**
   * Embedded, what to do when the data folder holds no database: `create` it (serve, crawl), or stop with a
   * UsageError (default), so a mistyped --data is not a new, empty database.
   */
  data?: 'create' | 'existing';
}

export async function openRuntime(config: Config, options: RuntimeOptions = {}): Promise<Runtime> {
  const log = logger('kuzet');
  watchShutdown(log);
  consoleToLog(logger('lib'));
  const mode = isDistributed(config) ? 'distributed' : 'embedded';
  const withSources = options.withSources !== false;
  if (withSources) checkSourcesDir(config.sourcesDir);
  if (mode === 'embedded' && checkDataDir(config.dataDir, options.data ?? 'existing') === 'new')
    log.warn('no Kuzet database in the data folder yet: creating one', {
      file: path.join(config.dataDir, DATABASE_FILE),
    });
  if (mode === 'embedded' && (config.elasticsearchUrl || config.redisUrl)) {
    log.warn('ELASTICSEARCH_URL and REDIS_URL are both needed for the distributed mode; running embedded', {
      elasticsearch: Boolean(config.elasticsearchUrl),
      redis: Boolean(config.redisUrl),
    });
  }
  // Read before any connection is opened, so a bad file ends the command at once.
  const hooks = config.webhooksFile ? await loadWebhooks(config.webhooksFile, process.env) : null;
  const shutdown = new AbortController();
  const store = storeFor(config);
  const untilReady = { log, waitMs: config.startupWaitMs };
  await untilAvailable('creating the article store', () => store.init(), untilReady);
  const evidence = createEvidenceStore({
    dataDir: config.dataDir,
    elasticsearchUrl: mode === 'distributed' ? config.elasticsearchUrl : undefined,
    indexPrefix: config.elasticsearchIndexPrefix,
  });
  await untilAvailable('creating the evidence store', () => evidence.init(), untilReady).catch(async (error) => {
    await store.close(); // its open connections would keep the failed command alive
    throw error;
  });
  const sources = withSources ? await loadSourceMap(config.sourcesDir, log, store) : new Map<string, Source>();
  if (sources.size) await store.upsertSources([...sources.values()]);
  const classifier = await loadClassifier();
  classifier.classify('проверка', 'ru'); // fails now, not on every crawled page, when the model file is missing
  const queues = createQueues({
    redisUrl: mode === 'distributed' ? config.redisUrl : undefined,
    prefix: config.queuePrefix,
    lockMs: config.leaseMs,
  });
  const stageDeps: StageDeps = {
    store,
    classifier,
    queues,
    sources: () => sources,
    crawlOptions: crawlOptionsFrom(config),
    log,
    documents: mode === 'distributed' ? 'queue' : 'inline',
    signal: shutdown.signal,
    evidence: {
      evidence,
      log,
      settings: {
        capture: config.capture,
        captureMaxBytes: config.captureMaxBytes,
        retentionDays: config.captureRetentionDays,
        recheckAfterMs: config.recheckAfter,
      },
    },
    leaseMs: config.leaseMs,
    ...(hooks
      ? {
          webhooks: {
            hooks,
            allowPrivate: config.webhookAllowPrivate,
            publicUrl: config.publicUrl ?? null,
          },
        }
      : {}),
  };
  log.info('kuzet runtime ready', {
    mode,
    store: store.name,
    queues: queues.name,
    classifier: classifier.version,
    webhooks: stageDeps.webhooks?.hooks.length ?? 0,
  });
  return {
    config,
    mode,
    log,
    store,
    evidence,
    queues,
    classifier,
    sources,
    stageDeps,
    abort: () => shutdown.abort(),
    async close() {
      await queues.close();
      await evidence.close();
      await store.close();
    },
  };
}

/** Resolves on the first SIGINT or SIGTERM; from then on the process exits within SHUTDOWN_GRACE_MS. */
export function untilSignal(): Promise<NodeJS.Signals> {
  return watchShutdown(logger('kuzet'));
}
