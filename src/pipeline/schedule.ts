import type { Source } from '../domain.js';
import type { Logger } from '../log.js';
import type { JobQueues } from '../queue/port.js';
import { parseSchedule } from '../sources/index.js';
import { type CrawlJob, QUEUES } from './stages.js';

/**
 * Enqueue one crawl per source per schedule slot. The job id names the slot, so several
 * schedulers, or one restarted mid-slot, enqueue each crawl once.
 *
 * @example
 * const stop = startScheduler(queues, () => [...sources.values()], log);
 */
export async function enqueueDueCrawls(queues: JobQueues, sources: Source[], now = Date.now()): Promise<void> {
  await Promise.all(
    sources
      .filter((s) => s.enabled)
      .map((s) => {
        const slot = Math.floor(now / parseSchedule(s.schedule));
        return queues.add<CrawlJob>(QUEUES.crawl, { source_id: s.id }, { jobId: `crawl-${s.id}-${slot}` });
      }),
  );
}

export function startScheduler(queues: JobQueues, sources: () => Source[], log: Logger, tickMs = 30_000): () => void {
  const tick = () =>
    enqueueDueCrawls(queues, sources()).catch((error: unknown) =>
      log.error('scheduling crawls failed; retrying next tick', { error: String(error) }),
    );
  void tick();
  const timer = setInterval(tick, tickMs);
  return () => clearInterval(timer);
}
