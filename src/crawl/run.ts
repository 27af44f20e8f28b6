import type { Request } from '@crawlee/cheerio';
import { canonicalizeUrl, documentKey } from '../dedupe/canonical-url.js';
import type { CrawledDocument, Source } from '../domain.js';
import { extractorVersion } from '../extract/version.js';
import type { Logger } from '../log.js';
import { CompletionTree } from './completion.js';
import type { EntryDetail, EntryPointReport } from './entry-points.js';
import type { CrawlOptions } from './options.js';
import type { RobotsCache } from './robots.js';
import type { CrawlDeps, CrawlReport, ItemHint, Label, RequestData } from './types.js';

export interface NewRequest {
  url: string;
  label: Label;
  uniqueKey: string;
  userData: RequestData;
}

interface Candidate {
  url: string;
  hint?: ItemHint;
}

/** Conditional-GET validators remembered for a feed or sitemap URL. */
export interface Validators {
  etag?: string;
  last_modified?: string;
}

export const stateKey = (url: string): string => `http:${url}`;

/**
 * Everything one crawl of one source remembers while it runs: the report being built, URLs already
 * queued, the max_items budget, entry-point outcomes and the completion tree for conditional GET.
 */
export class CrawlRun {
  readonly tree = new CompletionTree();
  readonly errors: string[] = [];
  readonly found = new Set<string>();
  readonly validators = new Map<string, Validators>();
  emitted = 0;
  /** Canonical URLs emitted in this run, so a retried page does not emit twice. */
  readonly emittedUrls = new Set<string>();
  aborted = false;
  /** Origins whose robots.txt could not be read (network error, 5xx). */
  readonly robotsUnreadable = new Set<string>();
  private readonly queued = new Set<string>();
  private readonly entries = new Map<string, EntryPointReport>();
  private remaining: number;
  private listedBudget: number;
  /** Why this crawl read fewer feed items or sitemap URLs than its entry points list, when it did. */
  capped: string | null = null;
  private readonly pattern?: RegExp;
  /** Recorded on every document of this run. */
  readonly extractorVersion: string;
  add: (requests: NewRequest[]) => Promise<void> = async () => {};
  /** Documents handed on in the background and not stored yet (see emitInBackground). */
  private readonly unsettled = new Set<Promise<void>>();

  constructor(
    readonly source: Source,
    readonly deps: CrawlDeps,
    readonly options: CrawlOptions,
    readonly log: Logger,
    readonly robots: RobotsCache | null,
  ) {
    this.remaining = source.max_items;
    this.listedBudget = this.listedCap;
    this.extractorVersion = extractorVersion(source);
    this.pattern = source.article_url_pattern ? new RegExp(source.article_url_pattern) : undefined;
  }

  error(url: string, reason: string): void {
    this.errors.push(`${url}: ${reason}`);
    this.log.warn('crawl problem', { source_id: this.source.id, url, reason });
  }

  /** Only entry points are fetched and reported: nothing is followed or emitted (`kuzet sources check`). */
  get checkOnly(): boolean {
    return this.deps.checkOnly === true;
  }

  /** Records the response an entry point got (status and Content-Type), before its body is read. */
  entryResponse(request: Pick<Request, 'url' | 'userData'>, status: number, contentType: string | undefined): void {
    const entry = (request.userData as RequestData).entry ? this.entries.get(request.url) : undefined;
    if (entry) Object.assign(entry, { status, content_type: contentType ?? null });
  }

  /** Records an entry point's outcome: null when it was read, else why not; with what it listed. */
  entryDone(request: Pick<Request, 'url' | 'userData'>, failure: string | null, detail: EntryDetail = {}): void {
    const entry = (request.userData as RequestData).entry ? this.entries.get(request.url) : undefined;
    if (!entry) return;
    Object.assign(entry, { ok: failure === null, error: failure, ...detail });
  }

  report(startedAt: number): CrawlReport {
    const outcomes = [...this.entries.values()];
    const ok = outcomes.some((entry) => entry.ok);
    const errors = [...this.errors];
    if (!ok && outcomes.length === 0)
      errors.push(
        `${this.source.id}: ${this.aborted ? 'crawl aborted before any entry point was read' : 'no entry point was read'}`,
      );
    return {
      source_id: this.source.id,
      ok,
      items_found: this.found.size,
      items_new: this.emitted,
      errors,
      entry_points: outcomes.map((entry) => ({ ...entry })),
      duration_ms: Date.now() - startedAt,
      ...(this.capped ? { capped: this.capped } : {}),
    };
  }

  async allowed(url: string): Promise<boolean> {
    if (!this.robots || (await this.robots.isAllowed(url))) return true;
    this.log.info('skipped: disallowed by robots.txt', { source_id: this.source.id, url });
    return false;
  }

  async emit(doc: CrawledDocument): Promise<boolean> {
    const key = documentKey(doc.url);
    if (this.aborted) return false;
    if (this.emittedUrls.has(key)) return true;
    await this.deps.emit(doc);
    this.emittedUrls.add(key);
    this.emitted++;
    return true;
  }

  /** Feed items and sitemap URLs one crawl of this source reads. */
  get listedCap(): number {
    return this.source.max_listed_urls ?? this.options.maxListedUrls;
  }

  /** Feed items and sitemap URLs this crawl may still read. */
  get listedLeft(): number {
    return this.listedBudget;
  }

