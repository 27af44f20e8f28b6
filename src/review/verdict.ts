/** The human verdict on an article, from its reviews: each reviewer's latest review counts once. */
import type { Classification } from '../domain.js';
import { type Review, VERDICT_LABELS, type Verdict } from './types.js';

/** The classifier's verdict in the shape reviewers give theirs. */
export function machineVerdict(c: Classification | null): Verdict | null {
  if (!c) return null;
  const { xenophobic, migration_policy, counter_speech, severity, targets } = c;
  return { xenophobic, migration_policy, counter_speech, severity, targets: [...targets].sort() };
}

/** Two verdicts agree when labels, severity and target groups are the same. */
export function verdictKey(v: Verdict): string {
  return JSON.stringify([...VERDICT_LABELS.map((l) => v[l]), v.severity, [...v.targets].sort()]);
}

/** Whether the reviewer changed any label, the severity or the targets the classifier gave. */
export function correctsMachine(r: Review): boolean {
  return r.machine === null || verdictKey(r.machine) !== verdictKey(r.verdict);
}

/** Each reviewer's latest review of one article, oldest first. */
export function latestPerReviewer(reviews: Review[]): Review[] {
  const latest = new Map<string, Review>();
  for (const r of [...reviews].sort((a, b) => a.created_at.localeCompare(b.created_at))) latest.set(r.reviewer_id, r);
  return [...latest.values()];
}

/** What the reviews of one article say, beside the machine's verdict. */
export interface HumanVerdict {
  /** The verdict most reviewers gave (a strict majority), or null when they are split. */
  verdict: Verdict | null;
  reviewers: number;
  /** Reviewers gave different verdicts. */
  reviewers_disagree: boolean;
  /** The settled verdict (or, when split, any reviewer) differs from what the classifier said. */
  corrects_classifier: boolean;
  last_reviewed_at: string;
}

/**
 * The human verdict of one article's reviews, or null when it has none.
 *
 * @example
 * humanVerdict(await store.reviewsOf([id]))?.verdict?.xenophobic
 */
export function humanVerdict(reviews: Review[]): HumanVerdict | null {
  const latest = latestPerReviewer(reviews);
  if (!latest.length) return null;
  const votes = new Map<string, Review[]>();
  for (const r of latest) votes.set(verdictKey(r.verdict), [...(votes.get(verdictKey(r.verdict)) ?? []), r]);
  const [top] = [...votes.values()].sort((a, b) => b.length - a.length);
  const settled = top.length * 2 > latest.length ? top[top.length - 1] : null;
  return {
    verdict: settled?.verdict ?? null,
    reviewers: latest.length,
    reviewers_disagree: votes.size > 1,
    corrects_classifier: settled ? correctsMachine(settled) : latest.some(correctsMachine),
    last_reviewed_at: latest.map((r) => r.created_at).sort()[latest.length - 1],
  };
}

/** Reviews grouped by article id. */
export function byArticle(reviews: Iterable<Review>): Map<string, Review[]> {
  const out = new Map<string, Review[]>();
  for (const r of reviews) {
    const list = out.get(r.article_id);
    if (list) list.push(r);
    else out.set(r.article_id, [r]);
  }
  return out;
}
