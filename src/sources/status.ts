import type { SourceWithHealth } from '../domain.js';
import { isValidSchedule, parseSchedule } from './schedule.js';

/** How a source is doing, as /sources and /api/sources show it. */
export type SourceStatus = 'ok' | 'stale' | 'failing' | 'pending' | 'disabled';

const DAY_MS = 86_400_000;

/**
 * A source's state: `failing` after 3 consecutive failures or when it was tried and has never succeeded,
 * `pending` when it has never been tried, `stale` when the last success is older than three schedule
 * periods (and at least a day), `ok` otherwise.
 *
 * @example
 * sourceStatus(source, Date.now()) // 'failing' for a source whose first crawl failed
 */
export function sourceStatus(s: SourceWithHealth, now: number): SourceStatus {
  if (!s.enabled) return 'disabled';
  if (s.health.consecutive_failures >= 3) return 'failing';
  const last = s.health.last_success_at ? Date.parse(s.health.last_success_at) : Number.NaN;
  if (Number.isNaN(last)) return s.health.last_attempt_at ? 'failing' : 'pending';
  const period = isValidSchedule(s.schedule) ? parseSchedule(s.schedule) : DAY_MS;
  return now - last > Math.max(3 * period, DAY_MS) ? 'stale' : 'ok';
}
