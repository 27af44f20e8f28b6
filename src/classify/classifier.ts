/** The classifier: analyzer → lexicon matches → context features → per-label models → Classification. */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Classification, Evidence, Lang } from '../domain.js';
import { type AnalyzedToken, analyzeDetailed, stemmer } from '../text/index.js';
import {
  charGrams,
  charGramValue,
  type Extracted,
  extractFeatures,
  isDistancedOnly,
  isGatedOff,
  isGroupName,
  wordFeatures as wordFeatures5,
} from './features.js';
import { gluedSplitter, splitGlued } from './glued.js';
import { classifyLanguage } from './language.js';
import { DEFAULT_LEXICON_DIR, type Lexicon, type LexiconEntry, loadLexicon } from './lexicon.js';
import { buildIndex, coversToken, findMatches, type LangIndex, type Match } from './matcher.js';
import { type LabelModel, modelSet, scoreAll } from './model.js';
import { type PassageText, passagesOf, passageText } from './passages.js';

export interface ModelFile {
  format: 1;
  lexicon_version: string;
  /** Digest of the lexicon files the model was trained with (see {@link Lexicon.sha256}). */
  lexicon_sha256: string;
  trained_on: { examples: number; sha256: string };
  labels: { xenophobic: LabelModel; migration_policy: LabelModel; counter_speech: LabelModel };
  /** Severity of xenophobic passages (trained on the xenophobic rows); without it, severity comes from rules alone. */
  severity?: SeverityModels;
}

export interface SeverityModels {
  at_least_2: LabelModel;
  at_least_3: LabelModel;
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
  /** Features for one text as given, without the relevance stage (training and debugging). */
  featurize(text: string, lang?: Lang): Extracted;
  /** The text's passages joined (what the labels are decided on) and its language, or null when it has none. */
  relevantText(text: string, lang?: Lang): { text: string; lang: Lang } | null;
}

export const DEFAULT_MODEL_PATH = join(DEFAULT_LEXICON_DIR, 'model.json');
const MAX_EVIDENCE = 40;
/** Head start of counter_speech when both it and xenophobic pass their thresholds (5-fold cross-validation on the
 * training corpus: the share of counter-speech flagged falls from 9.5% to 8.1% for 0.001 of xenophobic F1). */
const COUNTER_MARGIN = 0.2;
const EVIDENCE_SKIP = new Set(['sense', 'collective']);

/**
 * The version of the classification rules: the relevance stage, features, gates and decisions in src/classify and
 * the analyzer in src/text. Raise it with any change that can change an output (the golden-output test,
 * test/classify/golden.test.ts, fails when outputs change under the same version).
 */
export const RULES_VERSION = '2026.12.1';

/** `lexicon-<VERSION>+rules-<RULES_VERSION>+model-<sha256 of the model file, 8 hex>`. */
export function versionOf(lexiconVersion: string, model: ModelFile | null): string {
  const hash = model ? createHash('sha256').update(JSON.stringify(model)).digest('hex').slice(0, 8) : 'none';
  return `lexicon-${lexiconVersion}+rules-${RULES_VERSION}+model-${hash}`;
}

