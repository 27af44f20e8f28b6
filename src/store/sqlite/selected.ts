/**
 * The articles a query and filters select, cached until the database changes: rids ascending (what
 * totals, facets, time series and pages read), and on first use their relevance scores.
 */
import type { SearchFilters } from '../../search/query.js';
import type { AnalyzedQuery } from '../analyzed-query.js';
import type { ColumnIndex } from './columns.js';
import { filterRows } from './filter.js';
import { type Matched, matchedRows } from './matched.js';
import type { Statements } from './statements.js';

export interface Selected {
  matched: Matched | null;
  /** Ascending. */
  rows: Int32Array;
  /** Score of each row (same positions); all 0 when the query does not rank. */
  scores(): Float64Array;
}

/**
 * @example
 * const sel = selectedRows(st, st.columns(), analyzeQuery(q), q !== null, { langs: ['ru'] });
 * sel.rows.length; // articles selected
 */
export function selectedRows(
  st: Statements,
  cols: ColumnIndex,
  query: AnalyzedQuery | null,
  hadQuery: boolean,
  filters: SearchFilters,
): Selected {
  const key = `${JSON.stringify(query)}|${hadQuery}|${JSON.stringify(filters)}`;
  return st.aggregates.shared('selected', key, () => {
    const matched = matchedRows(st, cols, query, hadQuery);
    const rows = filterRows(cols, matched ? matched.rids : cols.all(), filters);
    let scores: Float64Array | null = null;
    return {
      matched,
      rows,
      scores: () => {
        scores ??= matched ? matched.scoresOf(rows) : new Float64Array(rows.length);
        return scores;
      },
    };
  });
}
