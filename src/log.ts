/**
 * Structured logging: one JSON object per line on stderr, so stdout stays free for command output.
 * LOG_LEVEL=debug|info|warn|error (default info); LOG_LEVEL=silent turns it off.
 *
 * @example
 * const log = logger('crawl');
 * log.warn('skipped page', { url, reason: 'binary content' });
 */
export type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level | 'silent', number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

function threshold(): number {
  const level = (process.env.LOG_LEVEL ?? 'info') as Level | 'silent';
  return ORDER[level] ?? ORDER.info;
}

export function logger(component: string): Logger {
  const write = (level: Level) => (msg: string, fields?: Record<string, unknown>) => {
    if (ORDER[level] < threshold()) return;
    const line = { t: new Date().toISOString(), level, component, msg, ...fields };
    process.stderr.write(`${safeJson(line)}\n`);
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

/** JSON that never throws: errors become their message, bigints strings, cycles `[circular]`. */
function safeJson(value: unknown): string {
  const seen = new WeakSet<object>();
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof Error) return v.message;
    if (typeof v === 'bigint') return v.toString();
    if (v && typeof v === 'object') {
      if (seen.has(v)) return '[circular]';
      seen.add(v);
    }
    return v;
  });
}

/**
 * A logger for errors that repeat (a dependency down, reconnect attempts): the first occurrence of each
 * message is written at once; repeats within `windowMs` are counted, and the next line after the window
 * carries `repeated` (how many were held back).
 *
 * @example
 * const warnOnce = repeatLimited(log, 'warn');
 * redis.on('error', (e) => warnOnce('redis connection error', { error: e.message }, e.message));
 */
export function repeatLimited(
  log: Logger,
  level: Level,
  windowMs = 30_000,
): (msg: string, fields?: Record<string, unknown>, key?: string) => void {
  const seen = new Map<string, { at: number; held: number }>();
  return (msg, fields = {}, key = msg) => {
    const now = Date.now();
    const entry = seen.get(key);
    if (entry && now - entry.at < windowMs) {
      entry.held++;
      return;
    }
    if (seen.size > 1000) seen.clear();
    seen.set(key, { at: now, held: 0 });
    log[level](msg, entry?.held ? { ...fields, repeated: entry.held } : fields);
  };
}

/**
 * Sends console.error and console.warn from libraries through `log`, so a long-running process writes
 * only JSON lines (an Error becomes its message, not a multi-line stack).
 */
export function consoleToLog(log: Logger): void {
  const text = (args: unknown[]) =>
    args
      .map((a) => (a instanceof Error ? `${a.name}: ${a.message}` : typeof a === 'string' ? a : safeJson(a)))
      .join(' ');
  console.error = (...args: unknown[]) => log.error(text(args));
  console.warn = (...args: unknown[]) => log.warn(text(args));
}
