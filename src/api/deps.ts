import type { Logger } from '../log.js';
import type { ArticleStore } from '../store/port.js';

/** What the HTTP app needs from the outside world; built once by the CLI (or a test). */
export interface AppDeps {
  store: ArticleStore;
  /** Reported by /health; defaults to the package version. */
  version?: string;
  log?: Logger;
}

export type RouteDeps = Required<AppDeps>;
