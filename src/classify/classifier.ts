/** The classifier: analyzer → lexicon matches → context features → per-label models → Classification. */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Classification, Evidence, Lang } from '../domain.js';
import { analyzeDetailed, stemmer } from '../text/index.js';
import {
  charGrams,
  charGramValue,
  type Extracted,
  extractFeatures,
  isDistancedOnly,
  isGatedOff,
  wordFeatures as wordFeatures5,
} from './features.js';
import { gluedSplitter, splitGlued } from './glued.js';
import { classifyLanguage } from './language.js';
import { DEFAULT_LEXICON_DIR, type Lexicon, type LexiconEntry, loadLexicon } from './lexicon.js';
import { buildIndex, coversToken, findMatches, type LangIndex, type Match } from './matcher.js';
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
/** Head start of counter_speech when both it and xenophobic pass their thresholds (5-fold cross-validation on the
 * training corpus: the share of counter-speech flagged falls from 9.5% to 8.1% for 0.001 of xenophobic F1). */
const COUNTER_MARGIN = 0.2;
const EVIDENCE_SKIP = new Set(['sense', 'collective']);

/** `lexicon-<VERSION>+model-<sha256 of the model file, 8 hex>`. */
export function versionOf(lexiconVersion: string, model: ModelFile | null): string {
  const hash = model ? createHash('sha256').update(JSON.stringify(model)).digest('hex').slice(0, 8) : 'none';
  return `lexicon-${lexiconVersion}+model-${hash}`;
}

/** Languages whose texts code-switch into Russian slurs («чучмектер», «понаехи»): their index also holds the Russian
 * slur entries they have no entry of the same name for. */
const BORROWS_RUSSIAN_SLURS = new Set<Lang>(['kk', 'uz', 'ky', 'tg']);
const entryName = (id: string) => id.slice(id.indexOf('.'));

/** Kazakh letters and the Russian letters people type for them on a Russian keyboard («куып шыгу» for «қуып шығу»). */
const KAZAKH_ON_RUSSIAN_KEYBOARD: Record<string, string> = {
  ә: 'а',
  ғ: 'г',
  қ: 'к',
  ң: 'н',
  ө: 'о',
  ұ: 'у',
  ү: 'у',
  һ: 'х',
  і: 'и',
};
const KAZAKH_LETTERS = /[әғқңөұүһі]/gu;

/**
 * The entry's word alternatives as typed without Kazakh letters, or null when none has a Kazakh letter (regular
 * expressions are left alone). Both forms go into the Kazakh index: each matches only its own spelling.
 *
 * @example
 * typedWithoutKazakhLetters(entry).pattern; // 'куып шыгу' for 'қуып шығу'
 */
export function typedWithoutKazakhLetters(entry: LexiconEntry): LexiconEntry | null {
  if (/^\/.+\/[a-z]*$/.test(entry.pattern)) return null;
  const plain = entry.pattern
    .split('|')
    .map((alt) => alt.toLowerCase())
    .map((alt) => [alt, alt.replace(KAZAKH_LETTERS, (c) => KAZAKH_ON_RUSSIAN_KEYBOARD[c])])
    .filter(([alt, typed]) => typed !== alt)
    .map(([, typed]) => typed);
  return plain.length ? { ...entry, pattern: plain.join('|') } : null;
}

