/** Precision, recall and F1 per label and per group (language, HateCheck functionality). */
import type { Classification } from '../domain.js';
import type { GoldRecord } from './corpus.js';

export const EVAL_LABELS = ['xenophobic', 'migration_policy', 'counter_speech'] as const;
export type EvalLabel = (typeof EVAL_LABELS)[number];

export interface Scores {
  n: number;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  precision: number;
  recall: number;
  f1: number;
  accuracy: number;
}

export class Tally {
  tp = 0;
  fp = 0;
  fn = 0;
  tn = 0;
  add(gold: boolean, pred: boolean): void {
    if (gold && pred) this.tp++;
    else if (pred) this.fp++;
    else if (gold) this.fn++;
    else this.tn++;
  }
  scores(): Scores {
    const { tp, fp, fn, tn } = this;
    const precision = tp + fp ? tp / (tp + fp) : 0;
    const recall = tp + fn ? tp / (tp + fn) : 0;
    const n = tp + fp + fn + tn;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    return {
      n,
      tp,
      fp,
      fn,
      tn,
      precision: r(precision),
      recall: r(recall),
      f1: r(f1),
      accuracy: r(n ? (tp + tn) / n : 0),
    };
  }
}

const r = (v: number) => Math.round(v * 1000) / 1000;

export interface Report {
  n: number;
  labels: Partial<Record<EvalLabel, Scores>>;
  by: Record<string, Partial<Record<EvalLabel, Scores>>>;
  /** Share of gold counter-speech items predicted xenophobic. */
  counter_speech_flagged_xenophobic: { n: number; flagged: number; share: number };
  /** Share of gold xenophobic items (with a gold severity) given exactly that severity. */
  severity_exact: { n: number; exact: number; share: number };
}

/** How many items whose gold label is false were flagged, per label. */
export type FalseFlags = Record<EvalLabel, { negatives: number; flagged: number; share: number }>;

/**
 * The false-flag rate per label: flagged items among those whose gold label is false (a missing gold label counts as
 * false, as for pages known to be about something else).
 *
 * @example
 * falseFlags(pages, preds).xenophobic.share; // 0.006
 */
export function falseFlags(gold: Partial<Record<EvalLabel, boolean>>[], preds: Classification[]): FalseFlags {
  const out = {} as FalseFlags;
  for (const label of EVAL_LABELS) {
    let negatives = 0;
    let flagged = 0;
    gold.forEach((g, i) => {
      if (g[label] === true) return;
      negatives++;
      if (preds[i][label]) flagged++;
    });
    out[label] = { negatives, flagged, share: r(negatives ? flagged / negatives : 0) };
  }
  return out;
}

/**
 * Scores predictions against gold records; `groupOf` picks the breakdown key (language by default).
 *
 * @example
 * const report = evaluate(rows, preds);
 * report.labels.xenophobic?.f1;
 */
export function evaluate(
  gold: GoldRecord[],
  preds: Classification[],
  groupOf: (g: GoldRecord) => string = (g) => g.lang ?? 'und',
): Report {
  const all = new Map<EvalLabel, Tally>();
  const by = new Map<string, Map<EvalLabel, Tally>>();
  let cs = 0;
  let csFlagged = 0;
  let hateful = 0;
  let severityExact = 0;
  gold.forEach((g, i) => {
    const p = preds[i];
    const key = groupOf(g);
    for (const label of EVAL_LABELS) {
      const truth = g[label];
      if (typeof truth !== 'boolean') continue;
      if (!all.has(label)) all.set(label, new Tally());
      all.get(label)?.add(truth, p[label]);
      const group = by.get(key) ?? new Map<EvalLabel, Tally>();
      by.set(key, group);
      if (!group.has(label)) group.set(label, new Tally());
      group.get(label)?.add(truth, p[label]);
    }
    if (g.counter_speech === true) {
      cs++;
      if (p.xenophobic) csFlagged++;
    }
    if (g.xenophobic === true && typeof g.severity === 'number') {
      hateful++;
      if (p.severity === g.severity) severityExact++;
    }
  });
  const toObj = (m: Map<EvalLabel, Tally>) => Object.fromEntries([...m].map(([k, t]) => [k, t.scores()]));
  return {
    n: gold.length,
    labels: toObj(all),
    by: Object.fromEntries([...by].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, m]) => [k, toObj(m)])),
    counter_speech_flagged_xenophobic: { n: cs, flagged: csFlagged, share: r(cs ? csFlagged / cs : 0) },
    severity_exact: { n: hateful, exact: severityExact, share: r(hateful ? severityExact / hateful : 0) },
  };
}

/** A plain-text table of a report. */
export function formatReport(title: string, rep: Report): string {
  const lines = [`${title} (n=${rep.n})`];
  const row = (name: string, s: Scores) =>
    `  ${name.padEnd(34)} P ${s.precision.toFixed(3)}  R ${s.recall.toFixed(3)}  F1 ${s.f1.toFixed(3)}  acc ${s.accuracy.toFixed(3)}  n ${s.n}`;
  for (const [label, s] of Object.entries(rep.labels)) if (s) lines.push(row(label, s));
  for (const [key, labels] of Object.entries(rep.by))
    for (const [label, s] of Object.entries(labels)) if (s) lines.push(row(`${key} / ${label}`, s));
  const c = rep.counter_speech_flagged_xenophobic;
  if (c.n) lines.push(`  counter-speech flagged xenophobic: ${c.flagged}/${c.n} = ${(c.share * 100).toFixed(1)}%`);
  const sev = rep.severity_exact;
  if (sev.n) lines.push(`  severity exactly right: ${sev.exact}/${sev.n} = ${(sev.share * 100).toFixed(1)}%`);
  return lines.join('\n');
}
