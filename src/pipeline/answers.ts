/** One line when no source answers (the network is likely down), instead of only one failure per URL. */

import type { Source } from '../domain.js';
import type { Logger } from '../log.js';

/** The message logged when every source failed its crawl. */
export const NO_SOURCE_ANSWERED = 'no source answered: is the network up?';

interface Watch {
  failed: Set<string>;
  down: boolean;
}

const watches = new WeakMap<object, Watch>();

/**
 * Records whether a source's crawl got an answer. When the last crawl of every enabled source has failed, logs
 * NO_SOURCE_ANSWERED once; when one answers again, logs that once.
 *
 * @example
 * noteAnswer(deps, source.id, report.ok, deps.sources(), deps.log);
 */
export function noteAnswer(
  owner: object,
  sourceId: string,
  ok: boolean,
  sources: Map<string, Source>,
  log: Logger,
): void {
  const watch = watches.get(owner) ?? { failed: new Set<string>(), down: false };
  watches.set(owner, watch);
  if (ok) {
    watch.failed.clear();
    if (watch.down) log.info('sources answer again', { source: sourceId });
    watch.down = false;
    return;
  }
  watch.failed.add(sourceId);
  const enabled = [...sources.values()].filter((s) => s.enabled);
  if (!watch.down && enabled.length > 0 && enabled.every((s) => watch.failed.has(s.id))) {
    watch.down = true;
    log.error(NO_SOURCE_ANSWERED, { sources: enabled.length });
  }
}