/** A model file trained for other lexicons than the loaded ones: its weights name entries that changed. */
export class ModelMismatchError extends Error {
  override name = 'ModelMismatchError';
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

/**
 * Severity of a xenophobic passage: a call to violence or expulsion in the writer's own voice is 3 and dehumanising
 * words or collective blame at least 2 (rules); otherwise, and above the rules, the severity models decide.
 */
function severityOf(model: ModelFile, x: Extracted, probs: readonly number[]): 1 | 2 | 3 {
  const p = x.plainHate;
  if (p.has('violence') || p.has('expulsion')) return 3;
  const rule =
    p.has('dehumanizing') || x.features.has('blame&collective') || x.features.has('derog&collective') ? 2 : 1;
  const s = model.severity;
  if (!s) return rule;
  if (probs[4] >= s.at_least_3.threshold) return 3;
  return probs[3] >= s.at_least_2.threshold ? 2 : rule;
}

function evidenceOf(passage: ScoredPassage): Evidence[] {
  const { at, x } = passage;
  const seen = new Set<string>();
  const out: Evidence[] = [];
  for (const { match } of x.live) {
    if (EVIDENCE_SKIP.has(match.entry.category)) continue;
    const start = at.original(match.start);
    const end = at.original(match.end);
    const key = `${start}:${end}:${match.entry.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      start,
      end,
      text: at.text.slice(match.start, match.end),
      entry: match.entry.id,
      category: match.entry.category,
    });
  }
  return out;
}

/** A text's tokens and lexicon matches. */
interface Analysed {
  tokens: AnalyzedToken[];
  matches: Match[];
}

/** One passage with its features, label probabilities and decisions. */
interface ScoredPassage {
  at: PassageText;
  x: Extracted;
  probs: number[];
  decision: ReturnType<typeof decide>;
}

/** Group names that always speak of migrants, so that a passage naming them reports its groups even unflagged. */
const MIGRANT_GROUPS = new Set(['migrants', 'refugees']);

/**
 * The text's classification from its passages: a label holds when a passage decides it (xenophobic and
 * counter_speech, when passages disagree, by the same margin rule as {@link decide}); scores are the highest
 * passage's; severity, evidence and targets come from the passages that decide. A text without passages is
 * unrelated: every label false, no targets, no evidence.
 */
function combine(model: ModelFile, scored: ScoredPassage[]): Omit<Classification, 'classifier_version'> {
  const L = model.labels;
  const best = (j: number) => scored.reduce((m, p) => Math.max(m, p.probs[j]), 0);
  const margin = (list: ScoredPassage[], j: number, threshold: number) =>
    list.reduce((m, p) => Math.max(m, p.probs[j] - threshold), Number.NEGATIVE_INFINITY);
  let hateful = scored.filter((p) => p.decision.xenophobic);
  let countering = scored.filter((p) => p.decision.counter_speech);
  if (hateful.length && countering.length) {
    const hateWins =
      margin(hateful, 0, L.xenophobic.threshold) > margin(countering, 2, L.counter_speech.threshold) + COUNTER_MARGIN;
    if (hateWins) countering = [];
    else hateful = [];
  }
  const policy = scored.filter((p) => p.decision.migration_policy);
  const deciding = new Set([...hateful, ...countering, ...policy]);
  const severity = hateful.reduce<0 | 1 | 2 | 3>(
    (m, p) => Math.max(m, severityOf(model, p.x, p.probs)) as 0 | 1 | 2 | 3,
    0,
  );
  const targets = new Set<string>();
  for (const p of scored) {
    const groups = [...p.x.groups];
    if (deciding.has(p) || groups.some((g) => MIGRANT_GROUPS.has(g))) for (const g of groups) targets.add(g);
  }
  const mood = scored.filter((p) => p.x.groups.size > 0).map((p) => p.x.sentiment);
  const average = mood.length ? mood.reduce((a, b) => a + b, 0) / mood.length : 0;
  const sentiment = hateful.length
    ? Math.min(...hateful.map((p) => p.x.sentiment), -0.25 * severity)
    : countering.length
      ? Math.max(average, 0)
      : average;
  const evidence = [
    ...new Map(
      scored
        .filter((p) => deciding.has(p))
        .flatMap(evidenceOf)
        .map((e) => [`${e.start}:${e.end}:${e.entry}`, e]),
    ).values(),
  ]
    .sort((a, b) => a.start - b.start || a.end - b.end)
    .slice(0, MAX_EVIDENCE);
  return {
    xenophobic: hateful.length > 0,
    xenophobia_score: r3(best(0)),
    severity,
    migration_policy: policy.length > 0,
    migration_policy_score: r3(best(1)),
    counter_speech: countering.length > 0,
    targets: [...targets].sort(),
    sentiment: r3(sentiment),
    evidence,
  };
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
  const named = x.groups.size > 0;
  let xenophobic = named && px >= L.xenophobic.threshold && !isGatedOff(x);
  let counter = named && isAboutXenophobia(x) && (pc >= L.counter_speech.threshold || (distanced && x.condemnedQuote));
  if (xenophobic && counter) {
    const ownVoiceAfterQuote = x.condemnedQuote && x.plainHate.size > 0;
    if (ownVoiceAfterQuote || px - L.xenophobic.threshold > pc - L.counter_speech.threshold + COUNTER_MARGIN)
      counter = false;
    else xenophobic = false;
  }
  const policy = pm >= L.migration_policy.threshold && (x.instruments > 0 || (named && x.policyContext > 0));
  return { xenophobic, migration_policy: policy, counter_speech: counter };
}

/**
 * Counter-speech needs xenophobia in the text to report, condemn or rebut: named as a topic, a quote rejected by a
 * condemnation, hate words in quotation marks or negated, hate words in reported speech next to condemning or court
 * words, or an argument against blaming. Reporting verbs alone never count.
 */
function isAboutXenophobia(x: Extracted): boolean {
  return (
    x.xenophobiaTopic > 0 ||
    x.condemnedQuote ||
    x.quotedHate > 0 ||
    x.negatedHate > 0 ||
    (x.distancedHate > 0 && x.condemning) ||
    x.arguing
  );
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
  for (const m of matches) if (isGroupName(m)) for (let k = m.first; k <= m.last; k++) marked[k] = 1;
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
    if (model && (model.lexicon_version !== lexicon.version || model.lexicon_sha256 !== lexicon.sha256))
      throw new ModelMismatchError(
        `model file ${path} was trained for lexicons ${model.lexicon_version} (${String(model.lexicon_sha256 ?? 'no digest').slice(0, 12)}), ` +
          `but the lexicons are ${lexicon.version} (${lexicon.sha256.slice(0, 12)}); run 'kuzet train' to rebuild it.`,
      );
  }
  const indexes = buildIndexes(lexicon);
  const splitter = gluedSplitter(lexicon.entries.filter((e) => e.language === 'en'));
  const enIndex = indexes.get('en') as LangIndex;
  const knownEn = (norm: string) => coversToken(enIndex, norm);
  const models = model
    ? modelSet([
        model.labels.xenophobic,
        model.labels.migration_policy,
        model.labels.counter_speech,
        ...(model.severity ? [model.severity.at_least_2, model.severity.at_least_3] : []),
      ])
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
  const languageOf = (text: string, lang: Lang | undefined): Lang =>
    lang && lang !== 'und' ? lang : classifyLanguage(text);
  const indexFor = (l: Lang) => indexes.get(l) ?? (indexes.get('ru') as LangIndex);
  const tokensOf = (text: string, l: Lang) => {
    const analyzed = analyzeDetailed(text, l, false);
    return l === 'en' ? splitGlued(analyzed, splitter, knownEn) : analyzed;
  };
  const passagesIn = (text: string, l: Lang) => {
    const tokens = tokensOf(text, l);
    const matches = findMatches(indexFor(l), tokens);
    return { tokens, matches, passages: passagesOf(text, tokens, matches) };
  };
  /** The tokens and matches of a one-range passage, cut from the whole text's (offsets made passage-relative), so
   * that it is not analysed twice; a paragraph's analysis does not depend on the paragraphs around it. */
  const cut = (tokens: AnalyzedToken[], matches: Match[], [start, end]: [number, number]): Analysed => {
    let first = 0;
    for (let hi = tokens.length; first < hi; ) {
      const mid = (first + hi) >>> 1;
      if (tokens[mid].start < start) first = mid + 1;
      else hi = mid;
    }
    let last = first;
    while (last < tokens.length && tokens[last].end <= end) last++;
    return {
      tokens: tokens.slice(first, last),
      matches: matches
        .filter((m) => m.first >= first && m.last < last)
        .map((m) => ({
          ...m,
          first: m.first - first,
          last: m.last - first,
          start: m.start - start,
          end: m.end - start,
        })),
    };
  };
  const analyse = (text: string, lang: Lang | undefined, logits: Float64Array | null, given?: Analysed): Extracted => {
    const l = languageOf(text, lang);
    const tokens = given?.tokens ?? tokensOf(text, l);
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
    const matches = given?.matches ?? findMatches(indexFor(l), tokens);
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
  const relevantText = (text: string, lang?: Lang) => {
    const l = languageOf(text, lang);
    const { passages } = passagesIn(text, l);
    return passages.length ? { text: passages.map((p) => passageText(text, p).text).join('\n'), lang: l } : null;
  };
  const classify = (text: string, lang?: Lang): Classification => {
    if (!model || !models) throw new Error("no classifier model: run 'kuzet train' to build lexicons/model.json.");
    const full = text ?? '';
    const l = languageOf(full, lang);
    const { tokens, matches, passages } = passagesIn(full, l);
    const scored = passages.map((passage): ScoredPassage => {
      const at = passageText(full, passage);
      const logits = new Float64Array(labelCount);
      const one = passage.ranges.length === 1 ? cut(tokens, matches, passage.ranges[0]) : undefined;
      const x = analyse(at.text, l, logits, one);
      const probs = scoreAll(models, x.features, logits);
      return { at, x, probs, decision: decide(model, x, probs) };
    });
    return { ...combine(model, scored), classifier_version: version };
  };
  return { version, lexicon, classify, featurize, relevantText };
}
