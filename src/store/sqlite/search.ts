/**
 * Search for the SQLite adapter. FTS5 finds the articles a query matches; filters, order, collapse,
 * totals and facets run over the in-memory column index (both cached per query and filters until the
 * database changes); SQLite reads only the articles of the page.
 */
import { articleMatches } from '../../search/matches.js';
import type { SearchRequest, SearchResult } from '../../search/query.js';
import { analyzeQuery } from '../analyzed-query.js';
import { type CursorPosition, decodeCursor, encodeCursor } from '../cursor.js';
import { collapsedFilters } from '../derived.js';
import { StoreRequestError } from '../errors.js';
import { type ColumnIndex, compare } from './columns.js';
import { facetCounts } from './facets.js';
import { ARTICLE_SELECT, type ArticleRow, rowToArticle } from './rows.js';
import { type Selected, selectedRows } from './selected.js';
import type { Statements } from './statements.js';
import { topPositions } from './top.js';

const BAD_CURSOR = 'cursor is not a cursor from a previous page; start again without it';

/**
 * Scores of the rows of a page, by rid. A relevance page reuses the scores it was ranked by; a page in another
 * order scores its own rows alone (from every match's scores when those are cached, else FTS5 scores just them),
 * so a date-sorted page of a broad query does not score every match for the few it shows.
 */
function scoresOf(sel: Selected, shown: number[], ranked: boolean): Map<number, number> {
  const out = new Map<number, number>();
  if (!sel.matched?.scored || !shown.length) return out;
  if (!ranked) {
    const rows = Int32Array.from(shown).sort();
    const score = sel.matched.scoresOf(rows);
    rows.forEach((rid, i) => {
      out.set(rid, score[i]);
    });
    return out;
  }
  const score = sel.scores();
  for (const rid of shown) {
    let lo = 0;
    let hi = sel.rows.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (sel.rows[mid] === rid) {
        out.set(rid, score[mid]);
        break;
      }
      if (sel.rows[mid] < rid) lo = mid + 1;
      else hi = mid - 1;
    }
  }
  return out;
}

