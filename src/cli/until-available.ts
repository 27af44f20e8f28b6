import type { Logger } from '../log.js';
import { StoreUnavailableError } from '../store/errors.js';
import { watchShutdown } from './shutdown.js';

export interface UntilAvailableOptions {
  log: Logger;
  /** How long to keep trying before the command fails (KUZET_STARTUP_WAIT_MS). */
  waitMs: number;
  /** The first pause between attempts; each later one doubles, up to `maxDelayMs`. */
  firstDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * Runs a start-up step (creating indices, say) until the service behind it answers. Processes of the distributed
 * mode may start before Elasticsearch is up or while its cluster is still forming: an unavailable store is
 * logged and tried again with backoff for `waitMs`; any other error, or a signal to stop, ends the wait at once.
 *
 * @example
 * await untilAvailable('opening the article store', () => store.init(), { log, waitMs: 120_000 });
 */
export async function untilAvailable<T>(
  what: string,
  step: () => Promise<T>,
  options: UntilAvailableOptions,
): Promise<T> {
  const { log, waitMs, firstDelayMs = 500, maxDelayMs = 5_000 } = options;
  const giveUpAt = Date.now() + waitMs;
  const stop = watchShutdown(log);
  for (let attempt = 1, delay = firstDelayMs; ; attempt++, delay = Math.min(delay * 2, maxDelayMs)) {
    try {
      return await step();
    } catch (err) {
      if (!(err instanceof StoreUnavailableError)) throw err;
      const left = giveUpAt - Date.now();
      if (left <= 0) {
        throw new Error(`${err.message}; gave up after ${waitMs / 1000} s (KUZET_STARTUP_WAIT_MS)`, {
          cause: err,
        });
      }
      const pause = Math.min(delay, left);
      log.warn('not ready yet; trying again', { step: what, attempt, retry_in_ms: pause, error: err.message });
      let timer: NodeJS.Timeout | undefined;
      const slept = new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), pause);
      });
      const signal = await Promise.race([stop, slept]);
      clearTimeout(timer);
      if (signal) throw new Error(`${what}: stopped by ${signal} before the store answered`, { cause: err });
    }
  }
}