  /**
   * Spends `kept` of the listed-URL budget on a feed or sitemap that listed `listed`. When some were left
   * out, logs why, notes the crawl as capped and returns the note; null otherwise.
   */
  takeListed(url: string, listed: number, kept: number): string | null {
    this.listedBudget = Math.max(0, this.listedBudget - kept);
    if (listed <= kept) return null;
    const cap = this.listedCap;
    const note = `URL cap: ${listed} listed, ${kept} read (at most ${cap} feed items and sitemap URLs per crawl, max_listed_urls); the rest wait for a later crawl`;
    this.capped ??= `${url}: ${note}`;
    this.log.warn('URL cap reached', { source_id: this.source.id, url, listed, read: kept, cap });
    return note;
  }

  /**
   * Hands a document on without holding the page's crawl slot while it is stored (the pipeline stores the
   * documents of many pages in one write): the node `key` of the completion tree finishes once the document is
   * stored, so a feed's validators are committed only after every article under it is, and a crash before that
   * leaves the page to the next crawl. A document that cannot be stored is reported and fetched again next time.
   */
  emitInBackground(doc: CrawledDocument, key: string): void {
    const stored = this.emit(doc).then(
      (emitted) => this.tree.finish(key, emitted),
      async (err: Error) => {
        this.error(doc.url, `not stored (${err.message}); fetched again on the next crawl`);
        await this.tree.finish(key, false);
      },
    );
    this.unsettled.add(stored);
    void stored.finally(() => this.unsettled.delete(stored));
  }

  /** Resolves once every document handed on in the background is stored or reported. */
  async settled(): Promise<void> {
    while (this.unsettled.size) await Promise.all([...this.unsettled]);
  }

  /** Takes one new item from the max_items budget; false when it is spent. */
  takeBudget(): boolean {
    if (this.remaining <= 0) return false;
    this.remaining--;
    return true;
  }

  /** Queues a feed/sitemap/listing request once per run, as a child of `parentKey` when given. */
  async enqueuePage(url: string, label: Label, parentKey?: string, entry = false): Promise<boolean> {
    const key = `${label}:${url}`;
    if (this.queued.has(key) || (this.checkOnly && !entry)) return false;
    this.queued.add(key);
    const allowed = await this.allowed(url);
    // robots.txt that cannot be read refuses the whole origin (RFC 9309); the reason names it.
    const refused = allowed ? null : (this.robots?.whyRefused(url) ?? 'disallowed by robots.txt');
    if (entry) {
      this.entries.set(url, {
        url,
        kind: label.toLowerCase() as EntryPointReport['kind'],
        ok: false,
        status: null,
        content_type: null,
        items: null,
        newest_item_at: null,
        robots: allowed ? 'allowed' : this.robotsUnreadable.has(new URL(url).origin) ? 'unreadable' : 'disallowed',
        error: refused ?? 'not read (the crawl stopped first)',
      });
    }
    if (!allowed) {
      if (entry) this.error(url, `${refused}; not fetched`);
      return false;
    }
    this.tree.open(key, (ok) => this.commitValidators(key, url, ok));
    if (parentKey) this.tree.link(parentKey, key);
    await this.add([{ url, label, uniqueKey: key, userData: { key, entry } }]);
    return true;
  }

  /**
   * Queues the article URLs found under `parentKey` that match the source's pattern, are not stored
   * yet, are allowed by robots.txt and fit in the max_items budget.
   */
  async enqueueArticles(parentKey: string, candidates: Candidate[]): Promise<void> {
    const fresh = new Map<string, Candidate>();
    for (const candidate of candidates) {
      if (this.pattern && !this.pattern.test(candidate.url)) continue;
      const canonical = canonicalizeUrl(candidate.url);
      if (!canonical) continue;
      this.found.add(canonical);
      if (this.checkOnly) continue;
      const key = `ARTICLE:${canonical}`;
      if (this.tree.has(key)) this.tree.link(parentKey, key);
      else if (!fresh.has(canonical)) fresh.set(canonical, candidate);
    }
    if (fresh.size === 0) return;
    const ids = new Map([...fresh.keys()].map((canonical) => [documentKey(canonical), canonical]));
    const stored = await this.deps.state.existingIds([...ids.keys()]);
    const requests: NewRequest[] = [];
    for (const [id, canonical] of ids) {
      if (stored.has(id)) continue;
      const candidate = fresh.get(canonical) as Candidate;
      if (!(await this.allowed(candidate.url))) continue;
      if (!this.takeBudget()) {
        this.tree.fail(parentKey);
        this.log.info('max_items reached; remaining items wait for the next crawl', {
          source_id: this.source.id,
          parent: parentKey,
        });
        break;
      }
      const key = `ARTICLE:${canonical}`;
      this.tree.open(key);
      this.tree.link(parentKey, key);
      requests.push({ url: candidate.url, label: 'ARTICLE', uniqueKey: key, userData: { key, hint: candidate.hint } });
    }
    if (requests.length) await this.add(requests);
  }

  private async commitValidators(key: string, url: string, ok: boolean): Promise<void> {
    const validators = this.validators.get(key);
    if (!ok || !validators || this.aborted) return;
    try {
      await this.deps.state.setState(stateKey(url), JSON.stringify(validators));
    } catch (err) {
      this.log.warn('could not store ETag/Last-Modified; the next crawl re-reads this URL', {
        url,
        reason: (err as Error).message,
      });
    }
  }
}
