import type { Source } from '../domain.js';
import type { Logger } from '../log.js';
import { crawlSource } from './index.js';
import type { CrawlOptions } from './options.js';
import type { CrawlReport } from './types.js';

/** Nothing remembered and nothing stored: every entry point is fetched whole, without "changed since?". */
const NO_STATE = {
  getState: async () => null,
  setState: async () => {},
  existingIds: async () => new Set<string>(),
};

/**
 * Fetches every entry point of each source once, through the crawler itself in check mode (same HTTP
 * client, robots.txt, pacing and feed/sitemap/listing/channel parsing), following and storing nothing.
 * Reports come back in the order of `sources`; `concurrency` sources are checked at a time.
 *
 * @example
 * const reports = await checkSources(sources, { options: { userAgent } });
 * const dead = reports.filter((r) => !r.ok).map((r) => r.source_id);
 */
export async function checkSources(
  sources: Source[],
  deps: { options?: Partial<CrawlOptions>; log?: Logger; concurrency?: number } = {},
): Promise<CrawlReport[]> {
  const reports: CrawlReport[] = new Array(sources.length);
  let next = 0;
  const worker = async () => {
    while (next < sources.length) {
      const i = next++;
      reports[i] = await crawlSource(sources[i], {
        state: NO_STATE,
        emit: async () => {},
        options: deps.options,
        log: deps.log,
        checkOnly: true,
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(deps.concurrency ?? 4, sources.length) }, worker));
  return reports;
}
