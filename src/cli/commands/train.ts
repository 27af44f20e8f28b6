/** `kuzet train [--corpus FILE] [--out FILE] [--with-reviews FILE]`: rebuilds lexicons/model.json from the labelled corpus. */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crossValidate, DEFAULT_LEXICON_DIR, DEFAULT_MODEL_PATH, trainModel } from '../../classify/index.js';
import { formatReport } from '../../classify/metrics.js';
import { parseFlags } from '../flags.js';

const HELP = `Usage: kuzet train [--corpus lexicons/corpus/train.jsonl] [--out lexicons/model.json] [--lexicons DIR]
                   [--with-reviews FILE] [--cv [--json]]
Trains the classifier on the labelled corpus and writes the model file (same input gives a byte-identical file).
--with-reviews adds the items of a review export ('kuzet review export') after the corpus; the model records their
count and digest, so it gets its own classifier_version.
--cv prints 5-fold cross-validation of the whole pipeline on the corpus instead and writes nothing.`;

/**
 * The corpus with the reviewed items appended, as one temporary file for the training entry point, and the digest of
 * the reviewed items.
 */
async function withReviews(corpus: string, reviews: string) {
  const extra = await readFile(reviews, 'utf8');
  const base = await readFile(corpus, 'utf8');
  const lines = extra.split('\n').filter((l) => l.trim());
  const dir = await mkdtemp(join(tmpdir(), 'kuzet-train-'));
  const file = join(dir, 'train-with-reviews.jsonl');
  await writeFile(file, `${base.trimEnd()}\n${lines.join('\n')}\n`);
  return {
    file,
    reviews: { file: reviews, examples: lines.length, sha256: createHash('sha256').update(extra).digest('hex') },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

export async function run(argv: string[]): Promise<number> {
  const options = {
    corpus: { type: 'string' },
    out: { type: 'string' },
    lexicons: { type: 'string' },
    'with-reviews': { type: 'string' },
    cv: { type: 'boolean' },
    json: { type: 'boolean' },
  } as const;
  const parsed = parseFlags<{
    corpus?: string;
    out?: string;
    lexicons?: string;
    'with-reviews'?: string;
    cv?: boolean;
    json?: boolean;
  }>('train', argv, options, HELP, false);
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  const corpus = values.corpus ?? join(DEFAULT_LEXICON_DIR, 'corpus', 'train.jsonl');
  const out = values.out ?? DEFAULT_MODEL_PATH;
  try {
    if (values.cv) {
      const report = await crossValidate({ corpus, lexiconDir: values.lexicons });
      console.log(values.json ? JSON.stringify(report) : formatReport(`5-fold cross-validation on ${corpus}`, report));
      return 0;
    }
    const reviewed = values['with-reviews'] ? await withReviews(corpus, values['with-reviews']) : null;
    try {
      const { model, json } = await trainModel({ corpus: reviewed?.file ?? corpus, lexiconDir: values.lexicons });
      const written = reviewed
        ? `${JSON.stringify({ ...model, trained_on: { ...model.trained_on, reviews: reviewed.reviews } }, null, 1)}\n`
        : json;
      await writeFile(out, written);
      const what = reviewed ? `${corpus} and ${reviewed.reviews.examples} reviewed items` : corpus;
      console.error(`kuzet train: ${model.trained_on.examples} examples from ${what} → ${out}`);
      return 0;
    } finally {
      await reviewed?.remove();
    }
  } catch (err) {
    console.error(`kuzet train: ${(err as Error).message}`);
    return 1;
  }
}
