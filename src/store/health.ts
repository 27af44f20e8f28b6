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
    crawling_since: null,
    last_outcome: null,
    last_note: null,
    last_skipped_at: null,
    skipped: 0,
  };
}

/** A stored record completed with the fields added since it was written. */
export function storedHealth(source_id: string, stored: Partial<SourceHealth> | null | undefined): SourceHealth {
  return { ...emptyHealth(source_id), ...(stored ?? {}) };
}

/**
 * The health after one crawl event: item counts are the last finished attempt's, `errors` counts all
 * failures, `consecutive_failures` resets on success. A crawl cut short is neither a success nor a
 * failure of the source; a skipped one changes only the skip fields.
 *
 * @example
 * nextHealth(emptyHealth('tengri'), { source_id: 'tengri', at, ok: false, items_found: 0, items_new: 0, error: 'HTTP 503' });
 */
export function nextHealth(previous: SourceHealth | null, update: HealthUpdate): SourceHealth {
  const prev = storedHealth(update.source_id, previous);
  switch (update.event) {
    case 'started':
      return { ...prev, crawling_since: update.at };
    case 'skipped':
      return {
        ...prev,
        last_outcome: 'skipped',
        last_note: update.error ?? 'another crawl of this source was running',
        last_skipped_at: update.at,
        skipped: prev.skipped + 1,
      };
    default:
      break;
  }
  const base = {
    ...prev,
    last_attempt_at: update.at,
    items_found: update.items_found,
    items_new: update.items_new,
    crawling_since: null,
  };
  if (update.event === 'cut_short') {
    return { ...base, last_outcome: 'cut_short', last_note: update.error ?? 'crawl cut short' };
  }
  if (update.ok)
    return {
      ...base,
      last_success_at: update.at,
      consecutive_failures: 0,
      last_outcome: 'ok',
      last_note: update.note ?? null,
    };
  return {
    ...base,
    last_outcome: 'failed',
    last_note: update.note ?? null,
    last_error: update.error ?? 'unknown error',
    last_error_at: update.at,
    errors: prev.errors + 1,
    consecutive_failures: prev.consecutive_failures + 1,
  };
}
