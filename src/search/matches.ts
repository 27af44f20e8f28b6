/**
 * Where a query matched in an article: offsets into classifiedText(article), computed the same
 * way for every store from the analysed query, so highlights do not depend on the adapter.
 */
import { type Article, classifiedText } from '../domain.js';
import { type IndexToken, indexTokens } from '../store/analysis.js';
import { type AnalyzedQuery, positiveLeaves } from '../store/analyzed-query.js';

function leafSpans(leaf: AnalyzedQuery, tokens: IndexToken[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  if (leaf.type === 'stem') {
    const alts = new Set(leaf.alts);
    for (const t of tokens) if (alts.has(t.stem)) out.push([t.start, t.end]);
  } else if (leaf.type === 'prefix') {
    for (const t of tokens) if (t.word.startsWith(leaf.word)) out.push([t.start, t.end]);
  } else if (leaf.type === 'phrase') {
    for (const alt of leaf.alts) {
      for (let i = 0; i + alt.length <= tokens.length; i++) {
        if (alt.every((s, k) => tokens[i + k].stem === s)) out.push([tokens[i].start, tokens[i + alt.length - 1].end]);
      }
    }
  }
  return out;
}

function merge(spans: Array<[number, number]>): Array<[number, number]> {
  spans.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: Array<[number, number]> = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else out.push([s[0], s[1]]);
  }
  return out;
}

/**
 * Offsets [start, end) of the tokens a query matched: a stem equal to a term's, a word starting
 * with a prefix, or consecutive tokens of a phrase. Negated parts are not highlighted; overlapping
 * spans are merged.
 *
 * @example
 * const text = 'Мигрантов стало больше';
 * queryMatches(text, 'ru', analyzeQuery({ type: 'term', value: 'мигрант' })); // [[0, 9]]
 */
export function queryMatches(
  text: string,
  lang: Article['lang'],
  query: AnalyzedQuery | null,
): Array<[number, number]> {
  const leaves = positiveLeaves(query);
  if (leaves.length === 0) return [];
  const tokens = indexTokens(text, lang);
  return merge(leaves.flatMap((leaf) => leafSpans(leaf, tokens)));
}

/**
 * Match offsets of a stored article, into classifiedText(article).
 *
 * @example
 * hit.matches = articleMatches(article, analyzeQuery(request.query));
 */
export function articleMatches(
  article: Pick<Article, 'title' | 'text' | 'lang'>,
  query: AnalyzedQuery | null,
): Array<[number, number]> {
  return queryMatches(classifiedText(article), article.lang, query);
}
