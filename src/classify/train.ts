/** Builds the model file from the labelled corpus, deterministically, and cross-validates the whole pipeline. */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Classification, Lang } from '../domain.js';
import { type Classifier, decide, loadClassifier, type ModelFile, type SeverityModels } from './classifier.js';
import { type GoldRecord, readGold } from './corpus.js';
import type { Extracted } from './features.js';
import { evaluate, type Report } from './metrics.js';
import { type Example, type LabelModel, modelSet, scoreAll, type TrainOptions, trainWithCvThreshold } from './model.js';
import { streamPart } from './stream.js';

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

export interface TrainingInput {
  /** The labelled corpus (lexicons/corpus/train.jsonl). */
  corpus: string;
  /** The real news stream; only its training part is used (see {@link streamPart}). */
  stream?: string;
  lexiconDir?: string;
}

/** The training rows: the corpus, then the stream's training part; with the digest of the files they came from. */
async function trainingRows(opts: TrainingInput): Promise<{ rows: GoldRecord[]; sha256: string }> {
  const hash = createHash('sha256');
  const rows = await readCorpus(opts.corpus);
  hash.update(await readFile(opts.corpus));
  if (opts.stream) {
    const stream = (await readCorpus(opts.stream)).filter((r) => streamPart(r) === 'train');
    rows.push(...stream.map((r) => ({ ...r, lang: r.lang ?? ('ru' as const) })));
    hash.update(await readFile(opts.stream));
  }
  return { rows, sha256: hash.digest('hex') };
}

/**
 * Features of each row's passages (the relevance stage), or null for a row without any: such a text is unrelated
 * whatever the model says, so it teaches the model nothing.
 */
function passageFeatures(clf: Classifier, rows: GoldRecord[]): (Extracted | null)[] {
  return rows.map((r) => {
    const lang = r.lang as Lang | undefined;
    const relevant = clf.relevantText(r.text, lang);
    return relevant
      ? clf.featurize(relevant.text, relevant.lang)
      : process.env.KZ_ALL
        ? clf.featurize(r.text, lang)
        : null;
  });
}

/** The rows and features that have passages. */
function withPassages(rows: GoldRecord[], feats: (Extracted | null)[]): { rows: GoldRecord[]; feats: Extracted[] } {
  const keep = feats.map((f, i) => (f ? i : -1)).filter((i) => i >= 0);
  return { rows: keep.map((i) => rows[i]), feats: keep.map((i) => feats[i] as Extracted) };
}

/**
 * Severity as two models on the xenophobic rows only: severity ≥ 2 and severity 3 (an ordinal model from two binary
 * ones), so that a call to expel or a dehumanising metaphor is told from a slur by what the text says.
 */
function fitSeverity(rows: GoldRecord[], feats: Extracted[]): SeverityModels {
  const hateful = rows.map((r, i) => ({ r, x: feats[i] })).filter(({ r }) => r.xenophobic === true);
  const examples = (min: number): Example[] =>
    hateful.map(({ r, x }) => ({ features: x.features, y: (r.severity ?? 1) >= min }));
  return {
    at_least_2: trainWithCvThreshold(examples(2), SEVERITY_OPTIONS),
    at_least_3: trainWithCvThreshold(examples(3), SEVERITY_OPTIONS),
  };
}

const SEVERITY_OPTIONS: TrainOptions = { l2Lexicon: 0.0002 };

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
export async function trainModel(opts: TrainingInput): Promise<{ model: ModelFile; json: string }> {
  const { rows, sha256 } = await trainingRows(opts);
  const clf = await featurizer(opts.lexiconDir);
  const relevant = withPassages(rows, passageFeatures(clf, rows));
  const model: ModelFile = {
    format: 1,
    lexicon_version: clf.lexicon.version,
    lexicon_sha256: clf.lexicon.sha256,
    trained_on: { examples: rows.length, sha256 },
    labels: fitLabels(relevant.rows, relevant.feats),
    severity: fitSeverity(relevant.rows, relevant.feats),
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
export async function crossValidate(opts: TrainingInput & { folds?: number }): Promise<Report> {
  const folds = opts.folds ?? 5;
  const { rows } = await trainingRows(opts);
  const clf = await featurizer(opts.lexiconDir);
  const feats = passageFeatures(clf, rows);
  const unrelated = { xenophobic: false, migration_policy: false, counter_speech: false };
  const preds = rows.map(
    () => ({ ...unrelated, xenophobia_score: 0, severity: 0, migration_policy_score: 0 }) as Classification,
  );
  for (let f = 0; f < folds; f++) {
    const inTrain = (_: unknown, i: number) => i % folds !== f;
    const train = withPassages(rows.filter(inTrain), feats.filter(inTrain));
    const model: ModelFile = { ...emptyModel(), labels: fitLabels(train.rows, train.feats) };
    const set = modelSet(LABELS.map((l) => model.labels[l]));
    feats.forEach((x, i) => {
      if (i % folds !== f || !x) return;
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
    lexicon_sha256: '',
    trained_on: { examples: 0, sha256: '' },
    labels: { xenophobic: empty, migration_policy: empty, counter_speech: empty },
  };
}
