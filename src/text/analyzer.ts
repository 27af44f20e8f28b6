/** The analyzer shared by the classifier and the store: tokens with stems and negation/quote/reported-speech scope. */
import type { Lang } from '../domain.js';
import { type ScopeWords, scopeWords } from './scope-words.js';
import { stemmer } from './stem.js';
import { type RawToken, tokenize } from './tokenize.js';

export interface Token {
  text: string;
  norm: string;
  stem: string;
  start: number;
  end: number;
  /** Inside the scope of a negator (не, not, емес). */
  negated: boolean;
  /** Inside quotation marks, or a #hashtag. */
  quoted: boolean;
  /** In a sentence that reports someone else's words (заявил, деп, said). */
  reported: boolean;
}

/** A token with the sentence facts the classifier needs. */
export interface AnalyzedToken extends Token {
  masked?: string;
  sentence: number;
  question: boolean;
}

const NEGATION_SPAN: Partial<Record<Lang, number>> = { en: 5, ru: 3, kk: 2 };
/** Words before a postposed negator (kk емес, жоқ) that it negates within its clause: an SOV predicate phrase. */
const NEGATED_BEFORE = 4;
const KK_NEGATIVE_VERB =
  /.{2,}(ма|ме|ба|бе|па|пе)(ймын|ймін|йды|йді|ймыз|йміз|йсың|йсің|йсыз|йсіз|йтын|йтін|ңыз|ңіз|ңдар|ңдер|ған|ген|с|у)$/;

/** Words that turn a preceding negator into eagerness, not denial ("can't wait", «не терпится»). */
const EAGER = new Set(['wait', 'терпится']);

interface QuoteState {
  open: string | null;
}

const GAP_SENTENCE = 1;
const GAP_QUESTION = 2;
const GAP_CLAUSE = 4;

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === '\u00a0';
}

/** Scans the characters between two tokens for sentence, clause and quotation boundaries; returns GAP_* bits. */
function scanGap(text: string, from: number, to: number, state: QuoteState): number {
  let bits = 0;
  for (let i = from; i < to; i++) {
    const c = text[i];
    if (c === ' ') continue;
    if (c === '.' || c === '!' || c === '…' || c === '\n') bits |= GAP_SENTENCE | GAP_CLAUSE;
    else if (c === '?') bits |= GAP_SENTENCE | GAP_QUESTION | GAP_CLAUSE;
    else if (c === ',' || c === ';' || c === ':' || c === '—' || c === '–' || c === '(' || c === ')')
      bits |= GAP_CLAUSE;
    if (c === '\n') state.open = null;
    else if (c === '«' || c === '„') state.open = c;
    else if (c === '»' || c === '”') state.open = null;
    else if (c === '“') state.open = state.open === '„' ? null : '“';
    else if (c === '"') state.open = state.open === '"' ? null : '"';
    else if (c === '‘') state.open = '‘';
    else if (c === '’' && state.open === '‘') state.open = null;
    else if (c === "'") {
      if (state.open === "'") state.open = null;
      else if (!state.open && (i === from || isSpace(text[i - 1])) && i === to - 1) state.open = "'";
    }
  }
  return bits;
}

const BREAKER = 1;
const NEGATES_NEXT = 2;
const NEGATES_PREVIOUS = 4;
const REPORTING = 8;
const REPORTING_PAIR = 16;
const TURKIC_NEGATIVE_VERB = 32;

interface RoleIndex {
  words: ScopeWords;
  /** First word of a two-word reporting marker → prefixes of the second word. */
  pairs: Map<string, string[]>;
  /** Memo: normalised token → role bits. */
  roles: Map<string, number>;
}

const roleIndexes = new Map<Lang, RoleIndex>();

function roleIndex(lang: Lang): RoleIndex {
  let idx = roleIndexes.get(lang);
  if (idx) return idx;
  idx = { words: scopeWords(lang), pairs: new Map(), roles: new Map() };
  for (const p of idx.words.reporting) {
    const space = p.indexOf(' ');
    if (space > 0) idx.pairs.set(p.slice(0, space), [...(idx.pairs.get(p.slice(0, space)) ?? []), p.slice(space + 1)]);
  }
  roleIndexes.set(lang, idx);
  return idx;
}

function rolesOf(idx: RoleIndex, norm: string, lang: Lang): number {
  let bits = idx.roles.get(norm);
  if (bits !== undefined) return bits;
  const w = idx.words;
  bits = 0;
  if (w.breakers.has(norm)) bits |= BREAKER;
  if (w.negatorsBefore.has(norm) || (lang === 'en' && norm.endsWith("n't"))) bits |= NEGATES_NEXT;
  if (w.negatorsAfter.has(norm)) bits |= NEGATES_PREVIOUS;
  for (const p of w.reporting) if (p.indexOf(' ') < 0 && norm.startsWith(p)) bits |= REPORTING;
  if (idx.pairs.has(norm)) bits |= REPORTING_PAIR;
  if ((lang === 'kk' || lang === 'ky') && norm.length >= 6 && KK_NEGATIVE_VERB.test(norm)) bits |= TURKIC_NEGATIVE_VERB;
  if (idx.roles.size >= 100_000) idx.roles.clear();
  idx.roles.set(norm, bits);
  return bits;
}

