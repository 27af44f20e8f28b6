import { startRecheckScheduler } from '../../pipeline/recheck.js';
import { startScheduler } from '../../pipeline/schedule.js';
import { QUEUES, startWorkers } from '../../pipeline/stages.js';
import { parseCommand } from '../flags.js';
import { listenApp } from '../listen.js';
import { openRuntime, untilSignal } from '../runtime.js';

const USAGE = `Usage: kuzet serve [--port N] [--host H] [--data DIR] [--sources DIR] [--no-crawl]

Serves the API and web UI. In embedded mode (default) it also crawls every source on its
schedule in the same process; with ELASTICSEARCH_URL and REDIS_URL set it serves only, and
'kuzet worker' and 'kuzet scheduler' run the crawl.`;

const SHUTDOWN_MS = 10_000;

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommand(
    argv,
    { port: { type: 'string' }, host: { type: 'string' }, 'no-crawl': { type: 'boolean' } },
    USAGE,
    (v) => ({
      port: v.port,
      host: v.host,
    }),
  );
  if (!parsed) return Number(process.exitCode ?? 0);
  const runtime = await openRuntime(parsed.config, { data: 'create' });
  const { config, log } = runtime;
  const deps = {
    store: runtime.store,
    evidence: runtime.evidence,
    log,
    requireLogin: config.requireLogin,
    ...(runtime.mode === 'distributed' ? { dependencies: { redis: () => runtime.queues.counts(QUEUES.crawl) } } : {}),
  };
  const { server, publicUrl } = await listenApp(deps, config).catch((error: Error) => {
    log.error('cannot listen', { port: config.port, error: error.message });
    throw error;
  });
  log.info('kuzet serving', {
    url: `http://${config.host}:${config.port}/`,
    public_url: publicUrl,
    public_url_from: config.publicUrl
      ? 'KUZET_PUBLIC_URL'
      : 'the listening address (set KUZET_PUBLIC_URL to change it)',
    mode: runtime.mode,
  });

  const crawling = runtime.mode === 'embedded' && !parsed.values['no-crawl'];
  const workers = crawling ? startWorkers(runtime.stageDeps, config.workerConcurrency) : [];
  const stopScheduler = crawling ? startScheduler(runtime.queues, () => [...runtime.sources.values()], log) : () => {};
  const stopRechecks = crawling ? startRecheckScheduler(runtime.stageDeps) : () => {};

  const signal = await untilSignal();
  log.info('shutting down', { signal });
  // A second signal, or a shutdown still waiting after SHUTDOWN_MS, ends the process at once.
  const now = (code: number, why: string) => () => {
    log.warn(why);
    process.exit(code);
  };
  process.once('SIGINT', now(130, 'second signal: exiting now'));
  process.once('SIGTERM', now(143, 'second signal: exiting now'));
  setTimeout(now(1, `shutdown still waiting after ${SHUTDOWN_MS / 1000} s: exiting now`), SHUTDOWN_MS).unref();
  stopScheduler();
  stopRechecks();
  runtime.abort();
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // Open keep-alive connections and slow downloads get a moment to finish, then are cut.
  setTimeout(() => (server as { closeAllConnections?: () => void }).closeAllConnections?.(), 2_000).unref();
  await Promise.all(workers.map((w) => w.close()));
  await closed;
  await runtime.close();
  return 0;
}
