/** Per-page shares of true positives, false positives and false negatives (they sum to 1). */
export interface PageScore {
  tp: number;
  fp: number;
  fn: number;
}

export interface ExtractionScore {
  precision: number;
  recall: number;
  f1: number;
  pages: number;
}

const WORD = /[\p{L}\p{N}\p{M}_]+/gu;

/** Multiset of consecutive 4-token shingles over Unicode `\w+` tokens (case kept). */
export function shingles(text: string, size = 4): Map<string, number> {
  const tokens = text.match(WORD) ?? [];
  const counts = new Map<string, number>();
  for (let i = 0; i + size <= tokens.length; i++) {
    const key = tokens.slice(i, i + size).join('\u0001');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/**
 * Scores one predicted text against the true one, normalised so every page weighs the same.
 *
 * @example
 * scorePage('a b c d e', 'a b c d e'); // { tp: 1, fp: 0, fn: 0 }
 */
export function scorePage(predicted: string, truth: string): PageScore {
  const pred = shingles(predicted);
  const gold = shingles(truth);
  let tp = 0;
  let predTotal = 0;
  let goldTotal = 0;
  for (const [key, n] of pred) {
    predTotal += n;
    tp += Math.min(n, gold.get(key) ?? 0);
  }
  for (const n of gold.values()) goldTotal += n;
  const fp = predTotal - tp;
  const fn = goldTotal - tp;
  const total = tp + fp + fn;
  return total === 0 ? { tp: 1, fp: 0, fn: 0 } : { tp: tp / total, fp: fp / total, fn: fn / total };
}

/** Precision, recall and F1 from per-page scores, as the article-extraction benchmark defines them. */
export function aggregate(pages: PageScore[]): ExtractionScore {
  const n = pages.length || 1;
  const mean = (k: keyof PageScore) => pages.reduce((sum, p) => sum + p[k], 0) / n;
  const tp = mean('tp');
  const fp = mean('fp');
  const fn = mean('fn');
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, pages: pages.length };
}
