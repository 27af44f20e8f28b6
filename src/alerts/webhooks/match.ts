/** Whether one stored article matches a saved search, with the same analysis the stores use. */
import { type Article, classifiedText } from '../../domain.js';
import type { SearchFilters } from '../../search/query.js';
import { type IndexToken, indexTokens } from '../../store/analysis.js';
import type { AnalyzedQuery } from '../../store/analyzed-query.js';
import { articleDate, isClusterHead } from '../../store/derived.js';

function holds(node: AnalyzedQuery, tokens: IndexToken[]): boolean {
  switch (node.type) {
    case 'stem':
      return tokens.some((t) => node.alts.includes(t.stem));
    case 'prefix':
      return tokens.some((t) => t.word.startsWith(node.word));
    case 'phrase':
      return node.alts.some((alt) =>
        tokens.some((_, i) => i + alt.length <= tokens.length && alt.every((s, k) => tokens[i + k].stem === s)),
      );
    case 'and':
      return node.children.every((c) => holds(c, tokens));
    case 'or':
      return node.children.some((c) => holds(c, tokens));
    case 'not':
      return !holds(node.child, tokens);
  }
}

const startOf = (bound: string) => (bound.length === 10 ? `${bound}T00:00:00.000Z` : new Date(bound).toISOString());
const endOf = (bound: string) => (bound.length === 10 ? `${bound}T23:59:59.999Z` : new Date(bound).toISOString());

function passesFilters(a: Article, f: SearchFilters): boolean {
  const c = a.classification;
  if (f.labels?.length && !f.labels.some((l) => c?.[l] === true)) return false;
  if (f.min_severity !== undefined && f.min_severity > 0 && (c?.severity ?? 0) < f.min_severity) return false;
  if (f.targets?.length && !f.targets.some((t) => c?.targets.includes(t))) return false;
  if (f.sources?.length && !f.sources.includes(a.source_id)) return false;
  if (f.langs?.length && !f.langs.includes(a.lang)) return false;
  if (f.countries?.length && !(a.country && f.countries.includes(a.country))) return false;
  if (f.ids && !f.ids.includes(a.id)) return false;
  if (f.exclude_ids?.includes(a.id)) return false;
  if (f.deleted !== undefined && Boolean(a.deleted_at) !== f.deleted) return false;
  if (f.cluster_heads && !isClusterHead(a)) return false;
  const date = articleDate(a);
  if (f.from && date < startOf(f.from)) return false;
  if (f.to && date > endOf(f.to)) return false;
  return true;
}

/**
 * A matcher for one article against saved searches: true when the article is one the search would return (every
 * filter holds and the analysed query matches its title and text, with the stores' own stems, prefixes and
 * phrases). The text is tokenized once, on the first search with a query, however many searches are tried.
 *
 * @example
 * const matches = articleMatcher(article);
 * hooks.filter((h) => matches(h.query, h.filters));
 */
export function articleMatcher(a: Article): (query: AnalyzedQuery | null, filters: SearchFilters) => boolean {
  let tokens: IndexToken[] | null = null;
  return (query, filters) => {
    if (!passesFilters(a, filters)) return false;
    if (query === null) return true;
    tokens ??= indexTokens(classifiedText(a), a.lang);
    return holds(query, tokens);
  };
}
