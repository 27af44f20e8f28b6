/** `kuzet eval FILE.jsonl [--json]`: precision/recall/F1 per label and language against gold labels. */
import { loadClassifier, readGold } from '../../classify/index.js';
import { evaluate, formatReport } from '../../classify/metrics.js';
import type { Lang } from '../../domain.js';
import { parseFlags } from '../flags.js';

const HELP = `Usage: kuzet eval FILE.jsonl [--json] [--model FILE]
FILE holds JSON lines {text, lang?, xenophobic?, migration_policy?, counter_speech?}; prints P/R/F1 per label and language
and the share of counter-speech flagged xenophobic.`;

export async function run(argv: string[]): Promise<number> {
  const options = { json: { type: 'boolean' }, model: { type: 'string' } } as const;
  const parsed = parseFlags<{ json?: boolean; model?: string }>('eval', argv, options, HELP);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const file = positionals[0];
  if (!file) {
    console.error(`kuzet eval: a gold file is required\n${HELP}`);
    return 2;
  }
  try {
    const clf = await loadClassifier({ modelPath: values.model });
    const rows = await readGold(file, (line, msg) => console.error(`kuzet eval: ${file}:${line} skipped: ${msg}`));
    const preds = rows.map((r) => clf.classify(r.text, r.lang as Lang | undefined));
    const report = evaluate(rows, preds);
    if (values.json) console.log(JSON.stringify({ classifier_version: clf.version, ...report }));
    else console.log(`${formatReport(`${file} — ${clf.version}`, report)}`);
    return 0;
  } catch (err) {
    console.error(`kuzet eval: ${(err as Error).message}`);
    return 1;
  }
}