export function buildIndexes(lexicon: Lexicon): Map<Lang, LangIndex> {
  const indexes = new Map<Lang, LangIndex>();
  const russianSlurs = lexicon.entries.filter((e) => e.language === 'ru' && e.category === 'slur');
  for (const lang of ['ru', 'kk', 'en', 'uz', 'ky', 'tg'] as const) {
    let own = lexicon.entries.filter((e) => e.language === lang);
    if (lang === 'kk')
      own = [...own, ...own.map(typedWithoutKazakhLetters).filter((e): e is LexiconEntry => e !== null)];
    const names = new Set(own.map((e) => entryName(e.id)));
    const borrowed = BORROWS_RUSSIAN_SLURS.has(lang) ? russianSlurs.filter((e) => !names.has(entryName(e.id))) : [];
    indexes.set(lang, buildIndex([...own, ...borrowed]));
  }
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

/**
 * The label decisions from the three probabilities: thresholds, the counter-speech, counter-argument, negation,
 * self-reference and warm-remark gates, and one decision when both xenophobic and counter_speech pass (the label
 * further above its threshold wins, counter_speech with a head start of {@link COUNTER_MARGIN}).
 *
 * @example
 * decide(model, x, [0.9, 0.1, 0.2]).xenophobic; // true unless x is distanced or argued against
 */
export function decide(
  model: ModelFile,
  x: Extracted,
  [px, pm, pc]: readonly number[],
): { xenophobic: boolean; migration_policy: boolean; counter_speech: boolean } {
  const L = model.labels;
  const distanced = isDistancedOnly(x);
  let xenophobic = px >= L.xenophobic.threshold && !isGatedOff(x);
  let counter = pc >= L.counter_speech.threshold || (distanced && x.condemnedQuote);
  if (xenophobic && counter) {
    const ownVoiceAfterQuote = x.condemnedQuote && x.plainHate.size > 0;
    if (ownVoiceAfterQuote || px - L.xenophobic.threshold > pc - L.counter_speech.threshold + COUNTER_MARGIN)
      counter = false;
    else xenophobic = false;
  }
  return { xenophobic, migration_policy: pm >= L.migration_policy.threshold, counter_speech: counter };
}

const r3 = (v: number) => Math.round(v * 1000) / 1000;

interface WordKeys {
  /** `w:<stem>` and `p:<prefix>` feature names. */
  words: string[];
  /** `c:<n-gram>` feature names. */
  grams: string[];
  /** Ids of the word features the scoring model weighs (see {@link ModelSet.vocabIds}). */
  wordIds: Int32Array;
  /** Ids of the n-grams the scoring model weighs. */
  gramIds: Int32Array;
  /** The last text this word was seen in (its features are counted once per text). */
  seen: number;
}

const MEMO_LIMIT = 100_000;
const NO_IDS = new Int32Array(0);

function idsOf(keys: string[], ids: Map<string, number> | null): Int32Array {
  if (!ids) return NO_IDS;
  const known = new Set<number>();
  for (const k of keys) {
    const id = ids.get(k);
    if (id !== undefined) known.add(id);
  }
  return known.size ? Int32Array.from(known) : NO_IDS;
}

/** Normalised token → its bag-of-words and character n-gram features, memoised (one memo per caller). */
function wordKeys(lang: Lang, ids: Map<string, number> | null): (norm: string) => WordKeys {
  const m = new Map<string, WordKeys>();
  const stemOf = stemmer(lang);
  return (norm) => {
    let keys = m.get(norm);
    if (keys !== undefined) return keys;
    const words = wordFeatures5(stemOf(norm), norm);
    const grams = charGrams(norm);
    keys = { words, grams, wordIds: idsOf(words, ids), gramIds: idsOf(grams, ids), seen: -1 };
    if (m.size >= MEMO_LIMIT) m.clear();
    m.set(norm, keys);
    return keys;
  };
}

/**
 * Token positions inside a target-group term («таджики», "Uzbek migrants"). Their word features are left out, so
 * that a group's name carries no weight of its own learned from the hateful texts that name it: what the text says
 * about the group decides (5-fold cross-validation on the training corpus: xenophobic F1 0.843 → 0.844,
 * counter-speech flagged 7.3% → 7.1%). Their character n-grams stay, which keeps misspelt and inflected names.
 */
function groupWordPositions(count: number, matches: Match[]): Uint8Array {
  const marked = new Uint8Array(count);
  for (const m of matches) if (m.entry.category === 'target') for (let k = m.first; k <= m.last; k++) marked[k] = 1;
  return marked;
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
  const vocabIds = models && models.vocabIds.size > 0 ? models.vocabIds : null;
  const vocabSeen = new Uint32Array(vocabIds?.size ?? 0);
  const labelCount = models?.models.length ?? 0;
  const binary = models?.models.map((m) => m.input === 'binary') ?? [];
  let textNo = 0;
  const keysOf = new Map<Lang, (norm: string) => WordKeys>();
  /** Features of one text; with `logits`, the word and n-gram features are summed into it per label instead of
   * being put in the map (same scores, no map entries). */
  const analyse = (text: string, lang: Lang | undefined, logits: Float64Array | null): Extracted => {
    const l = lang && lang !== 'und' ? lang : classifyLanguage(text);
    const analyzed = analyzeDetailed(text, l, false);
    const tokens = l === 'en' ? splitGlued(analyzed, splitter, knownEn) : analyzed;
    textNo = (textNo + 1) >>> 0 || 1;
    if (textNo === 1) {
      vocabSeen.fill(0);
      keysOf.clear();
    }
    let keyOf = keysOf.get(l);
    if (!keyOf) {
      keyOf = wordKeys(l, vocabIds);
      keysOf.set(l, keyOf);
    }
    const index = indexes.get(l) ?? (indexes.get('ru') as LangIndex);
    const matches = findMatches(index, tokens);
    const x = extractFeatures(tokens, matches, text);
    const groupWords = groupWordPositions(tokens.length, matches);
    const f = x.features;
    let gramCount = 0;
    const fresh: WordKeys[] | null = logits && models ? null : [];
    const vw = models?.vocabWeights ?? new Float64Array(0);
    const wordSums = new Float64Array(labelCount);
    const gramSums = new Float64Array(labelCount);
    const addIds = (ids: Int32Array, sums: Float64Array) => {
      for (let k = 0; k < ids.length; k++) {
        const id = ids[k];
        if (vocabSeen[id] === textNo) continue;
        vocabSeen[id] = textNo;
        for (let j = 0, at = id * labelCount; j < labelCount; j++) sums[j] += vw[at + j];
      }
    };
    const freshGrams: WordKeys[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const keys = keyOf(tokens[i].norm);
      gramCount += keys.grams.length;
      if (keys.seen === textNo) continue;
      if (groupWords[i]) {
        // A group's name adds its character n-grams but no word features (see groupWordPositions).
        if (fresh) freshGrams.push(keys);
        else addIds(keys.gramIds, gramSums);
        continue;
      }
      keys.seen = textNo;
      if (fresh) fresh.push(keys);
      else {
        addIds(keys.wordIds, wordSums);
        addIds(keys.gramIds, gramSums);
      }
    }
    const v = charGramValue(gramCount);
    if (fresh) {
      for (const keys of fresh) {
        for (let k = 0; k < keys.words.length; k++) f.set(keys.words[k], 1);
        for (let k = 0; k < keys.grams.length; k++) f.set(keys.grams[k], v);
      }
      for (const keys of freshGrams) for (let k = 0; k < keys.grams.length; k++) f.set(keys.grams[k], v);
    } else if (logits) {
      const lw = Math.LN2;
      const lv = Math.log1p(v);
      for (let j = 0; j < labelCount; j++)
        logits[j] += binary[j] ? wordSums[j] + gramSums[j] : wordSums[j] * lw + gramSums[j] * lv;
    }
    return x;
  };
  const featurize = (text: string, lang?: Lang): Extracted => analyse(text, lang, null);
  const classify = (text: string, lang?: Lang): Classification => {
    if (!model || !models) throw new Error("no classifier model: run 'kuzet train' to build lexicons/model.json.");
    const logits = new Float64Array(labelCount);
    const x = analyse(text ?? '', lang, logits);
    const [px, pm, pc] = scoreAll(models, x.features, logits);
    const { xenophobic, migration_policy, counter_speech: counter } = decide(model, x, [px, pm, pc]);
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
      migration_policy,
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
