/**
 * A QueryNode after text analysis: terms become the stems (or stem sequences) they may take in an
 * indexed text, prefixes become normalised words. Both adapters translate this form, and the
 * match offsets of a hit are computed from it, so all three agree on what a query means.
 */
import type { QueryNode } from '../search/query.js';
import { queryWords, stemAlternatives } from './analysis.js';

export type AnalyzedQuery =
  /** Any of these single stems, in `stems`. */
  | { type: 'stem'; alts: string[] }
  /** A normalised word start, in `words`. */
  | { type: 'prefix'; word: string }
  /** Any of these stem sequences as consecutive tokens, in `stems`. */
  | { type: 'phrase'; alts: string[][] }
  | { type: 'and'; children: AnalyzedQuery[] }
  | { type: 'or'; children: AnalyzedQuery[] }
  | { type: 'not'; child: AnalyzedQuery };

function sequence(words: string[]): AnalyzedQuery | null {
  if (words.length === 0) return null;
  const alts = stemAlternatives(words);
  if (words.length === 1) return { type: 'stem', alts: alts.map((a) => a[0]) };
  return { type: 'phrase', alts };
}

function group(type: 'and' | 'or', children: Array<AnalyzedQuery | null>): AnalyzedQuery | null {
  const kept = children.filter((c): c is AnalyzedQuery => c !== null);
  if (kept.length === 0) return null;
  return kept.length === 1 ? kept[0] : { type, children: kept };
}

/**
 * Analyses a query. Terms that hold no word (only punctuation) drop out; a query left empty is null.
 * A term of several words (`covid-19`) is a phrase; a prefix term of several words needs the leading
 * words and the prefix of the last.
 *
 * @example
 * analyzeQuery({ type: 'term', value: 'мигрантов' }); // { type: 'stem', alts: ['мигрант', 'мигрантов'] }
 */
export function analyzeQuery(node: QueryNode | null): AnalyzedQuery | null {
  if (!node) return null;
  switch (node.type) {
    case 'term': {
      const words = queryWords(node.value);
      if (!node.prefix || words.length === 0) return sequence(words);
      const last: AnalyzedQuery = { type: 'prefix', word: words[words.length - 1] };
      return group('and', [...words.slice(0, -1).map((w) => sequence([w])), last]);
    }
    case 'phrase':
      return sequence(node.terms.flatMap(queryWords));
    case 'and':
    case 'or':
      return group(node.type, node.children.map(analyzeQuery));
    case 'not': {
      const child = analyzeQuery(node.child);
      return child ? { type: 'not', child } : null;
    }
  }
}

/** The leaves a hit is highlighted by: every term, prefix and phrase not under a `not`. */
export function positiveLeaves(query: AnalyzedQuery | null): AnalyzedQuery[] {
  if (!query) return [];
  if (query.type === 'not') return [];
  if (query.type === 'and' || query.type === 'or') return query.children.flatMap(positiveLeaves);
  return [query];
}
