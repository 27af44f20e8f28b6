/**
 * The articles a query matches, before filters, cached per query until the database changes: the
 * rids (cheap: FTS5 rowids without scoring), and, only when a page is shown, bm25 scores and the
 * rids in bm25 order; time series and totals never score. Pages, totals, facets and time series of a query with any filters share them.
 */
import type { AnalyzedQuery } from '../analyzed-query.js';
import { type ColumnIndex, compare } from './columns.js';
import type { Statements } from './statements.js';
import { type Selection, selection } from './where.js';

export interface Matched {
  /** Matching rids, ascending. */
  rids: Int32Array;
  /** Whether the query ranks (bm25); otherwise every score is 0. */
  scored: boolean;
  /** Matching rids, best score first, ties by id (computed on first use); null when unscored. */
  ranked: (() => Int32Array) | null;
  /** Scores (-bm25) of some matching rids, e.g. a page; 0 when unscored. */
  scores(rids: number[]): Map<number, number>;
}

const FTS_ROWS = 'SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?';
const FTS_SCORES = 'SELECT rowid, -bm25(articles_fts) FROM articles_fts WHERE articles_fts MATCH ?';

interface Ranking {
  order: Int32Array;
  /** Score of each rid of `rids`, same positions. */
  score: Float64Array;
}

/** Position of `rid` in ascending `rids`, or -1. */
function find(rids: Int32Array, rid: number): number {
  let lo = 0;
  let hi = rids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (rids[mid] === rid) return mid;
    if (rids[mid] < rid) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

function ranking(st: Statements, cols: ColumnIndex, s: Selection, key: string, rids: Int32Array): () => Ranking {
  return () =>
    st.aggregates.shared('ranked', key, (): Ranking => {
      const score = new Float64Array(rids.length);
      for (const [rid, value] of st
        .get(FTS_SCORES)
        .raw()
        .iterate(...s.params) as IterableIterator<[number, number]>) {
        const at = find(rids, rid);
        if (at >= 0) score[at] = value;
      }
      const ids = cols.ids;
      const positions = Array.from(rids.keys());
      positions.sort((a, b) => score[b] - score[a] || compare(ids[rids[a]], ids[rids[b]]));
      return { order: Int32Array.from(positions, (p) => rids[p]), score };
    });
}

/**
 * Null when there is no query (every article matches).
 *
 * @example
 * const m = matchedRows(st, columns, analyzeQuery(request.query), request.query !== null);
 */
export function matchedRows(
  st: Statements,
  cols: ColumnIndex,
  query: AnalyzedQuery | null,
  hadQuery: boolean,
): Matched | null {
  if (!query && !hadQuery) return null;
  const s = selection(query, hadQuery, {});
  const sql = s.scored ? FTS_ROWS : `SELECT a.rid FROM ${s.from} WHERE ${s.where.join(' AND ')} ORDER BY a.rid`;
  const key = `${sql}|${JSON.stringify(s.params)}`;
  const rids = st.aggregates.shared('matched', key, () => {
    const out: number[] = [];
    for (const rid of st
      .get(sql)
      .pluck()
      .iterate(...s.params) as IterableIterator<number>) {
      if (rid < cols.size && cols.present[rid]) out.push(rid);
    }
    return Int32Array.from(out).sort();
  });
  const ranked = s.scored ? ranking(st, cols, s, key, rids) : null;
  return {
    rids,
    scored: s.scored,
    ranked: ranked && (() => ranked().order),
    scores: (page) => {
      const score = ranked?.().score;
      return new Map(page.map((r) => [r, score ? (score[find(rids, r)] ?? 0) : 0]));
    },
  };
}
