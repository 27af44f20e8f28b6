/**
 * Translates an analysed query and search filters to SQL over `articles a`. Query terms go to FTS5 as
 * double-quoted strings built from analysed tokens; user text never reaches the FTS5 parser as syntax.
 */
import { LABELS } from '../../domain.js';
import type { SearchFilters } from '../../search/query.js';
import type { AnalyzedQuery } from '../analyzed-query.js';
import { dateWindow } from '../derived.js';
import { StoreRequestError } from '../errors.js';

/** A FROM/WHERE pair with its parameters, and the score expression it supports. */
export interface Selection {
  from: string;
  where: string[];
  params: unknown[];
  score: string;
  /** Whether the score ranks (bm25); otherwise every row scores 0 and relevance order is id order. */
  scored: boolean;
}

const quote = (token: string) => `"${token.replaceAll('"', '""')}"`;

function anyOf(parts: string[]): string {
  return parts.length === 1 ? parts[0] : `(${parts.join(' OR ')})`;
}

/** FTS5 expression for the query, or null when a negation cannot be expressed inside one MATCH. */
export function ftsExpression(q: AnalyzedQuery): string | null {
  switch (q.type) {
    case 'stem':
      return anyOf(q.alts.map((s) => `stems:${quote(s)}`));
    case 'prefix':
      return `words:${quote(q.word)}*`;
    case 'phrase':
      return anyOf(q.alts.map((alt) => `stems:${quote(alt.join(' '))}`));
    case 'or': {
      const parts = q.children.map(ftsExpression);
      return parts.every((p) => p !== null) ? `(${parts.join(' OR ')})` : null;
    }
    case 'and': {
      const positive = q.children.filter((c) => c.type !== 'not').map(ftsExpression);
      const negative = q.children.flatMap((c) => (c.type === 'not' ? [ftsExpression(c.child)] : []));
      if (positive.length === 0 || [...positive, ...negative].some((p) => p === null)) return null;
      const pos = `(${positive.join(' AND ')})`;
      return negative.length ? `(${pos} NOT ${anyOf(negative as string[])})` : pos;
    }
    case 'not':
      return null;
  }
}

function condition(q: AnalyzedQuery, params: unknown[]): string {
  const expr = ftsExpression(q);
  if (expr !== null) {
    params.push(expr);
    return 'a.rid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)';
  }
  if (q.type === 'not') return `NOT (${condition(q.child, params)})`;
  if (q.type === 'and' || q.type === 'or') {
    return `(${q.children.map((c) => condition(c, params)).join(q.type === 'and' ? ' AND ' : ' OR ')})`;
  }
  throw new Error(`sqlite store: unexpected query node ${q.type}`);
}

function inList(column: string, values: string[] | undefined, where: string[], params: unknown[]): void {
  if (!values?.length) return;
  where.push(`${column} IN (${values.map(() => '?').join(', ')})`);
  params.push(...values);
}

/** SQL conditions for the filters, appended to `where`/`params`. */
export function filterConditions(filters: SearchFilters, where: string[], params: unknown[]): void {
  if (filters.labels?.length) {
    for (const label of filters.labels) {
      if (!(LABELS as readonly string[]).includes(label))
        throw new StoreRequestError(`unknown label ${JSON.stringify(label)}`, 'labels');
    }
    where.push(`(${filters.labels.map((l) => `a.${l} = 1`).join(' OR ')})`);
  }
  if (filters.min_severity !== undefined && filters.min_severity !== null) {
    where.push('a.severity >= ?');
    params.push(filters.min_severity);
  }
  if (filters.targets?.length) {
    where.push(
      `EXISTS (SELECT 1 FROM article_targets t WHERE t.rid = a.rid AND t.target IN (${filters.targets.map(() => '?').join(', ')}))`,
    );
    params.push(...filters.targets);
  }
  if (filters.deleted !== undefined) {
    where.push('a.deleted = ?');
    params.push(filters.deleted ? 1 : 0);
  }
  if (filters.cluster_heads) where.push('a.cluster_id = a.id');
  inList('a.source_id', filters.sources, where, params);
  inList('a.lang', filters.langs, where, params);
  inList('a.country', filters.countries, where, params);
  if (filters.ids) {
    where.push('a.id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(filters.ids));
  }
  if (filters.exclude_ids?.length) {
    where.push('a.id NOT IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(filters.exclude_ids));
  }
  const window = dateWindow(filters);
  if (window.gte) {
    where.push('a.date >= ?');
    params.push(window.gte);
  }
  if (window.lt) {
    where.push('a.date < ?');
    params.push(window.lt);
  }
}

/**
 * The articles a query and filters select. A query expressible as one FTS5 MATCH drives from the
 * full-text index and scores by bm25; otherwise each part is a rowid subquery and the score is 0.
 * `matchNone` is for a query that analysed to nothing (only punctuation).
 *
 * @example
 * const s = selection(analyzeQuery(request.query), request.query !== null, request.filters);
 * db.prepare(`SELECT COUNT(*) FROM ${s.from} WHERE ${s.where.join(' AND ')}`).get(...s.params);
 */
export function selection(query: AnalyzedQuery | null, hadQuery: boolean, filters: SearchFilters): Selection {
  const params: unknown[] = [];
  const where: string[] = [];
  let from = 'articles a';
  let score = '0.0';
  if (query) {
    const expr = ftsExpression(query);
    if (expr !== null) {
      from = 'articles_fts JOIN articles a ON a.rid = articles_fts.rowid';
      score = '-bm25(articles_fts)';
      where.push('articles_fts MATCH ?');
      params.push(expr);
    } else {
      where.push(condition(query, params));
    }
  } else if (hadQuery) {
    where.push('0');
  }
  filterConditions(filters, where, params);
  if (where.length === 0) where.push('1');
  return { from, where, params, score, scored: score !== '0.0' };
}
