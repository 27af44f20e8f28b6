/** The per-label logistic models: training (deterministic) and scoring. */
import natural from '../text/natural.js';

export interface LabelModel {
  trainer: string;
  /** `log1p` feature values, or `binary` presence. */
  input: 'log1p' | 'binary';
  bias: number;
  threshold: number;
  weights: Record<string, number>;
}

export interface Example {
  features: Map<string, number>;
  y: boolean;
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/**
 * Scores one feature map with a label model, returning the probability.
 *
 * @example
 * score(model.labels.xenophobic, new Map([['slur', 2]])); // 0.93
 */
export function score(m: LabelModel, features: Map<string, number>): number {
  let weights = compiled.get(m);
  if (!weights) {
    weights = new Map(Object.entries(m.weights));
    compiled.set(m, weights);
  }
  const binary = m.input === 'binary';
  let z = m.bias;
  for (const [k, v] of features) {
    const w = weights.get(k);
    if (w !== undefined) z += binary ? w : w * Math.log1p(v);
  }
  return sigmoid(z);
}

const compiled = new WeakMap<LabelModel, Map<string, number>>();

/** Bag-of-words and character n-gram features (kept only when they occur in `minDf` training examples). */
const isVocabulary = (k: string) => k.startsWith('w:') || k.startsWith('p:') || k.startsWith('c:');

/** Several label models merged into one lookup table: feature → weight per model. */
export interface ModelSet {
  models: LabelModel[];
  weights: Map<string, Float64Array>;
  /** Word and character n-gram features (`w:`, `p:`, `c:`; kept out of `weights`) → dense id, for the scoring path
   * that sums them per word without building a feature map. */
  vocabIds: Map<string, number>;
  /** Weight of vocabulary id `i` in model `j` at `i * models.length + j`. */
  vocabWeights: Float64Array;
}

/**
 * Merges label models so that one pass over a feature map scores them all.
 *
 * @example
 * const set = modelSet([m.xenophobic, m.migration_policy]);
 * scoreAll(set, features); // [0.91, 0.12]
 */
export function modelSet(models: LabelModel[]): ModelSet {
  const weights = new Map<string, Float64Array>();
  models.forEach((m, j) => {
    for (const [k, w] of Object.entries(m.weights)) {
      let row = weights.get(k);
      if (!row) {
        row = new Float64Array(models.length);
        weights.set(k, row);
      }
      row[j] = w;
    }
  });
  const vocabIds = new Map<string, number>();
  for (const k of [...weights.keys()].sort()) if (isVocabulary(k)) vocabIds.set(k, vocabIds.size);
  const vocabWeights = new Float64Array(vocabIds.size * models.length);
  for (const [k, id] of vocabIds) {
    vocabWeights.set(weights.get(k) as Float64Array, id * models.length);
    weights.delete(k);
  }
  return { models, weights, vocabIds, vocabWeights };
}

/**
 * Probabilities of every model in the set for one feature map; `logits` (one per model) are added to the linear
 * scores first (the n-gram part when it is summed outside the map).
 */
export function scoreAll(set: ModelSet, features: Map<string, number>, logits?: ArrayLike<number>): number[] {
  const n = set.models.length;
  const z = set.models.map((m, j) => m.bias + (logits ? logits[j] : 0));
  const binary = set.models.map((m) => m.input === 'binary');
  for (const [k, v] of features) {
    const row = set.weights.get(k);
    if (row !== undefined) {
      const lv = Math.log1p(v);
      for (let j = 0; j < n; j++) z[j] += binary[j] ? row[j] : row[j] * lv;
      continue;
    }
    const id = set.vocabIds.get(k);
    if (id === undefined) continue;
    const lv = Math.log1p(v);
    for (let j = 0; j < n; j++) z[j] += binary[j] ? set.vocabWeights[id * n + j] : set.vocabWeights[id * n + j] * lv;
  }
  return z.map(sigmoid);
}

function bestThreshold(probs: number[], ys: boolean[]): number {
  let best = 0.5;
  let bestF1 = -1;
  for (let t = 0.2; t <= 0.801; t += 0.025) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    probs.forEach((p, i) => {
      if (p >= t) {
        if (ys[i]) tp++;
        else fp++;
      } else if (ys[i]) fn++;
    });
    const f1 = tp ? (2 * tp) / (2 * tp + fp + fn) : 0;
    if (f1 > bestF1 + 1e-9) {
      bestF1 = f1;
      best = round(t);
    }
  }
  return best;
}

/**
 * L2-regularised logistic regression by full-batch gradient descent from zero weights: same examples in the same
 * order give the same weights.
 *
 * @example
 * trainLogistic(examples, { iterations: 400 });
 */
