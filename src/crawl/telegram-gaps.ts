import type { CrawlDeps } from './types.js';

/** At most this many unfilled gaps are remembered per channel; the oldest are dropped past it. */
const MAX_GAPS = 20;

const key = (channel: string) => `telegram-gaps:${channel.toLowerCase()}`;

/**
 * The holes in a channel's stored history: each number g means "posts older than g (below the
 * posts stored above it) have not all been collected yet". A crawl that stops paging back early —
 * its page budget spent, max_items reached, or the process killed — leaves its hole here, and the
 * next crawl resumes below it after catching up with the newest posts.
 *
 * @example
 * const gaps = await loadGaps(state, 'tengrinews'); // [4120, 3900]
 */
export async function loadGaps(state: CrawlDeps['state'], channel: string): Promise<number[]> {
  const raw = await state.getState(key(channel));
  if (!raw) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter((n): n is number => Number.isInteger(n) && n > 1) : [];
  } catch {
    return [];
  }
}

export async function saveGaps(state: CrawlDeps['state'], channel: string, gaps: number[]): Promise<void> {
  const unique = [...new Set(gaps)].sort((a, b) => b - a).slice(0, MAX_GAPS);
  await state.setState(key(channel), JSON.stringify(unique));
}
