/**
 * The evidence port: raw captures of fetched pages (content-addressed, compressed, each body stored once)
 * and the re-check schedule of flagged items. Two adapters implement it (evidence/files for the embedded
 * mode, evidence/elasticsearch for the distributed one) and test/evidence/contract.ts runs against both.
 */

/** One page as it was served: what the crawler or a re-check fetched. */
export interface FetchedPage {
  /** The URL requested. */
  url: string;
  /** Where redirects ended. */
  final_url: string;
  status: number;
  /** Response headers, names in lower case, as received (the body is stored decoded, see README). */
  headers: Record<string, string>;
  body: Buffer;
  fetched_at: string;
  source_id: string;
}

/** One fetch, kept: the page's metadata and the digest of its body. */
export interface CaptureRecord {
  /** Derived from URL, fetch time and digest, so storing one fetch twice keeps one record. */
  id: string;
  url: string;
  final_url: string;
  status: number;
  headers: Record<string, string>;
  fetched_at: string;
  source_id: string;
  /** `sha256:<hex>` of the body bytes. */
  digest: string;
  /** Body bytes before compression. */
  size: number;
  /** Kept past retention (evidence of a flagged, edited or deleted item). */
  pinned: boolean;
}

/** What an article keeps of a capture: enough to find it and show when it was taken. */
export type CaptureRef = Pick<CaptureRecord, 'id' | 'digest' | 'fetched_at' | 'status' | 'url'>;

export interface CaptureStats {
  records: number;
  bodies: number;
  /** Sum of distinct body sizes before compression. */
  body_bytes: number;
  /** Bytes the store holds for the bodies (compressed). */
  stored_bytes: number;
}

/** Raw captures. */
export interface CaptureStore {
  /** Stores the body under its digest unless already there, then the record; the record is written last. */
  putCapture(page: FetchedPage): Promise<CaptureRecord>;
  getCapture(id: string): Promise<CaptureRecord | null>;
  /** The body bytes, decompressed; null when absent. */
  captureBody(digest: string): Promise<Buffer | null>;
  /** Exempts records from retention. */
  pinCaptures(ids: string[]): Promise<void>;
  /** Deletes unpinned records fetched before `before`, then bodies no record refers to. */
  pruneCaptures(before: string): Promise<{ records: number; bodies: number }>;
  captureStats(): Promise<CaptureStats>;
}

export interface Recheck {
  article_id: string;
  due_at: string;
}

/** When flagged items are fetched again to see whether they were deleted or edited. */
export interface RecheckSchedule {
  /** Adds re-checks; one already scheduled for the same article and time is kept as it is. */
  scheduleRechecks(articleId: string, dueAts: string[]): Promise<void>;
  /** Re-checks due at or before `now`, earliest first, not yet finished. */
  dueRechecks(now: string, limit: number): Promise<Recheck[]>;
  finishRecheck(articleId: string, dueAt: string): Promise<void>;
}

export interface EvidenceStore extends CaptureStore, RecheckSchedule {
  readonly name: string;
  /** Creates tables, folders or indices; safe to call twice. */
  init(): Promise<void>;
  close(): Promise<void>;
}
