/** Search for the SQLite adapter: one page of hits, the total, and facets over the whole result. */

import { articleMatches } from '../../search/matches.js';
import type { FacetBucket, SearchRequest, SearchResult } from '../../search/query.js';
import { analyzeQuery } from '../analyzed-query.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { FACET_SIZE } from '../derived.js';
import { ARTICLE_SELECT, type ArticleRow, rowToArticle } from './rows.js';
import type { Statements } from './statements.js';
import { type Selection, selection } from './where.js';

interface PageRow {
  rid: number;
  id: string;
  date: string;
  cluster_id: string;
  score: number;
}

type Position = ReturnType<typeof decodeCursor>;

/**
 * One page plus one row (to tell whether more follow). Without collapse, date pages use a keyset on
 * (date, id) and relevance pages an offset. With collapse, rows stream in order and the first row of
 * each cluster stands for it, so a page reads only as far as it needs.
 */
function pageRows(st: Statements, s: Selection, request: SearchRequest, position: Position): PageRow[] {
  const order = request.sort === 'date' ? 'a.date DESC, a.id ASC' : s.scored ? 'score DESC, a.id ASC' : 'a.id ASC';
  const columns = `a.rid AS rid, a.id AS id, a.date AS date, a.cluster_id AS cluster_id, ${s.score} AS score`;
  const where = [...s.where];
  const params = [...s.params];
  const offset = position && 'offset' in position ? position.offset : 0;
  if (position && 'after' in position) {
    where.push('(a.date < ? OR (a.date = ? AND a.id > ?))');
    params.push(position.after[0], position.after[0], position.after[1]);
  }
  const sql = `SELECT ${columns} FROM ${s.from} WHERE ${where.join(' AND ')} ORDER BY ${order}`;
  if (!request.collapse) return st.get(`${sql} LIMIT ? OFFSET ?`).all(...params, request.size + 1, offset) as PageRow[];
  const seen = new Set<string>();
  const out: PageRow[] = [];
  for (const row of st.get(sql).iterate(...params) as IterableIterator<PageRow>) {
    if (seen.has(row.cluster_id)) continue;
    seen.add(row.cluster_id);
    if (seen.size > offset) out.push(row);
    if (out.length > request.size) break;
  }
  return out;
}

const LABEL_COLUMNS = ['xenophobic', 'migration_policy', 'counter_speech'] as const;

type FacetRow = Record<'lang' | 'source' | 'country' | 'severity', string | number | null> &
  Record<(typeof LABEL_COLUMNS)[number], number> & { n: number };

function topBuckets(counts: Map<string, number>): FacetBucket[] {
  return [...counts]
    .filter(([, count]) => count > 0)
    .map(([key, count]) => ({ key, count }))
    .sort((x, y) => y.count - x.count || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0))
    .slice(0, FACET_SIZE);
}

/** Facets from one grouped pass over the selection (plus one for targets), summed per facet. */
function facets(st: Statements, s: Selection): NonNullable<SearchResult['facets']> {
  const base = `FROM ${s.from} WHERE ${s.where.join(' AND ')}`;
  const rows = st
    .get(
      `SELECT a.lang AS lang, a.source_id AS source, a.country AS country, a.severity AS severity, ${LABEL_COLUMNS.map((l) => `a.${l} AS ${l}`).join(', ')}, COUNT(*) AS n ${base} GROUP BY 1, 2, 3, 4, 5, 6, 7`,
    )
    .all(...s.params) as FacetRow[];
  const counts = {
    lang: new Map<string, number>(),
    source: new Map<string, number>(),
    country: new Map<string, number>(),
    severity: new Map<string, number>(),
    label: new Map<string, number>(),
  };
  const add = (m: Map<string, number>, key: string | number | null, n: number) => {
    if (key !== null) m.set(String(key), (m.get(String(key)) ?? 0) + n);
  };
  for (const r of rows) {
    add(counts.lang, r.lang, r.n);
    add(counts.source, r.source, r.n);
    add(counts.country, r.country, r.n);
    add(counts.severity, r.severity, r.n);
    for (const l of LABEL_COLUMNS) if (r[l]) add(counts.label, l, r.n);
  }
  const target = st
    .get(
      `SELECT t.target AS key, COUNT(*) AS count FROM ${s.from} JOIN article_targets t ON t.rid = a.rid WHERE ${s.where.join(' AND ')} GROUP BY 1 ORDER BY count DESC, key ASC LIMIT ${FACET_SIZE}`,
    )
    .all(...s.params) as FacetBucket[];
  return {
    label: topBuckets(counts.label),
    lang: topBuckets(counts.lang),
    source: topBuckets(counts.source),
    target,
    severity: topBuckets(counts.severity),
    country: topBuckets(counts.country),
  };
}

/**
 * Relevance pages by offset (bm25 scores are not stable keys); date pages by keyset on (date, id).
 * With `collapse`, the best article of each cluster in the requested order stands for it, paged by offset.
 *
 * @example
 * await store.search({ query: null, filters: {}, sort: 'date', collapse: true, size: 20, facets: false });
 */
export function searchSqlite(st: Statements, request: SearchRequest): SearchResult {
  const query = analyzeQuery(request.query);
  const s = selection(query, request.query !== null, request.filters);
  const key = `${request.sort}|${request.collapse ? 'c' : 'a'}`;
  const position = decodeCursor(request.cursor, key);
  const rows = pageRows(st, s, request, position);
  const more = rows.length > request.size;
  const shown = rows.slice(0, request.size);
  const countSql = `SELECT ${request.collapse ? 'COUNT(DISTINCT a.cluster_id)' : 'COUNT(*)'} FROM ${s.from} WHERE ${s.where.join(' AND ')}`;
  const aggregateKey = `${s.from}|${s.where.join(' AND ')}|${JSON.stringify(s.params)}`;
  const total = st.aggregates.get(
    `total|${countSql}|${JSON.stringify(s.params)}`,
    () =>
      st
        .get(countSql)
        .pluck()
        .get(...s.params) as number,
  );
  const articles = new Map<number, ArticleRow>();
  if (shown.length) {
    const sql = `SELECT ${ARTICLE_SELECT} WHERE a.rid IN (${shown.map(() => '?').join(', ')})`;
    for (const r of st.get(sql).all(...shown.map((r) => r.rid)) as ArticleRow[]) articles.set(r.rid, r);
  }
  const hits = shown.flatMap((r) => {
    const row = articles.get(r.rid);
    if (!row) return [];
    const article = rowToArticle(row);
    return [{ id: r.id, score: r.score, matches: articleMatches(article, query), article }];
  });
  let next_cursor: string | null = null;
  if (more) {
    const last = shown[shown.length - 1];
    const offset = position && 'offset' in position ? position.offset : 0;
    next_cursor = encodeCursor(
      key,
      request.sort === 'date' ? { after: [last.date, last.id] } : { offset: offset + request.size },
    );
  }
  return {
    total,
    hits,
    next_cursor,
    ...(request.facets ? { facets: st.aggregates.get(`facets|${aggregateKey}`, () => facets(st, s)) } : {}),
  };
}