/** Index in `byDate` of the first row after a keyset position (date, id). */
function after(cols: ColumnIndex, byDate: Int32Array, position: CursorPosition | null): number {
  if (!position || !('after' in position)) return 0;
  const [date, id] = position.after;
  const time = typeof date === 'string' ? Date.parse(date) : Number.NaN;
  if (Number.isNaN(time) || typeof id !== 'string') throw new StoreRequestError(BAD_CURSOR, 'cursor');
  let lo = 0;
  let hi = byDate.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const r = byDate[mid];
    if (cols.time[r] > time || (cols.time[r] === time && compare(cols.ids[r], id) <= 0)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Above this share of all articles, a page walks the precomputed order of every article instead of ranking the selection. */
const WALK_SHARE = 1 / 8;

/**
 * The first `k` selected rows in the requested order (after the keyset position, for date pages without
 * collapse): the best by score, or by date, or by id when the query does not rank.
 */
function firstRows(
  cols: ColumnIndex,
  sel: Selected,
  request: SearchRequest,
  position: CursorPosition | null,
  k: number,
): number[] {
  const { rows } = sel;
  const ids = cols.ids;
  if (request.sort === 'relevance' && sel.matched?.scored) {
    const score = sel.scores();
    return Array.from(
      topPositions(
        rows.length,
        k,
        (i) => score[i],
        (i) => ids[rows[i]],
      ),
      (i) => rows[i],
    );
  }
  const byDate = request.sort === 'date';
  const keyset = byDate && !request.collapse && position !== null && 'after' in position;
  const order = byDate ? cols.byDate() : cols.byId();
  if (rows.length >= order.length * WALK_SHARE) {
    const mask = new Uint8Array(cols.size);
    for (let i = 0; i < rows.length; i++) mask[rows[i]] = 1;
    const out: number[] = [];
    for (let i = keyset ? after(cols, order, position) : 0; i < order.length && out.length < k; i++) {
      if (mask[order[i]]) out.push(order[i]);
    }
    return out;
  }
  let candidates = rows;
  if (keyset) {
    const start = after(cols, order, position);
    if (start >= order.length) return [];
    const first = order[start];
    const [time, id] = [cols.time[first], ids[first]];
    candidates = rows.filter((r) => cols.time[r] < time || (cols.time[r] === time && compare(ids[r], id) >= 0));
  }
  const time = cols.time;
  return Array.from(
    topPositions(candidates.length, k, byDate ? (i) => time[candidates[i]] : () => 0, (i) => ids[candidates[i]]),
    (i) => candidates[i],
  );
}

/**
 * One page plus one row (to tell whether more follow), in the requested order. Date pages without
 * collapse use a keyset on (date, id); otherwise pages are offsets into the ordered result. Collapsed, the
 * selection holds cluster heads alone, so each cluster stands once, on exactly one page. Only the first rows in
 * order are ranked.
 */
function pageRows(cols: ColumnIndex, sel: Selected, request: SearchRequest, position: CursorPosition | null): number[] {
  const offset = position && 'offset' in position ? position.offset : 0;
  return firstRows(cols, sel, request, position, offset + request.size + 1).slice(offset);
}

/**
 * Relevance pages by offset (bm25 scores are not stable keys); date pages by keyset on (date, id);
 * collapsed pages, in either order, by offset over the clusters.
 *
 * @example
 * await store.search({ query: null, filters: {}, sort: 'date', collapse: true, size: 20, facets: false });
 */
export function searchSqlite(st: Statements, asked: SearchRequest): SearchResult {
  // Collapsed: the cluster heads alone, so each cluster stands once, by its first article, in totals and facets too.
  const request = asked.collapse ? { ...asked, filters: collapsedFilters(asked.filters) } : asked;
  const query = analyzeQuery(request.query);
  const key = `${request.sort}|${request.collapse ? 'c' : 'a'}`;
  const position = decodeCursor(request.cursor, key);
  const keyset = request.sort === 'date' && !request.collapse;
  if (position && 'after' in position !== keyset) throw new StoreRequestError(BAD_CURSOR, 'cursor');
  const cols = st.columns();
  const sel = selectedRows(st, cols, query, request.query !== null, request.filters);
  const aggregateKey = `${JSON.stringify(query)}|${request.query !== null}|${JSON.stringify(request.filters)}`;
  const total = sel.rows.length;
  const rows = pageRows(cols, sel, request, position);
  const more = rows.length > request.size;
  const shown = rows.slice(0, request.size);
  const articles = new Map<number, ArticleRow>();
  if (shown.length) {
    const sql = `SELECT ${ARTICLE_SELECT} WHERE a.rid IN (${shown.map(() => '?').join(', ')})`;
    for (const r of st.get(sql).all(...shown) as ArticleRow[]) articles.set(r.rid, r);
  }
  const scores = scoresOf(sel, shown, request.sort === 'relevance');
  const hits = shown.flatMap((rid) => {
    const row = articles.get(rid);
    if (!row) return [];
    const article = rowToArticle(row);
    return [
      {
        id: row.id,
        score: scores?.get(rid) ?? 0,
        matches: articleMatches(article, query),
        article,
      },
    ];
  });
  let next_cursor: string | null = null;
  if (more) {
    const last = shown[shown.length - 1];
    const offset = position && 'offset' in position ? position.offset : 0;
    next_cursor = encodeCursor(
      key,
      keyset ? { after: [cols.dates[last], cols.ids[last]] } : { offset: offset + request.size },
    );
  }
  return {
    total,
    hits,
    next_cursor,
    ...(request.facets
      ? {
          facets: st.aggregates.get(`facets|${request.collapse}|${aggregateKey}`, () =>
            facetCounts(cols, sel.matched ? sel.matched.rids : cols.all(), sel.rows, request.filters),
          ),
        }
      : {}),
  };
}
