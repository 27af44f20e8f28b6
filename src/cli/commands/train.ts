/**
 * `kuzet train [--corpus FILE] [--stream FILE | --no-stream] [--with-reviews FILE] [--out FILE]`: rebuilds
 * lexicons/model.json.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crossValidate, DEFAULT_LEXICON_DIR, DEFAULT_MODEL_PATH, trainModel } from '../../classify/index.js';
import { formatReport } from '../../classify/metrics.js';
import { DEFAULT_STREAM_PATH } from '../../classify/stream.js';
import { parseFlags } from '../flags.js';

const HELP = `Usage: kuzet train [--corpus lexicons/corpus/train.jsonl] [--stream FILE | --no-stream] [--out lexicons/model.json]
                   [--lexicons DIR] [--with-reviews FILE] [--cv [--json]]
Trains the classifier on the labelled corpus plus the training part of the real news stream (odd ids of
../shared/datasets/news-stream/news-stream.jsonl by default) and writes the model file (same input gives a
byte-identical file). --no-stream trains on the corpus alone, which gives a different model.
--with-reviews adds the items of a review export ('kuzet review export') after the corpus; the model records their
count and digest, so it gets its own classifier_version.
--cv prints 5-fold cross-validation of the whole pipeline on the same rows instead and writes nothing.`;

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
    stream: { type: 'string' },
    'no-stream': { type: 'boolean' },
    out: { type: 'string' },
    lexicons: { type: 'string' },
    'with-reviews': { type: 'string' },
    cv: { type: 'boolean' },
    json: { type: 'boolean' },
  } as const;
  const parsed = parseFlags<{
    corpus?: string;
    stream?: string;
    'no-stream'?: boolean;
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
  const stream = values['no-stream'] ? undefined : (values.stream ?? DEFAULT_STREAM_PATH);
  if (stream && !existsSync(stream)) {
    console.error(
      `kuzet train: the news stream ${stream} is not there; pass --stream FILE, or --no-stream to train on the corpus alone (a different model).`,
    );
    return 2;
  }
  try {
    if (values.cv) {
      const report = await crossValidate({ corpus, stream, lexiconDir: values.lexicons });
      console.log(values.json ? JSON.stringify(report) : formatReport(`5-fold cross-validation on ${corpus}`, report));
      return 0;
    }
    const reviewed = values['with-reviews'] ? await withReviews(corpus, values['with-reviews']) : null;
    try {
      const { model, json } = await trainModel({
        corpus: reviewed?.file ?? corpus,
        stream,
        lexiconDir: values.lexicons,
      });
      const written = reviewed
        ? `${JSON.stringify({ ...model, trained_on: { ...model.trained_on, reviews: reviewed.reviews } }, null, 1)}\n`
        : json;
      await writeFile(out, written);
      const what = [
        corpus,
        reviewed && `${reviewed.reviews.examples} reviewed items`,
        stream && `the training part of ${stream}`,
      ]
        .filter(Boolean)
        .join(' and ');
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
