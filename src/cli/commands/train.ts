/** `kuzet train [--corpus FILE] [--out FILE]`: rebuilds lexicons/model.json from the labelled corpus. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_LEXICON_DIR, DEFAULT_MODEL_PATH, trainModel } from '../../classify/index.js';

const HELP = `Usage: kuzet train [--corpus lexicons/corpus/train.jsonl] [--out lexicons/model.json] [--lexicons DIR]
Trains the classifier on the labelled corpus and writes the model file (same input gives a byte-identical file).`;

export async function run(argv: string[]): Promise<number> {
  let values: { corpus?: string; out?: string; lexicons?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        corpus: { type: 'string' },
        out: { type: 'string' },
        lexicons: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    console.error(`kuzet train: ${(err as Error).message}\n${HELP}`);
    return 2;
  }
  if (values.help) return (console.log(HELP), 0);
  const corpus = values.corpus ?? join(DEFAULT_LEXICON_DIR, 'corpus', 'train.jsonl');
  const out = values.out ?? DEFAULT_MODEL_PATH;
  try {
    const { model, json } = await trainModel({ corpus, lexiconDir: values.lexicons });
    await writeFile(out, json);
    console.error(`kuzet train: ${model.trained_on.examples} examples from ${corpus} → ${out}`);
    return 0;
  } catch (err) {
    console.error(`kuzet train: ${(err as Error).message}`);
    return 1;
  }
}
