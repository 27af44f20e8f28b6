import type { Logger } from '../log.js';

/** How long a process may take to close after SIGTERM or SIGINT before it exits regardless. */
export const SHUTDOWN_GRACE_MS = 8_000;

let received: Promise<NodeJS.Signals> | null = null;

/**
 * Watches for SIGTERM and SIGINT from the start of a long-running command, so a signal that arrives while
 * it is still connecting is not lost. From the first signal the process has `graceMs` to close cleanly
 * (crawls cut short and recorded, queues and connections closed); then, or at a second signal, it exits
 * whatever is still waiting (an unreachable Redis or Elasticsearch).
 *
 * @example
 * watchShutdown(log);
 * const signal = await untilSignal();
 */
export function watchShutdown(log: Logger, graceMs = SHUTDOWN_GRACE_MS): Promise<NodeJS.Signals> {
  received ??= new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      for (const name of ['SIGINT', 'SIGTERM'] as const) process.removeListener(name, onSignal);
      for (const name of ['SIGINT', 'SIGTERM'] as const)
        process.once(name, () => exitNow(log, name, 'a second signal'));
      const timer = setTimeout(() => exitNow(log, signal, `still closing after ${graceMs} ms`), graceMs);
      timer.unref();
      resolve(signal);
    };
    for (const name of ['SIGINT', 'SIGTERM'] as const) process.once(name, onSignal);
  });
  return received;
}

function exitNow(log: Logger, signal: NodeJS.Signals, why: string): never {
  log.warn('shutdown forced: exiting without waiting for the rest', { signal, why });
  process.exit(1);
}