function pairFollows(idx: RoleIndex, norm: string, next: string | undefined): boolean {
  if (next === undefined) return false;
  for (const p of idx.pairs.get(norm) ?? []) if (next.startsWith(p)) return true;
  return false;
}

/**
 * Tokenizes and annotates text: normalised form, stem, negation, quotation and reported-speech scope.
 *
 * @example
 * const [t] = analyze('Мигрантов не ненавижу', 'ru');
 * t.stem; // 'мигрант'
 * analyze('Мигрантов не ненавижу', 'ru')[2].negated; // true
 */
export function analyzeDetailed(text: string, lang: Lang, withStems = true): AnalyzedToken[] {
  const raw: RawToken[] = tokenize(text, lang);
  const roles = roleIndex(lang);
  const stemOf = withStems ? stemmer(lang) : null;
  const span = NEGATION_SPAN[lang] ?? 3;
  const out: AnalyzedToken[] = new Array(raw.length);
  const quote: QuoteState = { open: null };
  let sentence = 0;
  let sentenceStart = 0;
  let clauseStart = 0;
  let negLeft = 0;
  let reported = false;
  const closeSentence = (end: number, question: boolean) => {
    if (question || reported) {
      for (let k = sentenceStart; k < end; k++) {
        out[k].question = question;
        out[k].reported = reported;
      }
    }
    sentence++;
    sentenceStart = end;
    reported = false;
  };
  let prevEnd = 0;
  for (let i = 0; i < raw.length; i++) {
    const r = raw[i];
    const gap = r.start > prevEnd ? scanGap(text, prevEnd, r.start, quote) : 0;
    prevEnd = r.end;
    if (gap & GAP_SENTENCE && i > sentenceStart) closeSentence(i, (gap & GAP_QUESTION) !== 0);
    if (gap & GAP_CLAUSE) {
      negLeft = 0;
      clauseStart = i;
    }
    const norm = r.norm;
    const bits = rolesOf(roles, norm, lang);
    if (bits & BREAKER) {
      negLeft = 0;
      clauseStart = i;
    }
    const t: AnalyzedToken = {
      text: r.text,
      norm,
      stem: stemOf ? stemOf(norm) : norm,
      start: r.start,
      end: r.end,
      negated: negLeft > 0,
      quoted: quote.open !== null || (r.start > 0 && text.charCodeAt(r.start - 1) === 35),
      reported: false,
      sentence,
      question: false,
    };
    if (r.masked) t.masked = r.masked;
    out[i] = t;
    if (negLeft > 0) negLeft--;
    if (bits === 0) continue;
    if (bits & NEGATES_NEXT && !EAGER.has(raw[i + 1]?.norm ?? '')) negLeft = span;
    if (bits & NEGATES_PREVIOUS)
      for (let k = Math.max(clauseStart, i - NEGATED_BEFORE); k < i; k++) out[k].negated = true;
    if (bits & TURKIC_NEGATIVE_VERB) t.negated = true;
    if (!reported && (bits & REPORTING || (bits & REPORTING_PAIR && pairFollows(roles, norm, raw[i + 1]?.norm))))
      reported = true;
  }
  closeSentence(raw.length, text.indexOf('?', prevEnd) >= 0);
  return out;
}

/**
 * Public analyzer: tokens with `text, norm, stem, start, end, negated, quoted, reported`.
 *
 * @example
 * analyze('«Чурки» — так их назвал обвиняемый', 'ru')[0].quoted; // true
 */
export function analyze(text: string, lang: Lang): Token[] {
  return analyzeDetailed(text, lang).map(({ text: t, norm, stem: s, start, end, negated, quoted, reported }) => ({
    text: t,
    norm,
    stem: s,
    start,
    end,
    negated,
    quoted,
    reported,
  }));
}

/**
 * Space-separated stems for a full-text index column, so a search for one form finds the others. Fast path:
 * no scope analysis.
 *
 * @example
 * stemsForIndex('Мигрантов стало больше', 'ru'); // 'мигрант стал больш'
 */
export function stemsForIndex(text: string, lang: Lang): string {
  const tokens = tokenize(text, lang);
  const stemOf = stemmer(lang);
  let out = '';
  for (const t of tokens) out += (out ? ' ' : '') + stemOf(t.norm);
  return out;
}
