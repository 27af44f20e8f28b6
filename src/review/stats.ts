/**
 * Agreement: reviewers against the classifier (precision, recall, F1), reviewers against each other (Cohen's κ),
 * and the random stream sample as an estimate of the classifier on the whole stream, with 95% intervals.
 */
import type { Label } from '../domain.js';
import { type Review, VERDICT_LABELS } from './types.js';
import { byArticle, humanVerdict, latestPerReviewer } from './verdict.js';

export interface AgreementRow {
  label: Label;
  /** A language code, or `all`. */
  lang: string;
  /** Reviews compared with the classifier (each reviewer's latest per article). */
  reviewed: number;
  precision: number | null;
  recall: number | null;
  f1: number | null;
  /** Articles reviewed by two or more people: their first two reviewers compared. */
  pairs: number;
  kappa: number | null;
}

export interface Interval {
  value: number;
  low: number;
  high: number;
}

export interface StreamEstimate {
  label: Label;
  /** Sampled articles with a settled human verdict. */
  sampled: number;
  sampled_flagged: number;
  sampled_unflagged: number;
  /** Articles in the store, and how many the classifier flagged with the label. */
  stream_total: number;
  stream_flagged: number;
  precision: Interval | null;
  recall: Interval | null;
}

export interface ReviewStats {
  reviews: number;
  articles: number;
  reviewers: number;
  rows: AgreementRow[];
  stream: StreamEstimate[];
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

/** Cohen's κ of two raters' yes/no answers. */
export function cohenKappa(pairs: Array<[boolean, boolean]>): number | null {
  if (!pairs.length) return null;
  const n = pairs.length;
  const agree = pairs.filter(([a, b]) => a === b).length / n;
  const a1 = pairs.filter(([a]) => a).length / n;
  const b1 = pairs.filter(([, b]) => b).length / n;
  const chance = a1 * b1 + (1 - a1) * (1 - b1);
  return chance === 1 ? (agree === 1 ? 1 : 0) : (agree - chance) / (1 - chance);
}

/**
 * The Wilson score interval of a proportion (95%).
 *
 * @example
 * wilson(45, 50) // { value: 0.9, low: 0.786, high: 0.957 }
 */
export function wilson(successes: number, n: number, z = 1.96): Interval | null {
  if (n === 0) return null;
  const p = successes / n;
  const denom = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denom;
  return { value: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

function agreementRow(label: Label, lang: string, latest: Review[], pairs: Array<[Review, Review]>): AgreementRow {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let reviewed = 0;
  for (const r of latest) {
    if (!r.machine) continue;
    reviewed++;
    const human = r.verdict[label];
    const machine = r.machine[label];
    if (human && machine) tp++;
    else if (machine) fp++;
    else if (human) fn++;
  }
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  const f1 =
    precision !== null && recall !== null && precision + recall > 0
      ? (2 * precision * recall) / (precision + recall)
      : null;
  const kappa = cohenKappa(pairs.map(([a, b]) => [a.verdict[label], b.verdict[label]]));
  return { label, lang, reviewed, precision, recall, f1, pairs: pairs.length, kappa };
}

/** How the classifier does on the whole stream, from the sampled articles' settled verdicts and the stream's counts. */
function streamEstimate(
  label: Label,
  perArticle: Review[][],
  totals: { total: number; flagged: number },
): StreamEstimate {
  let flaggedRight = 0;
  let flagged = 0;
  let missed = 0;
  let unflagged = 0;
  for (const reviews of perArticle) {
    const human = humanVerdict(reviews);
    const machine = reviews.find((r) => r.machine)?.machine;
    if (!human?.verdict || !machine || !reviews.some((r) => r.stream_sample)) continue;
    if (machine[label]) {
      flagged++;
      if (human.verdict[label]) flaggedRight++;
    } else {
      unflagged++;
      if (human.verdict[label]) missed++;
    }
  }
  const precision = wilson(flaggedRight, flagged);
  const missRate = wilson(missed, unflagged);
  const F = totals.flagged;
  const U = Math.max(0, totals.total - totals.flagged);
  const recallOf = (p: number, m: number) => (p * F + m * U > 0 ? (p * F) / (p * F + m * U) : 1);
  const recall =
    precision && missRate
      ? {
          value: recallOf(precision.value, missRate.value),
          low: recallOf(precision.low, missRate.high),
          high: recallOf(precision.high, missRate.low),
        }
      : null;
  return {
    label,
    sampled: flagged + unflagged,
    sampled_flagged: flagged,
    sampled_unflagged: unflagged,
    stream_total: totals.total,
    stream_flagged: F,
    precision,
    recall,
  };
}

/**
 * Agreement per label and language (and over all languages), from every review.
 *
 * @example
 * reviewStats(reviews, { xenophobic: { total: 12000, flagged: 340 }, … }).rows
 */
export function reviewStats(reviews: Review[], totals: Record<Label, { total: number; flagged: number }>): ReviewStats {
  const perArticle = [...byArticle(reviews).values()];
  const latest = perArticle.flatMap(latestPerReviewer);
  const pairs = perArticle.flatMap((rs): Array<[Review, Review]> => {
    const l = latestPerReviewer(rs);
    return l.length >= 2 ? [[l[0], l[1]]] : [];
  });
  const langs = [...new Set(latest.map((r) => r.lang))].sort();
  const rows: AgreementRow[] = [];
  for (const label of VERDICT_LABELS) {
    rows.push(agreementRow(label, 'all', latest, pairs));
    for (const lang of langs)
      rows.push(
        agreementRow(
          label,
          lang,
          latest.filter((r) => r.lang === lang),
          pairs.filter(([a]) => a.lang === lang),
        ),
      );
  }
  return {
    reviews: reviews.length,
    articles: perArticle.length,
    reviewers: new Set(reviews.map((r) => r.reviewer_id)).size,
    rows,
    stream: VERDICT_LABELS.map((label) => streamEstimate(label, perArticle, totals[label])),
  };
}
