import { describe, expect, it } from 'vitest';
import { cohenKappa, reviewStats, wilson } from '../../src/review/stats.js';
import type { Review, Verdict } from '../../src/review/types.js';
import { humanVerdict } from '../../src/review/verdict.js';

const v = (xenophobic: boolean, migration_policy = false): Verdict => ({
  xenophobic,
  migration_policy,
  counter_speech: false,
  severity: xenophobic ? 1 : 0,
  targets: [],
});
let n = 0;
const review = (
  article: string,
  reviewer: string,
  verdict: Verdict,
  machine: Verdict,
  over: Partial<Review> = {},
): Review => ({
  id: `r${n++}`,
  article_id: article,
  reviewer_id: reviewer,
  created_at: `2025-03-01T10:00:${String(n % 60).padStart(2, '0')}.000Z`,
  classifier_version: 'v1',
  machine,
  verdict,
  note: null,
  lang: 'ru',
  stream_sample: false,
  ...over,
});
const totals = {
  xenophobic: { total: 1000, flagged: 100 },
  migration_policy: { total: 1000, flagged: 0 },
  counter_speech: { total: 1000, flagged: 0 },
};

describe('review statistics', () => {
  it('computes Cohen’s kappa and Wilson intervals', () => {
    expect(
      cohenKappa([
        [true, true],
        [false, false],
        [true, true],
        [false, false],
      ]),
    ).toBe(1);
    expect(
      cohenKappa([
        [true, false],
        [false, true],
      ]),
    ).toBeCloseTo(-1);
    expect(
      cohenKappa([
        [true, true],
        [true, false],
        [false, false],
        [false, false],
      ]),
    ).toBeCloseTo(0.5);
    expect(cohenKappa([])).toBeNull();
    const w = wilson(45, 50);
    expect(w?.value).toBe(0.9);
    expect(w?.low).toBeCloseTo(0.786, 2);
    expect(w?.high).toBeCloseTo(0.957, 2);
    expect(wilson(0, 0)).toBeNull();
  });

  it('settles a verdict by majority, each reviewer’s latest review counting once', () => {
    const a = review('a', 'dana', v(true), v(true));
    const b = review('a', 'aibek', v(false), v(true));
    expect(humanVerdict([a, b])).toMatchObject({ verdict: null, reviewers: 2, reviewers_disagree: true });
    const c = review('a', 'root', v(false), v(true));
    expect(humanVerdict([a, b, c])).toMatchObject({ verdict: v(false), corrects_classifier: true });
    const again = review('a', 'dana', v(false), v(true));
    expect(humanVerdict([a, b, again])).toMatchObject({ reviewers: 2, reviewers_disagree: false, verdict: v(false) });
  });

  it('scores reviewers against the classifier per label and language, and reviewers against each other', () => {
    const reviews = [
      review('a1', 'dana', v(true), v(true)),
      review('a2', 'dana', v(false), v(true)),
      review('a3', 'dana', v(true), v(false), { lang: 'kk' }),
      review('a4', 'dana', v(true), v(true)),
      review('a4', 'aibek', v(true), v(true)),
      review('a1', 'aibek', v(false), v(true)),
    ];
    const stats = reviewStats(reviews, totals);
    const all = stats.rows.find((r) => r.label === 'xenophobic' && r.lang === 'all');
    expect(all).toMatchObject({ reviewed: 6, pairs: 2 });
    expect(all?.precision).toBeCloseTo(3 / 5);
    expect(all?.recall).toBeCloseTo(3 / 4);
    expect(stats.rows.find((r) => r.label === 'xenophobic' && r.lang === 'kk')).toMatchObject({
      reviewed: 1,
      precision: null,
      recall: 0,
    });
    expect(stats).toMatchObject({ reviews: 6, articles: 4, reviewers: 2 });
  });

  it('estimates precision and recall on the whole stream from the random sample, with intervals', () => {
    const sample = { stream_sample: true };
    const reviews = [
      ...Array.from({ length: 10 }, (_, i) => review(`f${i}`, 'dana', v(i < 8), v(true), sample)),
      ...Array.from({ length: 40 }, (_, i) => review(`u${i}`, 'dana', v(i < 2), v(false), sample)),
      review('not-sampled', 'dana', v(true), v(false)),
    ];
    const x = reviewStats(reviews, totals).stream.find((s) => s.label === 'xenophobic');
    expect(x).toMatchObject({
      sampled: 50,
      sampled_flagged: 10,
      sampled_unflagged: 40,
      stream_flagged: 100,
      stream_total: 1000,
    });
    expect(x?.precision?.value).toBeCloseTo(0.8);
    // 0.8 × 100 found of 0.8 × 100 + 0.05 × 900 that exist
    expect(x?.recall?.value).toBeCloseTo(80 / 125);
    expect(x?.recall?.low).toBeLessThan(0.64);
    expect(x?.recall?.high).toBeGreaterThan(0.64);
    expect(reviewStats([], totals).stream[0].precision).toBeNull();
  });
});
