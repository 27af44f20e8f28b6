import { startWorkers } from '../../pipeline/stages.js';
import { parseCommand } from '../flags.js';
import { openRuntime, untilSignal } from '../runtime.js';

const USAGE = `Usage: kuzet worker [--concurrency N] [--data DIR] [--sources DIR]

Runs the crawl and document stages from the queues (distributed mode: REDIS_URL and
ELASTICSEARCH_URL set). Start as many as the load needs.`;

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommand(argv, { concurrency: { type: 'string' } }, USAGE, (v) => ({
    workerConcurrency: v.concurrency,
  }));
  if (!parsed) return Number(process.exitCode ?? 0);
  const runtime = await openRuntime(parsed.config);
  if (runtime.mode !== 'distributed') {
    runtime.log.warn('worker started without REDIS_URL and ELASTICSEARCH_URL: it only sees jobs of its own process');
  }
  const workers = startWorkers(runtime.stageDeps, parsed.config.workerConcurrency);
  const signal = await untilSignal();
  runtime.log.info('worker shutting down', { signal });
  runtime.abort();
  await Promise.all(workers.map((w) => w.close()));
  await runtime.close();
  return 0;
}
