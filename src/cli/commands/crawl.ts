import { NO_SOURCE_ANSWERED } from '../../pipeline/answers.js';
import { QUEUES, runCrawl, startWebhookWorker } from '../../pipeline/stages.js';
import { didYouMean } from '../did-you-mean.js';
import { parseCommand, UsageError } from '../flags.js';
import { openRuntime, untilSignal } from '../runtime.js';

const USAGE = `Usage: kuzet crawl --once [--sources DIR] [--data DIR] [--only ID[,ID...]]

Crawls every enabled source once (or those named by --only), storing new articles,
then prints one JSON line per source with what was found.`;

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommand(argv, { once: { type: 'boolean' }, only: { type: 'string' } }, USAGE);
  if (!parsed) return Number(process.exitCode ?? 0);
  if (!parsed.values.once) {
    console.error(`kuzet crawl: --once is required (use 'kuzet serve' to crawl on a schedule)\n\n${USAGE}`);
    return 2;
  }
  const runtime = await openRuntime(parsed.config, { data: 'create' });
  const only = typeof parsed.values.only === 'string' ? new Set(parsed.values.only.split(',')) : null;
  const unknown = [...(only ?? [])].filter((id) => !runtime.sources.has(id));
  if (unknown.length) {
    await runtime.close();
    const known = [...runtime.sources.keys()];
    throw new UsageError(
      `--only: no source ${unknown.map((id) => `'${id}'${didYouMean(id, known, (c) => `'${c}'`)}`).join(', ')} in ${parsed.config.sourcesDir}`,
    );
  }
  const sources = [...runtime.sources.values()].filter((s) => s.enabled && (!only || only.has(s.id)));
  let failed = 0;
  // SIGTERM cuts the crawl in progress short (recorded so in its health) and skips the sources after it.
  void untilSignal().then(() => runtime.abort());
  // Embedded, the in-process queue is gone when this command exits: deliver webhooks before it does.
  const webhooks = runtime.mode === 'embedded' ? startWebhookWorker(runtime.stageDeps, 2) : null;
  try {
    for (const source of sources) {
      if (runtime.stageDeps.signal?.aborted) break;
      const report = await runCrawl(source, { ...runtime.stageDeps, documents: 'inline' });
      if (!report.ok) failed++;
      console.log(JSON.stringify(report));
    }
    await runtime.store.refresh();
    if (webhooks) {
      await runtime.queues.drained(QUEUES.webhooks);
      await webhooks.close();
    }
  } finally {
    await runtime.close();
  }
  runtime.log.info('crawl --once done', { sources: sources.length, failed });
  if (sources.length > 0 && failed === sources.length) runtime.log.error(NO_SOURCE_ANSWERED, { sources: failed });
  // Some sources failing is normal; all of them failing (no network, bad config) is not.
  return sources.length > 0 && failed === sources.length ? 1 : 0;
}
