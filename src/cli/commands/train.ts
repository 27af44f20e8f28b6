/** `kuzet train [--corpus FILE] [--out FILE]`: rebuilds lexicons/model.json from the labelled corpus. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { crossValidate, DEFAULT_LEXICON_DIR, DEFAULT_MODEL_PATH, trainModel } from '../../classify/index.js';
import { formatReport } from '../../classify/metrics.js';

const HELP = `Usage: kuzet train [--corpus lexicons/corpus/train.jsonl] [--out lexicons/model.json] [--lexicons DIR] [--cv [--json]]
Trains the classifier on the labelled corpus and writes the model file (same input gives a byte-identical file).
--cv prints 5-fold cross-validation of the whole pipeline on the corpus instead and writes nothing.`;

export async function run(argv: string[]): Promise<number> {
  let values: { corpus?: string; out?: string; lexicons?: string; cv?: boolean; json?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        corpus: { type: 'string' },
        out: { type: 'string' },
        lexicons: { type: 'string' },
        cv: { type: 'boolean' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    console.error(`kuzet train: ${(err as Error).message}\n${HELP}`);
    return 2;
  }
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const corpus = values.corpus ?? join(DEFAULT_LEXICON_DIR, 'corpus', 'train.jsonl');
  const out = values.out ?? DEFAULT_MODEL_PATH;
  try {
    if (values.cv) {
      const report = await crossValidate({ corpus, lexiconDir: values.lexicons });
      console.log(values.json ? JSON.stringify(report) : formatReport(`5-fold cross-validation on ${corpus}`, report));
      return 0;
    }
    const { model, json } = await trainModel({ corpus, lexiconDir: values.lexicons });
    await writeFile(out, json);
    console.error(`kuzet train: ${model.trained_on.examples} examples from ${corpus} → ${out}`);
    return 0;
  } catch (err) {
    console.error(`kuzet train: ${(err as Error).message}`);
    return 1;
  }
}
