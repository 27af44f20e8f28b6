import { startRecheckScheduler } from '../../pipeline/recheck.js';
import { startScheduler } from '../../pipeline/schedule.js';
import { parseCommand } from '../flags.js';
import { openRuntime, untilSignal } from '../runtime.js';

const USAGE = `Usage: kuzet scheduler [--sources DIR]

Enqueues a crawl of every enabled source on its schedule (distributed mode). Running two
schedulers is harmless: each slot's job id is enqueued once.`;

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommand(argv, {}, USAGE);
  if (!parsed) return Number(process.exitCode ?? 0);
  const runtime = await openRuntime(parsed.config);
  const stop = startScheduler(runtime.queues, () => [...runtime.sources.values()], runtime.log);
  const stopRechecks = startRecheckScheduler(runtime.stageDeps);
  const signal = await untilSignal();
  runtime.log.info('scheduler shutting down', { signal });
  stop();
  stopRechecks();
  await runtime.close();
  return 0;
}
