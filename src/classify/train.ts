/** Builds the model file from the labelled corpus, deterministically. */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Lang } from '../domain.js';
import { loadClassifier, type ModelFile } from './classifier.js';
import { readGold } from './corpus.js';
import { type Example, trainWithCvThreshold } from './model.js';

/**
 * Trains every label on the corpus and returns the model and its canonical JSON text.
 *
 * @example
 * const { json } = await trainModel({ corpus: 'lexicons/corpus/train.jsonl' });
 */
export async function trainModel(opts: {
  corpus: string;
  lexiconDir?: string;
}): Promise<{ model: ModelFile; json: string }> {
  const rows = await readGold(opts.corpus, (line, msg) => {
    throw new Error(`${opts.corpus}:${line}: ${msg}; fix the corpus line and train again.`);
  });
  const clf = await loadClassifier({ lexiconDir: opts.lexiconDir, model: emptyModel() });
  const feats = rows.map((r) => clf.featurize(r.text, r.lang as Lang | undefined).features);
  const examples = (label: 'xenophobic' | 'migration_policy' | 'counter_speech'): Example[] =>
    rows.map((r, i) => ({ features: feats[i], y: r[label] === true }));
  const sha256 = createHash('sha256')
    .update(await readFile(opts.corpus))
    .digest('hex');
  const model: ModelFile = {
    format: 1,
    lexicon_version: clf.lexicon.version,
    trained_on: { examples: rows.length, sha256 },
    labels: {
      xenophobic: trainWithCvThreshold(examples('xenophobic')),
      migration_policy: trainWithCvThreshold(examples('migration_policy')),
      counter_speech: trainWithCvThreshold(examples('counter_speech')),
    },
  };
  return { model, json: `${JSON.stringify(model, null, 1)}\n` };
}

function emptyModel(): ModelFile {
  const empty = { trainer: 'none', input: 'log1p' as const, bias: 0, threshold: 0.5, weights: {} };
  return {
    format: 1,
    lexicon_version: '',
    trained_on: { examples: 0, sha256: '' },
    labels: { xenophobic: empty, migration_policy: empty, counter_speech: empty },
  };
}
