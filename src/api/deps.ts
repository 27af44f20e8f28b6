import type { Label } from '../domain.js';
import type { EvidenceStore } from '../evidence/port.js';
import type { Logger } from '../log.js';
import type { ArticleStore } from '../store/port.js';

/** What the HTTP app needs from the outside world; built once by the CLI (or a test). */
export interface AppDeps {
  store: ArticleStore;
  /** Reported by /health; defaults to the package version. */
  version?: string;
  log?: Logger;
  /** The URL people reach this instance at, without a trailing slash, for links in feeds and WARC files:
   * `KUZET_PUBLIC_URL`, else the address `serve` listens on (see cli/listen.ts); never the request's Host header.
   * Defaults to DEFAULT_PUBLIC_URL. */
  publicUrl?: string;
  /** Reading needs a signed-in user too (`KUZET_REQUIRE_LOGIN`); writing always does. */
  requireLogin?: boolean;
  /** The classifier's decision thresholds, for the review queue (default: read from lexicons/model.json). */
  thresholds?: Partial<Record<Label, number>>;
  /** Kept captures, for the capture views and WARC downloads; absent, those answer 404. */
  evidence?: EvidenceStore;
  /** Probes /health runs besides the store's, by name (e.g. the queue's Redis); each resolves when it is up. */
  dependencies?: Record<string, () => Promise<unknown>>;
}

/** Where links point when the app is given no public URL (an in-process app, a test). */
export const DEFAULT_PUBLIC_URL = 'http://localhost';

export type RouteDeps = Required<Omit<AppDeps, 'thresholds' | 'evidence'>> & {
  thresholds: () => Partial<Record<Label, number>>;
  evidence: EvidenceStore | null;
};
