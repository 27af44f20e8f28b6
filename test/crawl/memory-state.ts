import type { CrawlDeps } from '../../src/crawl/index.js';
import { documentKey } from '../../src/dedupe/canonical-url.js';
import type { CrawledDocument } from '../../src/domain.js';
import type { Logger } from '../../src/log.js';

/** Log lines a crawl wrote, kept for assertions instead of printed. */
export interface LogLine {
  level: string;
  msg: string;
  fields?: Record<string, unknown>;
}

/** A plain in-memory data sink for crawl tests: key/value state, stored ids and the documents emitted. */
export class MemoryState {
  readonly values = new Map<string, string>();
  readonly ids = new Set<string>();
  readonly docs: CrawledDocument[] = [];
  readonly logs: LogLine[] = [];
  readonly log: Logger = {
    debug: () => {},
    info: (msg, fields) => this.logs.push({ level: 'info', msg, fields }),
    warn: (msg, fields) => this.logs.push({ level: 'warn', msg, fields }),
    error: (msg, fields) => this.logs.push({ level: 'error', msg, fields }),
  };

  async getState(key: string): Promise<string | null> {
    return this.values.get(key) ?? null;
  }

  async setState(key: string, value: string): Promise<void> {
    this.values.set(key, value);
  }

  async existingIds(ids: string[]): Promise<Set<string>> {
    return new Set(ids.filter((id) => this.ids.has(id)));
  }

  /** Stores a document the way the pipeline does: by the id of the canonicalised URL it was fetched from. */
  async emit(doc: CrawledDocument): Promise<void> {
    this.docs.push(doc);
    this.ids.add(documentKey(doc.url));
  }

  deps(options: CrawlDeps['options'] = {}, extra: Partial<CrawlDeps> = {}): CrawlDeps {
    return { state: this, emit: (doc) => this.emit(doc), options: { ...FAST, ...options }, log: this.log, ...extra };
  }
}

/** Small delays and timeouts so crawl tests stay fast. */
export const FAST: CrawlDeps['options'] = {
  perHostDelayMs: 0,
  maxConcurrencyPerHost: 4,
  requestTimeoutSecs: 2,
  maxRetries: 1,
  retryBackoffMs: 10,
};