function frequentFeatures(examples: Example[], minDf: number, words: boolean): Set<string> {
  const df = new Map<string, number>();
  for (const e of examples) for (const k of e.features.keys()) df.set(k, (df.get(k) ?? 0) + 1);
  return new Set([...df].filter(([k, n]) => (isVocabulary(k) ? words && n >= minDf : true)).map(([k]) => k));
}

export interface TrainOptions {
  iterations?: number;
  rate?: number;
  l2?: number;
  minDf?: number;
  /** Folds for choosing the threshold on out-of-fold scores; 0 or 1 picks it on the training scores. */
  folds?: number;
  /** L2 penalty of the lexicon and context features (default: `l2`); the word and n-gram features keep `l2`. */
  l2Lexicon?: number;
  /** Weight of natural's naive Bayes log-odds over `w:` stems added to the logistic score (0: logistic only). */
  bayes?: number;
}

/**
 * Trains a logistic model and picks its decision threshold by k-fold cross-validation (example `i` is in fold
 * `i % folds`), so the threshold is chosen on scores of examples the model did not see.
 *
 * @example
 * trainWithCvThreshold(examples, { folds: 5 }).threshold; // 0.425
 */
export function trainWithCvThreshold(examples: Example[], opts: TrainOptions = {}): LabelModel {
  const folds = opts.folds ?? 5;
  const model = fitLabel(examples, opts);
  if (folds < 2) return model;
  const oof = new Array<number>(examples.length);
  for (let f = 0; f < folds; f++) {
    const part = fitLabel(
      examples.filter((_, i) => i % folds !== f),
      opts,
    );
    examples.forEach((e, i) => {
      if (i % folds === f) oof[i] = score(part, e.features);
    });
  }
  model.threshold = bestThreshold(
    oof,
    examples.map((e) => e.y),
  );
  return model;
}

export function trainLogistic(examples: Example[], opts: TrainOptions = {}): LabelModel {
  const model = fitLabel(examples, opts);
  model.threshold = bestThreshold(
    examples.map((e) => score(model, e.features)),
    examples.map((e) => e.y),
  );
  return model;
}

/**
 * The logistic model, blended with natural's naive Bayes over word stems when `opts.bayes` > 0. `w:` features are
 * always 1 (log1p 1 = ln 2), so the blend `z_logistic + bayes * z_bayes` folds exactly into one linear model.
 */
function fitLabel(examples: Example[], opts: TrainOptions): LabelModel {
  const model = fitLogistic(examples, opts);
  const lambda = opts.bayes ?? 0;
  if (!(lambda > 0)) return model;
  const nb = bayesLogOdds(examples, (k) => k.startsWith('w:'));
  const weights: Record<string, number> = { ...model.weights };
  for (const [k, w] of nb.weights) weights[k] = (weights[k] ?? 0) + (lambda * w) / Math.LN2;
  const sorted: Record<string, number> = {};
  for (const k of Object.keys(weights).sort()) sorted[k] = round(weights[k]);
  return {
    ...model,
    trainer: 'kuzet-logistic-l2+natural.BayesClassifier',
    bias: round(model.bias + lambda * nb.bias),
    weights: sorted,
  };
}

/**
 * Trains natural's BayesClassifier on the presence of the selected features and reads it back as log-odds: natural
 * scores P(c) * prod over present features of count(f, c) / total(c), so log P(yes) - log P(no) is a bias plus one
 * weight per present feature.
 *
 * @example
 * bayesLogOdds(examples, (k) => k.startsWith('w:')).weights.get('w:квот'); // > 0 for migration_policy
 */
export function bayesLogOdds(
  examples: Example[],
  select: (feature: string) => boolean,
): { bias: number; weights: Map<string, number> } {
  const clf = new natural.BayesClassifier();
  presenceByIndex(clf);
  for (const e of examples) {
    const doc = [...e.features.keys()].filter(select).sort();
    clf.addDocument(doc.length ? doc : ['_none'], e.y ? 'yes' : 'no');
  }
  clf.train();
  const inner = (
    clf as unknown as {
      classifier: {
        classFeatures: Record<string, Record<number, number>>;
        classTotals: Record<string, number>;
        smoothing: number;
      };
    }
  ).classifier;
  const names = Object.keys((clf as unknown as { features: Record<string, number> }).features);
  const yes = inner.classFeatures.yes ?? {};
  const no = inner.classFeatures.no ?? {};
  const totYes = inner.classTotals.yes ?? 1;
  const totNo = inner.classTotals.no ?? 1;
  const weights = new Map<string, number>();
  names.forEach((name, i) => {
    if (name === '_none') return;
    const w = Math.log((yes[i] ?? inner.smoothing) / totYes) - Math.log((no[i] ?? inner.smoothing) / totNo);
    weights.set(name, w);
  });
  return { bias: Math.log(totYes / totNo), weights };
}

