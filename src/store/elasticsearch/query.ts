/** Translates an analysed query and search filters to Elasticsearch query DSL over the articles index. */
import type { estypes } from '@elastic/elasticsearch';
import type { SearchFilters } from '../../search/query.js';
import type { AnalyzedQuery } from '../analyzed-query.js';
import { dateWindow } from '../derived.js';

type Query = estypes.QueryDslQueryContainer;

const anyOf = (queries: Query[]): Query =>
  queries.length === 1 ? queries[0] : { bool: { should: queries, minimum_should_match: 1 } };

/**
 * @example
 * toEsQuery(analyzeQuery({ type: 'term', value: 'мигрантов' })); // { bool: { should: [{ term: { stems: 'мигрант' } }, …] } }
 */
export function toEsQuery(q: AnalyzedQuery): Query {
  switch (q.type) {
    case 'stem':
      return anyOf(q.alts.map((s) => ({ term: { stems: s } })));
    case 'prefix':
      return { prefix: { words: { value: q.word } } };
    case 'phrase':
      return anyOf(q.alts.map((alt) => ({ match_phrase: { stems: alt.join(' ') } })));
    case 'or':
      return { bool: { should: q.children.map(toEsQuery), minimum_should_match: 1 } };
    case 'and': {
      const must = q.children.filter((c) => c.type !== 'not').map(toEsQuery);
      const must_not = q.children.flatMap((c) => (c.type === 'not' ? [toEsQuery(c.child)] : []));
      return { bool: { must, must_not } };
    }
    case 'not':
      return { bool: { must_not: [toEsQuery(q.child)] } };
  }
}

/** Filter clauses for the search filters. */
export function filterClauses(filters: SearchFilters): Query[] {
  const out: Query[] = [];
  const terms = (field: string, values: string[] | undefined) => {
    if (values?.length) out.push({ terms: { [field]: values } });
  };
  terms('labels', filters.labels);
  if (filters.min_severity !== undefined && filters.min_severity !== null) {
    out.push({ range: { 'classification.severity': { gte: filters.min_severity } } });
  }
  terms('classification.targets', filters.targets);
  terms('source_id', filters.sources);
  terms('lang', filters.langs);
  terms('country', filters.countries);
  const window = dateWindow(filters);
  if (window.gte || window.lt) out.push({ range: { date: { ...window } } });
  if (filters.ids) out.push(filters.ids.length ? { ids: { values: filters.ids } } : { match_none: {} });
  if (filters.exclude_ids?.length) out.push({ bool: { must_not: [{ ids: { values: filters.exclude_ids } }] } });
  if (filters.deleted === true) out.push({ exists: { field: 'deleted_at' } });
  if (filters.deleted === false) out.push({ bool: { must_not: [{ exists: { field: 'deleted_at' } }] } });
  if (filters.cluster_heads) out.push({ term: { cluster_head: true } });
  return out;
}

/**
 * The whole query: the analysed query (or all articles) within the filters. `hadQuery` with a null
 * analysed query (only punctuation) matches nothing.
 */
export function articleQuery(query: AnalyzedQuery | null, hadQuery: boolean, filters: SearchFilters): Query {
  const must: Query[] = query ? [toEsQuery(query)] : hadQuery ? [{ match_none: {} }] : [];
  return { bool: { must, filter: filterClauses(filters) } };
}
