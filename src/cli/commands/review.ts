/** `kuzet review export|stats`: reviewed items for training and evaluation, and agreement figures. */

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { exportReviews } from '../../review/export.js';
import { loadStats } from '../../review/load.js';
import type { ReviewStats } from '../../review/stats.js';
import { parseCommand } from '../flags.js';
import { withStore } from '../store.js';

const USAGE = `Usage: kuzet review export [--out FILE]   reviewed items as corpus JSON lines (stdout without --out)
       kuzet review stats [--json]        agreement per label and language, and the stream estimate
       (each also takes --data DIR)

The export has one line per reviewed article with a settled verdict (split ones are counted and left out);
reviewer ids are pseudonymised. Train on it with 'kuzet train --with-reviews FILE' and score a model on it with
'kuzet eval FILE'.`;

const fmt = (v: number | null, pct = true) => (v === null ? '—' : pct ? `${(v * 100).toFixed(1)}%` : v.toFixed(3));

function statsText(s: ReviewStats): string {
  const lines = [`${s.reviews} reviews of ${s.articles} articles by ${s.reviewers} reviewers`, ''];
  lines.push(['label', 'lang', 'reviewed', 'P', 'R', 'F1', 'pairs', 'kappa'].join('\t'));
  for (const r of s.rows)
    lines.push(
      [
        r.label,
        r.lang,
        r.reviewed,
        fmt(r.precision),
        fmt(r.recall),
        fmt(r.f1, false),
        r.pairs,
        fmt(r.kappa, false),
      ].join('\t'),
    );
  lines.push('', 'stream estimate (random sample, 95% interval)');
  for (const e of s.stream) {
    const iv = (v: typeof e.precision) => (v ? `${fmt(v.value)} (${fmt(v.low)}–${fmt(v.high)})` : 'not enough reviews');
    lines.push(`${e.label}\tsampled ${e.sampled}\tprecision ${iv(e.precision)}\trecall ${iv(e.recall)}`);
  }
  return lines.join('\n');
}

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommand(argv, { out: { type: 'string' }, json: { type: 'boolean' } }, USAGE);
  if (!parsed) return Number(process.exitCode ?? 0);
  const { values, positionals, config } = parsed;
  const action = positionals[0];
  if (action !== 'export' && action !== 'stats') {
    console.error(`kuzet review: unknown action ${JSON.stringify(action ?? '')}\n\n${USAGE}`);
    return 2;
  }
  return withStore(config, async (store) => {
    if (action === 'stats') {
      const stats = await loadStats(store);
      console.log(values.json ? JSON.stringify(stats) : statsText(stats));
      return 0;
    }
    const out = typeof values.out === 'string' ? createWriteStream(values.out) : process.stdout;
    const summary = await exportReviews(store, async (line) => {
      if (!out.write(line)) await once(out, 'drain');
    });
    if (out !== process.stdout) {
      out.end();
      await once(out, 'finish');
    }
    console.error(
      `kuzet review: ${summary.written} reviewed items written; ${summary.disputed} left out because reviewers disagree, ${summary.missing} no longer stored`,
    );
    return 0;
  });
}