/**
 * natural's `textToFeatures` looks every known feature up in the document with `indexOf`, quadratic in the
 * vocabulary; this gives the same 0/1 vector from an index built once the documents are in (training only).
 */
function presenceByIndex(clf: InstanceType<typeof natural.BayesClassifier>): void {
  const withFeatures = clf as unknown as {
    features: Record<string, number>;
    textToFeatures: (doc: string[]) => number[];
  };
  let index: Map<string, number> | null = null;
  withFeatures.textToFeatures = (doc) => {
    if (!index) index = new Map(Object.keys(withFeatures.features).map((k, i) => [k, i]));
    const out = new Array<number>(index.size).fill(0);
    for (const feature of doc) {
      const i = index.get(feature);
      if (i !== undefined) out[i] = 1;
    }
    return out;
  };
}

function fitLogistic(examples: Example[], opts: TrainOptions): LabelModel {
  const iterations = opts.iterations ?? 600;
  const rate = opts.rate ?? 0.5;
  const l2 = opts.l2 ?? 0.002;
  const keep = frequentFeatures(examples, opts.minDf ?? 2, true);
  examples = examples.map((e) => ({ y: e.y, features: new Map([...e.features].filter(([k]) => keep.has(k))) }));
  const names = [...keep].sort();
  const col = new Map(names.map((n, i) => [n, i]));
  // Compressed sparse rows: example i's features are cols[start[i]..start[i + 1]) with log1p values vals[...].
  const start = new Int32Array(examples.length + 1);
  examples.forEach((e, i) => {
    start[i + 1] = start[i] + e.features.size;
  });
  const cols = new Int32Array(start[examples.length]);
  const vals = new Float64Array(start[examples.length]);
  examples.forEach((e, i) => {
    let at = start[i];
    for (const [k, v] of e.features) {
      cols[at] = col.get(k) as number;
      vals[at++] = Math.log1p(v);
    }
  });
  const ys = Float64Array.from(examples, (e) => (e.y ? 1 : 0));
  const l2Lexicon = opts.l2Lexicon ?? l2;
  const penalty = Float64Array.from(names, (k) => (isVocabulary(k) ? l2 : l2Lexicon));
  const w = new Float64Array(names.length);
  const g = new Float64Array(names.length);
  let b = 0;
  const n = examples.length;
  for (let it = 0; it < iterations; it++) {
    g.fill(0);
    let gb = 0;
    for (let i = 0; i < n; i++) {
      const from = start[i];
      const to = start[i + 1];
      let z = b;
      for (let k = from; k < to; k++) z += w[cols[k]] * vals[k];
      const err = sigmoid(z) - ys[i];
      gb += err;
      for (let k = from; k < to; k++) g[cols[k]] += err * vals[k];
    }
    b -= (rate * gb) / n;
    for (let j = 0; j < w.length; j++) w[j] -= rate * (g[j] / n + penalty[j] * w[j]);
  }
  const weights: Record<string, number> = {};
  names.forEach((nm, j) => {
    weights[nm] = round(w[j]);
  });
  return { trainer: 'kuzet-logistic-l2', input: 'log1p', bias: round(b), threshold: 0.5, weights };
}

const BIAS = '_bias';

/**
 * Trains natural's LogisticRegressionClassifier on feature presence (a constant `_bias` feature stands in for the
 * intercept natural leaves out) and copies its weights into a {@link LabelModel}.
 *
 * @example
 * trainNaturalLogistic(examples);
 */
export function trainNaturalLogistic(examples: Example[], minDf = 4): LabelModel {
  const clf = new natural.LogisticRegressionClassifier();
  const keep = frequentFeatures(examples, minDf, true);
  for (const e of examples)
    clf.addDocument([BIAS, ...[...e.features.keys()].filter((k) => keep.has(k)).sort()], e.y ? 'yes' : 'no');
  clf.train();
  const inner = (clf as unknown as { classifier: { classifications: string[]; theta: { elements: number[] }[] } })
    .classifier;
  const theta = inner.theta[inner.classifications.indexOf('yes')].elements;
  const names = Object.keys((clf as unknown as { features: Record<string, number> }).features);
  const weights: Record<string, number> = {};
  let bias = 0;
  names.forEach((nm, i) => {
    if (nm === BIAS) bias = round(theta[i]);
    else weights[nm] = round(theta[i]);
  });
  const sorted = Object.fromEntries(Object.entries(weights).sort(([a], [b]) => (a < b ? -1 : 1)));
  const model: LabelModel = {
    trainer: 'natural.LogisticRegressionClassifier',
    input: 'binary',
    bias,
    threshold: 0.5,
    weights: sorted,
  };
  model.threshold = bestThreshold(
    examples.map((e) => score(model, e.features)),
    examples.map((e) => e.y),
  );
  return model;
}
