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
  /** The URL people reach this instance at, without a trailing slash (`KUZET_PUBLIC_URL`), for links in feeds;
   * else the request's origin. */
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

export type RouteDeps = Required<Omit<AppDeps, 'publicUrl' | 'thresholds' | 'evidence'>> & {
  publicUrl: string | null;
  thresholds: () => Partial<Record<Label, number>>;
  evidence: EvidenceStore | null;
};
