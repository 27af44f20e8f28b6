/**
 * The articles a query and filters select, cached until the database changes: rids ascending (what
 * totals, facets and time series read), and on first use the same rids by date or by relevance.
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
  /** The rows by date, newest first, ties by id. */
  byDate(): Int32Array;
  /** The rows by score, best first, ties by id; by id when the query does not rank. */
  byRelevance(): Int32Array;
}

/** The rids of `order` that are in `rows`, in the order of `order`. */
function within(cols: ColumnIndex, rows: Int32Array, order: Int32Array): Int32Array {
  const mask = new Uint8Array(cols.size);
  for (let i = 0; i < rows.length; i++) mask[rows[i]] = 1;
  const out = new Int32Array(rows.length);
  let n = 0;
  for (let i = 0; i < order.length && n < rows.length; i++) if (mask[order[i]]) out[n++] = order[i];
  return out.subarray(0, n);
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
    const lazy = (order: () => Int32Array) => {
      let done: Int32Array | null = null;
      return () => {
        done ??= within(cols, rows, order());
        return done;
      };
    };
    return {
      matched,
      rows,
      byDate: lazy(() => cols.byDate()),
      byRelevance: lazy(() => matched?.ranked?.() ?? cols.byId()),
    };
  });
}
