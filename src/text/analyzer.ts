/** The analyzer shared by the classifier and the store: tokens with stems and negation/quote/reported-speech scope. */
import type { Lang } from '../domain.js';
import { scopeWords } from './scope-words.js';
import { stem } from './stem.js';
import { type RawToken, tokenize } from './tokenize.js';

export interface Token {
  text: string;
  norm: string;
  stem: string;
  start: number;
  end: number;
  /** Inside the scope of a negator (не, not, емес). */
  negated: boolean;
  /** Inside quotation marks. */
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
const KK_NEGATIVE_VERB = /.{2,}(ма|ме|ба|бе|па|пе)(ймын|ймін|йды|йді|ймыз|йміз|йсың|йсің|йсыз|йсіз|йтын|йтін|ңыз|ңіз|ңдар|ңдер|ған|ген|с|у)$/;

interface QuoteState {
  open: string | null;
}

function scanGap(gap: string, state: QuoteState): { sentenceEnd: boolean; question: boolean; clauseEnd: boolean } {
  let sentenceEnd = false;
  let question = false;
  let clauseEnd = false;
  for (let i = 0; i < gap.length; i++) {
    const c = gap[i];
    if (c === '.' || c === '!' || c === '…' || c === '\n') sentenceEnd = true;
    else if (c === '?') (sentenceEnd = true), (question = true);
    else if (c === ',' || c === ';' || c === ':' || c === '—' || c === '–' || c === '(' || c === ')') clauseEnd = true;
    if (c === '\n') state.open = null;
    else if (c === '«' || c === '„') state.open = c;
    else if (c === '»' || c === '”') state.open = null;
    else if (c === '“') state.open = state.open === '„' ? null : '“';
    else if (c === '"') state.open = state.open === '"' ? null : '"';
    else if (c === '‘') state.open = '‘';
    else if (c === '’' && state.open === '‘') state.open = null;
    else if (c === "'") {
      if (state.open === "'") state.open = null;
      else if (!state.open && (i === 0 ? true : /\s/.test(gap[i - 1])) && i === gap.length - 1) state.open = "'";
    }
  }
  return { sentenceEnd, question, clauseEnd: clauseEnd || sentenceEnd };
}

function isReporting(norm: string, next: string | undefined, prefixes: string[]): boolean {
  for (const p of prefixes) {
    const space = p.indexOf(' ');
    if (space < 0 ? norm.startsWith(p) : `${norm} ${next ?? ''}`.startsWith(p)) return true;
  }
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
  const words = scopeWords(lang);
  const span = NEGATION_SPAN[lang] ?? 3;
  const out: AnalyzedToken[] = new Array(raw.length);
  const quote: QuoteState = { open: null };
  let sentence = 0;
  let sentenceStart = 0;
  let clauseStart = 0;
  let negLeft = 0;
  let reported = false;
  const closeSentence = (end: number, question: boolean) => {
    for (let k = sentenceStart; k < end; k++) {
      out[k].question = question;
      out[k].reported = reported;
    }
    sentence++;
    sentenceStart = end;
    reported = false;
  };
  for (let i = 0; i < raw.length; i++) {
    const r = raw[i];
    const gap = scanGap(text.slice(i === 0 ? 0 : raw[i - 1].end, r.start), quote);
    if (gap.sentenceEnd && i > sentenceStart) closeSentence(i, gap.question);
    if (gap.clauseEnd) (negLeft = 0), (clauseStart = i);
    const norm = r.norm;
    if (words.breakers.has(norm)) (negLeft = 0), (clauseStart = i);
    const t: AnalyzedToken = {
      text: r.text, norm, stem: withStems ? stem(norm, lang) : norm, start: r.start, end: r.end,
      negated: negLeft > 0, quoted: quote.open !== null, reported: false, sentence, question: false,
    };
    if (r.masked) t.masked = r.masked;
    out[i] = t;
    if (negLeft > 0) negLeft--;
    if (words.negatorsBefore.has(norm) || (lang === 'en' && norm.endsWith("n't"))) negLeft = span;
    if (words.negatorsAfter.has(norm)) for (let k = Math.max(clauseStart, i - 2); k < i; k++) out[k].negated = true;
    if ((lang === 'kk' || lang === 'ky') && norm.length >= 6 && KK_NEGATIVE_VERB.test(norm)) t.negated = true;
    if (!reported && isReporting(norm, raw[i + 1]?.norm, words.reporting)) reported = true;
    t.sentence = sentence;
  }
  const tail = text.slice(raw.length ? raw[raw.length - 1].end : 0);
  closeSentence(raw.length, tail.includes('?'));
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
    text: t, norm, stem: s, start, end, negated, quoted, reported,
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
  let out = '';
  for (const t of tokens) out += (out ? ' ' : '') + stem(t.norm, lang);
  return out;
}
