/**
 * The one place the stores get their text analysis from: the normalised words and stems of an
 * article's classified text, and the stems a query term may take. Both adapters index `words`
 * (for prefix queries) and `stems` (for term and phrase queries) as space-separated tokens.
 */
import { LANGS, type Lang } from '../domain.js';
import { stem, tokenize } from '../text/index.js';

export interface IndexToken {
  start: number;
  end: number;
  /** Normalised form: lower case, ё→е, look-alikes mapped. */
  word: string;
  stem: string;
}

/**
 * Tokens of a text with offsets, normalised words and stems, as they are indexed.
 *
 * @example
 * indexTokens('Мигрантов стало', 'ru')[0]; // { start: 0, end: 9, word: 'мигрантов', stem: 'мигрант' }
 */
export function indexTokens(text: string, lang: Lang): IndexToken[] {
  return tokenize(text, lang).map((t) => ({ start: t.start, end: t.end, word: t.norm, stem: stem(t.norm, lang) }));
}

/**
 * The two derived full-text fields every store indexes.
 *
 * @example
 * indexFields('Мигрантов стало', 'ru'); // { words: 'мигрантов стало', stems: 'мигрант стал' }
 */
export function indexFields(text: string, lang: Lang): { words: string; stems: string } {
  const tokens = indexTokens(text, lang);
  return { words: tokens.map((t) => t.word).join(' '), stems: tokens.map((t) => t.stem).join(' ') };
}

/** Normalised words of a query term or phrase, split the way texts are split. */
export function queryWords(value: string): string[] {
  return tokenize(value, 'und').map((t) => t.norm);
}

/**
 * Every stem sequence a run of query words can take in an indexed text: a query has no language,
 * so it is stemmed as each language would stem it, and any of the results may match.
 *
 * @example
 * stemAlternatives(['мигрантов']); // [['мигрант'], ['мигрантов']]
 */
export function stemAlternatives(words: string[]): string[][] {
  const seen = new Map<string, string[]>();
  for (const lang of LANGS) {
    const stems = words.map((w) => stem(w, lang));
    seen.set(stems.join(' '), stems);
  }
  return [...seen.values()];
}
