/** Crawl health bookkeeping shared by the adapters: pure functions from the last record and an update. */
import type { SourceHealth } from '../domain.js';
import type { HealthUpdate } from './port.js';

/** A source that was never crawled. */
export function emptyHealth(source_id: string): SourceHealth {
  return {
    source_id,
    last_attempt_at: null,
    last_success_at: null,
    last_error: null,
    last_error_at: null,
    items_found: 0,
    items_new: 0,
    errors: 0,
    consecutive_failures: 0,
  };
}

/**
 * The health after one crawl attempt: item counts are the attempt's, `errors` counts all failures,
 * `consecutive_failures` resets on success.
 *
 * @example
 * nextHealth(emptyHealth('tengri'), { source_id: 'tengri', at, ok: false, items_found: 0, items_new: 0, error: 'HTTP 503' });
 */
export function nextHealth(previous: SourceHealth | null, update: HealthUpdate): SourceHealth {
  const prev = previous ?? emptyHealth(update.source_id);
  const base = { ...prev, last_attempt_at: update.at, items_found: update.items_found, items_new: update.items_new };
  if (update.ok) return { ...base, last_success_at: update.at, consecutive_failures: 0 };
  return {
    ...base,
    last_error: update.error ?? 'unknown error',
    last_error_at: update.at,
    errors: prev.errors + 1,
    consecutive_failures: prev.consecutive_failures + 1,
  };
}
