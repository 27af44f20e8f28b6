/**
 * Pages of the SQLite search (ranked by a bounded heap or a walk down a precomputed order, scores
 * for every match or for the kept rows alone) against the plain SQL reference: every match scored by
 * FTS5, filtered in SQL and sorted whole.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticArticles, syntheticSources } from '../../src/api/bench/synthetic.js';
import { parseQuery } from '../../src/search/parse.js';
import type { SearchFilters, SearchRequest } from '../../src/search/query.js';
import { analyzeQuery } from '../../src/store/analyzed-query.js';
import { FACET_NAMES, type FacetName, withoutFacet } from '../../src/store/derived.js';
import { createSqliteStore, type SqliteStore } from '../../src/store/sqlite/index.js';
import { selection } from '../../src/store/sqlite/where.js';

const ARTICLES = 1500;
const QUERIES = [null, 'город', 'city OR government', 'мигранты AND (граница OR патент)', 'migra*', 'депортация -суд'];
const FILTERS: SearchFilters[] = [
  {},
  { labels: ['counter_speech'] },
  { langs: ['ru'], labels: ['xenophobic'] },
  { from: '2025-03-01', to: '2025-03-28' },
  { sources: ['src-3'], min_severity: 2 },
];

interface Row {
  id: string;
  date: string;
  score: number;
}

let dataDir: string;
let store: SqliteStore;
let db: Database.Database;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'kuzet-pages-'));
  store = createSqliteStore({ dataDir });
  await store.init();
  await store.upsertSources(syntheticSources());
  const batch = [];
  for (const a of syntheticArticles(5)) {
    batch.push(a);
    if (batch.length === ARTICLES) break;
  }
  await store.putArticles(batch);
  db = new Database(join(dataDir, 'kuzet.db'), { readonly: true });
});

afterAll(async () => {
  db.close();
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Every selected article, scored and sorted in full by SQL and JS; collapsed, the cluster heads alone. */
function reference(q: string | null, filters: SearchFilters, sort: SearchRequest['sort'], collapse: boolean): Row[] {
  const where = collapse ? { ...filters, cluster_heads: true as const } : filters;
  const s = selection(analyzeQuery(q === null ? null : parseQuery(q)), q !== null, where);
  const rows = db
    .prepare(`SELECT a.id, a.date, ${s.score} AS score FROM ${s.from} WHERE ${s.where.join(' AND ')}`)
    .all(...s.params) as Row[];
  const byId = (a: Row, b: Row) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  rows.sort((a, b) =>
    sort === 'date' ? Date.parse(b.date) - Date.parse(a.date) || byId(a, b) : b.score - a.score || byId(a, b),
  );
  return rows;
}

const FACET_SQL: Record<FacetName, Array<[string, string]>> = {
  label: [
    ['xenophobic', 'a.xenophobic = 1'],
    ['migration_policy', 'a.migration_policy = 1'],
    ['counter_speech', 'a.counter_speech = 1'],
  ],
  severity: [
    ['1', 'a.severity >= 1'],
    ['2', 'a.severity >= 2'],
    ['3', 'a.severity >= 3'],
  ],
  lang: [],
  source: [],
  country: [],
  target: [],
};
const FACET_COLUMN: Partial<Record<FacetName, string>> = {
  lang: 'a.lang',
  source: 'a.source_id',
  country: 'a.country',
};

/** One facet counted by SQL over the selection without the facet's own filter (the cluster heads when collapsed). */
function referenceFacet(q: string | null, filters: SearchFilters, name: FacetName, collapse: boolean) {
  const own = withoutFacet(filters, name) ?? filters;
  const s = selection(
    analyzeQuery(q === null ? null : parseQuery(q)),
    q !== null,
    collapse ? { ...own, cluster_heads: true } : own,
  );
  const unit = 'COUNT(*)';
  const where = s.where.join(' AND ');
  let buckets: Array<{ key: string; count: number }>;
  if (FACET_SQL[name].length) {
    buckets = FACET_SQL[name].map(([key, cond]) => ({
      key,
      count: db
        .prepare(`SELECT ${unit} FROM ${s.from} WHERE ${where} AND ${cond}`)
        .pluck()
        .get(...s.params) as number,
    }));
  } else if (name === 'target') {
    buckets = db
      .prepare(
        `SELECT t.target AS key, ${unit} AS count FROM ${s.from} JOIN article_targets t ON t.rid = a.rid WHERE ${where} GROUP BY t.target`,
      )
      .all(...s.params) as typeof buckets;
  } else {
    const column = FACET_COLUMN[name];
    buckets = db
      .prepare(
        `SELECT ${column} AS key, ${unit} AS count FROM ${s.from} WHERE ${where} AND ${column} IS NOT NULL GROUP BY ${column}`,
      )
      .all(...s.params) as typeof buckets;
  }
  return buckets
    .filter((b) => b.count > 0)
    .sort((x, y) => y.count - x.count || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0))
    .slice(0, 50);
}

describe('sqlite facets against SQL counts per facet', () => {
  for (const q of QUERIES.slice(0, 3)) {
    it(`query ${JSON.stringify(q)}: each facet over the selection without its own filter`, async () => {
      for (const filters of [...FILTERS, { labels: ['xenophobic'], langs: ['en'], min_severity: 1 } as SearchFilters]) {
        for (const collapse of [false, true]) {
          const r = await store.search({
            query: q === null ? null : parseQuery(q),
            filters,
            sort: 'date',
            collapse,
            size: 1,
            facets: true,
          });
          for (const name of FACET_NAMES) {
            expect(r.facets?.[name], `${q} ${JSON.stringify(filters)} ${name} collapse=${collapse}`).toEqual(
              referenceFacet(q, filters, name, collapse),
            );
          }
        }
      }
    });
  }
});

describe('sqlite search pages against a full sort', () => {
  for (const q of QUERIES) {
    it(`query ${JSON.stringify(q)}: every filter, order and collapse, page by page`, async () => {
      for (const filters of FILTERS) {
        for (const sort of ['relevance', 'date'] as const) {
          for (const collapse of [false, true]) {
            const want = reference(q, filters, sort, collapse);
            const got: Array<{ id: string; score: number }> = [];
            let cursor: string | undefined;
            for (let page = 0; page < 6; page++) {
              const r = await store.search({
                query: q === null ? null : parseQuery(q),
                filters,
                sort,
                collapse,
                size: 25,
                facets: false,
                ...(cursor ? { cursor } : {}),
              });
              got.push(...r.hits.map((h) => ({ id: h.id, score: h.score })));
              if (!r.next_cursor) break;
              cursor = r.next_cursor;
            }
            const label = `${q} ${JSON.stringify(filters)} ${sort} collapse=${collapse}`;
            expect(
              got.map((h) => h.id),
              label,
            ).toEqual(want.slice(0, got.length).map((r) => r.id));
            expect(got.length, label).toBe(Math.min(want.length, 150));
            got.forEach((h, i) => {
              expect(h.score, label).toBeCloseTo(want[i].score, 9);
            });
          }
        }
      }
    });
  }
});
