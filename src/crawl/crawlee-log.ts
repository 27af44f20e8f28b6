import { Log, Logger, LogLevel } from '@crawlee/cheerio';
import type { Logger as KuzetLogger } from '../log.js';

class ForwardingLogger extends Logger {
  constructor(private readonly target: KuzetLogger) {
    super({});
  }

  override _log(level: LogLevel, message: string, data?: Record<string, unknown>, exception?: unknown): void {
    const fields = { ...data, ...(exception ? { error: String((exception as Error).message ?? exception) } : {}) };
    // Kuzet logs each request that fails for good itself ("crawl problem", with its URL and reason), once.
    const repeated = message.startsWith('Request failed and reached maximum retries');
    if (level <= LogLevel.ERROR && !repeated) this.target.warn(`crawlee: ${message}`, fields);
    else this.target.debug(`crawlee: ${message}`, fields);
  }
}

/** A Crawlee `Log` that writes through Kuzet's JSON logger (errors as warn, the rest as debug), never to stdout. */
export function crawleeLog(target: KuzetLogger): Log {
  return new Log({ level: LogLevel.INFO, logger: new ForwardingLogger(target) });
}
