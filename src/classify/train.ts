/** Builds the model file from the labelled corpus, deterministically, and cross-validates the whole pipeline. */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Classification, Lang } from '../domain.js';
import { type Classifier, decide, loadClassifier, type ModelFile } from './classifier.js';
import { type GoldRecord, readGold } from './corpus.js';
import type { Extracted } from './features.js';
import { evaluate, type Report } from './metrics.js';
import { type Example, type LabelModel, modelSet, scoreAll, type TrainOptions, trainWithCvThreshold } from './model.js';

const LABELS = ['xenophobic', 'migration_policy', 'counter_speech'] as const;
type Label = (typeof LABELS)[number];

/** Per-label training options, chosen by 5-fold cross-validation on the training corpus (`kuzet train --cv`). */
const LABEL_OPTIONS: Record<Label, TrainOptions> = {
  xenophobic: { bayes: 0.1, l2Lexicon: 0.0002 },
  migration_policy: { bayes: 0.3, l2Lexicon: 0.0002 },
  counter_speech: { l2Lexicon: 0.0002 },
};

async function readCorpus(corpus: string): Promise<GoldRecord[]> {
  return readGold(corpus, (line, msg) => {
    throw new Error(`${corpus}:${line}: ${msg}; fix the corpus line and train again.`);
  });
}

async function featurizer(lexiconDir?: string): Promise<Classifier> {
  return loadClassifier({ lexiconDir, model: emptyModel() });
}

function fitLabels(rows: GoldRecord[], feats: Extracted[]): Record<Label, LabelModel> {
  const examples = (label: Label): Example[] =>
    rows.map((r, i) => ({ features: feats[i].features, y: r[label] === true }));
  return {
    xenophobic: trainWithCvThreshold(examples('xenophobic'), LABEL_OPTIONS.xenophobic),
    migration_policy: trainWithCvThreshold(examples('migration_policy'), LABEL_OPTIONS.migration_policy),
    counter_speech: trainWithCvThreshold(examples('counter_speech'), LABEL_OPTIONS.counter_speech),
  };
}

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
  const rows = await readCorpus(opts.corpus);
  const clf = await featurizer(opts.lexiconDir);
  const feats = rows.map((r) => clf.featurize(r.text, r.lang as Lang | undefined));
  const sha256 = createHash('sha256')
    .update(await readFile(opts.corpus))
    .digest('hex');
  const model: ModelFile = {
    format: 1,
    lexicon_version: clf.lexicon.version,
    trained_on: { examples: rows.length, sha256 },
    labels: fitLabels(rows, feats),
  };
  return { model, json: `${JSON.stringify(model, null, 1)}\n` };
}

/**
 * K-fold cross-validation of the whole decision pipeline on a labelled corpus (item `i` is in fold `i % folds`):
 * each fold is scored by a model trained, thresholds included, on the other folds only.
 *
 * @example
 * const report = await crossValidate({ corpus: 'lexicons/corpus/train.jsonl' });
 * report.labels.xenophobic?.f1;
 */
export async function crossValidate(opts: { corpus: string; lexiconDir?: string; folds?: number }): Promise<Report> {
  const folds = opts.folds ?? 5;
  const rows = await readCorpus(opts.corpus);
  const clf = await featurizer(opts.lexiconDir);
  const feats = rows.map((r) => clf.featurize(r.text, r.lang as Lang | undefined));
  const preds = new Array<Classification>(rows.length);
  for (let f = 0; f < folds; f++) {
    const inTrain = (_: unknown, i: number) => i % folds !== f;
    const model: ModelFile = { ...emptyModel(), labels: fitLabels(rows.filter(inTrain), feats.filter(inTrain)) };
    const set = modelSet(LABELS.map((l) => model.labels[l]));
    feats.forEach((x, i) => {
      if (i % folds !== f) return;
      const d = decide(model, x, scoreAll(set, x.features));
      preds[i] = { ...d, xenophobia_score: 0, severity: 0, migration_policy_score: 0 } as Classification;
    });
  }
  return evaluate(rows, preds);
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
