/** The classifier: analyzer → lexicon matches → context features → per-label models → Classification. */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Classification, Evidence, Lang } from '../domain.js';
import { analyzeDetailed, stemmer } from '../text/index.js';
import {
  type Extracted,
  extractFeatures,
  isArguedAgainst,
  isDistancedOnly,
  wordFeatures as wordFeatures5,
} from './features.js';
import { gluedSplitter, splitGlued } from './glued.js';
import { classifyLanguage } from './language.js';
import { DEFAULT_LEXICON_DIR, type Lexicon, loadLexicon } from './lexicon.js';
import { buildIndex, coversToken, findMatches, type LangIndex } from './matcher.js';
import { type LabelModel, modelSet, scoreAll } from './model.js';

export interface ModelFile {
  format: 1;
  lexicon_version: string;
  trained_on: { examples: number; sha256: string };
  labels: { xenophobic: LabelModel; migration_policy: LabelModel; counter_speech: LabelModel };
}

export interface ClassifierOptions {
  /** Folder with VERSION and <lang>.yaml files (default: lexicons/). */
  lexiconDir?: string;
  /** Model file (default: lexicons/model.json). */
  modelPath?: string;
  /** An in-memory model instead of the file (used by training). */
  model?: ModelFile;
}

export interface Classifier {
  readonly version: string;
  readonly lexicon: Lexicon;
  classify(text: string, lang?: Lang): Classification;
  /** Features for one text (training and debugging). */
  featurize(text: string, lang?: Lang): Extracted;
}

export const DEFAULT_MODEL_PATH = join(DEFAULT_LEXICON_DIR, 'model.json');
const MAX_EVIDENCE = 40;
const EVIDENCE_SKIP = new Set(['sense', 'collective']);

/** `lexicon-<VERSION>+model-<sha256 of the model file, 8 hex>`. */
export function versionOf(lexiconVersion: string, model: ModelFile | null): string {
  const hash = model ? createHash('sha256').update(JSON.stringify(model)).digest('hex').slice(0, 8) : 'none';
  return `lexicon-${lexiconVersion}+model-${hash}`;
}

export function buildIndexes(lexicon: Lexicon): Map<Lang, LangIndex> {
  const indexes = new Map<Lang, LangIndex>();
  for (const lang of ['ru', 'kk', 'en', 'uz', 'ky', 'tg'] as const)
    indexes.set(lang, buildIndex(lexicon.entries.filter((e) => e.language === lang)));
  return indexes;
}

function severityOf(x: Extracted): 1 | 2 | 3 {
  const p = x.plainHate;
  if (p.has('violence') || p.has('expulsion')) return 3;
  if (p.has('dehumanizing') || x.features.has('blame&collective') || x.features.has('derog&collective')) return 2;
  return 1;
}

function evidenceOf(text: string, x: Extracted): Evidence[] {
  const seen = new Set<string>();
  const out: Evidence[] = [];
  for (const { match } of x.live) {
    if (EVIDENCE_SKIP.has(match.entry.category)) continue;
    const key = `${match.start}:${match.end}:${match.entry.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      start: match.start,
      end: match.end,
      text: text.slice(match.start, match.end),
      entry: match.entry.id,
      category: match.entry.category,
    });
    if (out.length >= MAX_EVIDENCE) break;
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}

const r3 = (v: number) => Math.round(v * 1000) / 1000;

const wordFeatureMemos = new Map<Lang, (norm: string) => string[]>();

/** Normalised token → its bag-of-words feature names (stem and 5-letter prefix), memoised per language. */
function wordFeatures(lang: Lang): (norm: string) => string[] {
  let f = wordFeatureMemos.get(lang);
  if (f) return f;
  const stemOf = stemmer(lang);
  const memo = new Map<string, string[]>();
  f = (norm) => {
    let key = memo.get(norm);
    if (key !== undefined) return key;
    key = wordFeatures5(stemOf(norm), norm);
    if (memo.size >= 100_000) memo.clear();
    memo.set(norm, key);
    return key;
  };
  wordFeatureMemos.set(lang, f);
  return f;
}

/**
 * Loads lexicons and the model and returns a ready classifier.
 *
 * @example
 * const clf = await loadClassifier();
 * clf.classify('Чурки, вон из страны!', 'ru').severity; // 3
 */
export async function loadClassifier(options: ClassifierOptions = {}): Promise<Classifier> {
  const lexicon = await loadLexicon(options.lexiconDir ?? DEFAULT_LEXICON_DIR);
  let model = options.model ?? null;
  if (!model) {
    const path = options.modelPath ?? DEFAULT_MODEL_PATH;
    const raw = await readFile(path, 'utf8').catch(() => null);
    if (raw === null && options.modelPath)
      throw new Error(`model file ${path} not found; run 'kuzet train' to build it.`);
    model = raw ? (JSON.parse(raw) as ModelFile) : null;
  }
  const indexes = buildIndexes(lexicon);
  const splitter = gluedSplitter(lexicon.entries.filter((e) => e.language === 'en'));
  const enIndex = indexes.get('en') as LangIndex;
  const knownEn = (norm: string) => coversToken(enIndex, norm);
  const models = model
    ? modelSet([model.labels.xenophobic, model.labels.migration_policy, model.labels.counter_speech])
    : null;
  const version = versionOf(lexicon.version, model);
  const featurize = (text: string, lang?: Lang): Extracted => {
    const l = lang && lang !== 'und' ? lang : classifyLanguage(text);
    const analyzed = analyzeDetailed(text, l, false);
    const tokens = l === 'en' ? splitGlued(analyzed, splitter, knownEn) : analyzed;
    const wordOf = wordFeatures(l);
    const index = indexes.get(l) ?? (indexes.get('ru') as LangIndex);
    const x = extractFeatures(tokens, findMatches(index, tokens), text);
    for (const t of tokens) {
      const keys = wordOf(t.norm);
      for (let k = 0; k < keys.length; k++) x.features.set(keys[k], 1);
    }
    return x;
  };
  const classify = (text: string, lang?: Lang): Classification => {
    if (!model || !models) throw new Error("no classifier model: run 'kuzet train' to build lexicons/model.json.");
    const x = featurize(text ?? '', lang);
    const L = model.labels;
    const [px, pm, pc] = scoreAll(models, x.features);
    let xenophobic = px >= L.xenophobic.threshold && !isDistancedOnly(x) && !isArguedAgainst(x);
    let counter = pc >= L.counter_speech.threshold;
    if (xenophobic && counter)
      px - L.xenophobic.threshold > pc - L.counter_speech.threshold ? (counter = false) : (xenophobic = false);
    const severity = xenophobic ? severityOf(x) : 0;
    const sentiment = xenophobic
      ? Math.min(x.sentiment, -0.25 * severity)
      : counter
        ? Math.max(x.sentiment, 0)
        : x.sentiment;
    return {
      xenophobic,
      xenophobia_score: r3(px),
      severity,
      migration_policy: pm >= L.migration_policy.threshold,
      migration_policy_score: r3(pm),
      counter_speech: counter,
      targets: [...x.groups].sort(),
      sentiment: r3(sentiment),
      evidence: evidenceOf(text ?? '', x),
      classifier_version: version,
    };
  };
  return { version, lexicon, classify, featurize };
}
