/**
 * The articles a query matches, before filters, cached per query until the database changes: the
 * rids (cheap: FTS5 rowids without scoring), and bm25 scores only when a relevance page needs them:
 * for every match once (cached) when the filters keep many of them, or for the kept rows alone when
 * they keep few and no scores of every match are cached. Time series and totals never score; nothing
 * sorts every match.
 */
import type { AnalyzedQuery } from '../analyzed-query.js';
import type { ColumnIndex } from './columns.js';
import type { Statements } from './statements.js';
import { type Selection, selection } from './where.js';

export interface Matched {
  /** Matching rids, ascending. */
  rids: Int32Array;
  /** Whether the query ranks (bm25); otherwise every score is 0. */
  scored: boolean;
  /** Scores (-bm25) of `rows` (ascending, a subset of `rids`), same positions; zeros when unscored. */
  scoresOf(rows: Int32Array): Float64Array;
}

const FTS_ROWS = 'SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?';
const FTS_SCORES = 'SELECT rowid, -bm25(articles_fts) FROM articles_fts WHERE articles_fts MATCH ?';
const FTS_SCORES_KEPT = `${FTS_SCORES} AND ${'kuzet_kept'}(rowid)`;
/** Partial scorings of one query before every match is scored instead. */
const KEPT_SCORINGS = 3;
/** Scores of at most this many kept rows (a page) are cached. */
const PAGE_ROWS = 200;
/** Below this share of the matches, the kept rows are scored alone instead of every match. */
const SCORE_KEPT_BELOW = 1 / 8;

/** Scores of `rows` (ascending) from scores aligned with `rids` (ascending, a superset). */
function pickScores(rids: Int32Array, all: Float64Array, rows: Int32Array): Float64Array {
  const out = new Float64Array(rows.length);
  for (let i = 0, j = 0; i < rows.length; i++) {
    while (rids[j] < rows[i]) j++;
    out[i] = all[j];
  }
  return out;
}

/** Reads (rowid, score) pairs into scores aligned with ascending `rows`. */
function readScores(rows: Int32Array, pairs: IterableIterator<[number, number]>): Float64Array {
  const score = new Float64Array(rows.length);
  let j = 0;
  for (const [rid, value] of pairs) {
    // FTS5 returns rowids ascending; the scan below only moves forward.
    while (j < rows.length && rows[j] < rid) j++;
    if (rows[j] === rid) score[j] = value;
  }
  return score;
}

/**
 * Registers `kuzet_kept(rowid)`, true for the rows of the scoring in progress (one at a time: better-sqlite3 is synchronous).
 *
 * @example
 * const kept = keptRows(db); kept.scoring(mask, () => stmt.all(...));
 */
export function keptRows(st: Statements): { scoring<T>(mask: Uint8Array, run: () => T): T } {
  let current: Uint8Array = new Uint8Array(0);
  st.db.function('kuzet_kept', { deterministic: false, directOnly: true }, (rid) => current[Number(rid)] ?? 0);
  return {
    scoring(mask, run) {
      current = mask;
      try {
        return run();
      } finally {
        current = new Uint8Array(0);
      }
    },
  };
}

const NOT_CACHED = Symbol('not cached');

/** The value a cache read returns when it holds one, else null: the computation stops at once, so nothing is stored. */
function cachedOnly<T>(read: (compute: () => T) => T): T | null {
  try {
    return read(() => {
      throw NOT_CACHED;
    });
  } catch (error) {
    if (error === NOT_CACHED) return null;
    throw error;
  }
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
  const s: Selection = selection(query, hadQuery, {});
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
  const everyScore = (
    compute = () =>
      readScores(
        rids,
        st
          .get(FTS_SCORES)
          .raw()
          .iterate(...s.params) as IterableIterator<[number, number]>,
      ),
  ) => st.aggregates.shared('ranked', key, compute);
  return {
    rids,
    scored: s.scored,
    scoresOf(rows) {
      if (!s.scored) return new Float64Array(rows.length);
      const every = rows.length >= rids.length * SCORE_KEPT_BELOW ? everyScore() : cachedOnly(everyScore);
      if (every) return pickScores(rids, every, rows);
      const scoreKept = () => {
        const mask = new Uint8Array(cols.size);
        for (let i = 0; i < rows.length; i++) mask[rows[i]] = 1;
        return st.kept.scoring(mask, () =>
          readScores(
            rows,
            st
              .get(FTS_SCORES_KEPT)
              .raw()
              .iterate(...s.params) as IterableIterator<[number, number]>,
          ),
        );
      };
      // A page's rows (a date-sorted page shown again, a feed polled) are scored once until the data changes.
      const pageKey = rows.length <= PAGE_ROWS ? `kept|${key}|${rows.join(',')}` : null;
      const page = pageKey
        ? cachedOnly((compute: () => Float64Array) => st.aggregates.shared('ranked', pageKey, compute))
        : null;
      if (page) return page;
      // Scoring a few rows still walks every match in FTS5 (a third to a fifth of scoring them all): after
      // KEPT_SCORINGS of one query in one version of the data, every match is scored once instead, and cached.
      const uses = st.aggregates.shared('ranked', `kept-uses|${key}`, () => ({ n: 0 }));
      if (++uses.n > KEPT_SCORINGS) return pickScores(rids, everyScore(), rows);
      return pageKey ? st.aggregates.shared('ranked', pageKey, scoreKept) : scoreKept();
    },
  };
}
