/**
 * The embedded store: one SQLite file (WAL) with an FTS5 index over analysed words and stems.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Article, Classification, Source, SourceHealth, SourceWithHealth } from '../../domain.js';
import type { SearchFilters, SearchRequest } from '../../search/query.js';
import { analyzeQuery } from '../analyzed-query.js';
import { deriveFields } from '../derived.js';
import { nextHealth, storedHealth } from '../health.js';
import type { ArticleStore, ClassificationUpdate, ClusterCandidate, HealthUpdate } from '../port.js';
import type { ColumnValues } from './columns.js';
import { sqliteReviewRoles } from './reviews.js';
import {
  ARTICLE_COLUMNS,
  ARTICLE_SELECT,
  type ArticleRow,
  articleValues,
  classificationValues,
  DOC_COLUMNS,
  rowToArticle,
  rowToSummary,
  SUMMARY_SELECT,
} from './rows.js';
import { migrate } from './schema.js';
import { searchSqlite } from './search.js';
import { Statements } from './statements.js';
import { timeseriesSqlite } from './timeseries.js';
import { selection } from './where.js';

export type SqliteStoreOptions = { dataDir: string } | { file: string };

/** The SQLite adapter: the port as it is (its batch write, `putArticles`, is one transaction). */
export type SqliteStore = ArticleStore;

const CHUNK = 500;
const INSERT = `INSERT INTO articles (${ARTICLE_COLUMNS.join(', ')}) VALUES (${ARTICLE_COLUMNS.map((c) => `@${c}`).join(', ')})`;
const UPDATE = `UPDATE articles SET ${ARTICLE_COLUMNS.map((c) => `${c} = @${c}`).join(', ')} WHERE rid = @rid`;
const PUT_DOC = `INSERT OR REPLACE INTO article_docs (rid, ${DOC_COLUMNS.join(', ')}) VALUES (@rid, ${DOC_COLUMNS.map((c) => `@${c}`).join(', ')})`;
const UPDATE_CLASSIFICATION = `UPDATE articles SET classified = @classified, xenophobic = @xenophobic,
  migration_policy = @migration_policy, counter_speech = @counter_speech, severity = @severity, sentiment = @sentiment WHERE rid = @rid`;

function pick(values: Record<string, unknown>, columns: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(columns.map((c) => [c, values[c]]));
}

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const fail = (what: string, err: unknown): Error =>
  new Error(`sqlite store: ${what} failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err });

/**
 * @example
 * const store = createSqliteStore({ dataDir: './data' }); // ./data/kuzet.db
 * const memory = createSqliteStore({ file: ':memory:' });
 * await store.init();
 */
export function createSqliteStore(options: SqliteStoreOptions): SqliteStore {
  const file = 'file' in options ? options.file : join(options.dataDir, 'kuzet.db');
  let handle: Statements | null = null;

  const st = (): Statements => {
    if (!handle) throw new Error('sqlite store: not open; call init() first');
    return handle;
  };
  const db = () => st().db;

  const writeIndexes = (rid: number, a: Article, derived: ReturnType<typeof deriveFields>) => {
    st().get('INSERT INTO articles_fts (rowid, words, stems) VALUES (?, ?, ?)').run(rid, derived.words, derived.stems);
    writeTargets(rid, a.classification);
    const band = st().get('INSERT OR IGNORE INTO article_bands (band, rid) VALUES (?, ?)');
    for (const b of derived.bands) band.run(b, rid);
  };
  /** Rows of `select` matching the filters and query, in id order, `batchSize` at a time. */
  async function* scanRows<T>(
    select: string,
    toItem: (row: ArticleRow) => T,
    filters: SearchFilters | null,
    batchSize: number,
    query?: SearchRequest['query'],
  ): AsyncGenerator<T[]> {
    const s = selection(analyzeQuery(query ?? null), Boolean(query), filters ?? {});
    const sql = `SELECT ${select} WHERE a.rid IN (SELECT a.rid FROM ${s.from} WHERE ${s.where.join(' AND ')} AND a.id > ? ORDER BY a.id LIMIT ?) ORDER BY a.id`;
    let after = '';
    for (;;) {
      const rows = st()
        .get(sql)
        .all(...s.params, after, Math.max(1, batchSize)) as ArticleRow[];
      if (!rows.length) return;
      yield rows.map(toItem);
      after = rows[rows.length - 1].id;
      if (rows.length < batchSize) return;
    }
  }

  const writeTargets = (rid: number, c: Classification | null) => {
    st().get('DELETE FROM article_targets WHERE rid = ?').run(rid);
    const target = st().get('INSERT OR IGNORE INTO article_targets (target, rid) VALUES (?, ?)');
    for (const t of c?.targets ?? []) target.run(t, rid);
  };
  const ridOf = (id: string) => st().get('SELECT rid FROM articles WHERE id = ?').pluck().get(id) as number | undefined;
  const candidate = (sql: string, ...params: unknown[]) =>
    st()
      .get(sql)
      .all(...params) as ClusterCandidate[];

  const putOne = (article: Article) => {
    const derived = deriveFields(article);
    const values = articleValues(article, derived);
    let rid = ridOf(article.id);
    const created = rid === undefined;
    if (rid === undefined) {
      rid = Number(st().get(INSERT).run(pick(values, ARTICLE_COLUMNS)).lastInsertRowid);
    } else {
      st()
        .get(UPDATE)
        .run({ ...pick(values, ARTICLE_COLUMNS), rid });
      st().get('DELETE FROM articles_fts WHERE rowid = ?').run(rid);
      st().get('DELETE FROM article_bands WHERE rid = ?').run(rid);
    }
    st()
      .get(PUT_DOC)
      .run({ ...pick(values, DOC_COLUMNS), rid });
    writeIndexes(rid, article, derived);
    return { rid, values: values as unknown as ColumnValues, targets: article.classification?.targets ?? [], created };
  };
  const putMany = async (articles: Article[]) => {
    const written = db()
      .transaction(() => articles.map(putOne))
      .immediate();
    st().patchColumns((c) => {
      for (const w of written) {
        c.put(w.rid, w.values);
        c.setTargets(w.rid, w.targets);
      }
    });
    return written.map((w) => ({ created: w.created }));
  };

  const store: SqliteStore = {
    name: 'sqlite',
    ...sqliteReviewRoles(st),

    async init() {
      if (handle) return;
      try {
        if ('dataDir' in options) mkdirSync(options.dataDir, { recursive: true });
        const conn = new Database(file);
        conn.pragma('journal_mode = WAL');
        conn.pragma('busy_timeout = 5000');
        conn.pragma('synchronous = NORMAL');
        conn.pragma('foreign_keys = ON');
        migrate(conn);
        handle = new Statements(conn);
        handle.warm();
      } catch (err) {
        throw fail(`opening ${file} (check the data directory is writable)`, err);
      }
    },

    async close() {
      handle?.db.close();
      handle = null;
    },

    async upsertSources(sources: Source[]) {
      const put = st().get(
        'INSERT INTO sources (id, doc) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc',
      );
      db().transaction(() => {
        for (const s of sources) put.run(s.id, JSON.stringify(s));
      })();
    },

    async listSources(): Promise<SourceWithHealth[]> {
      const rows = st()
        .get(
          'SELECT s.doc AS doc, h.doc AS health FROM sources s LEFT JOIN source_health h ON h.source_id = s.id ORDER BY s.id',
        )
        .all() as Array<{ doc: string; health: string | null }>;
      return rows.map((r) => {
        const source = JSON.parse(r.doc) as Source;
        return { ...source, health: storedHealth(source.id, r.health ? (JSON.parse(r.health) as SourceHealth) : null) };
      });
    },

    async recordHealth(update: HealthUpdate) {
      return db()
        .transaction(() => {
          const prev = st().get('SELECT doc FROM source_health WHERE source_id = ?').pluck().get(update.source_id) as
            | string
            | undefined;
          const next = nextHealth(prev ? JSON.parse(prev) : null, update);
          st()
            .get(
              'INSERT INTO source_health (source_id, doc) VALUES (?, ?) ON CONFLICT (source_id) DO UPDATE SET doc = excluded.doc',
            )
            .run(update.source_id, JSON.stringify(next));
          return next;
        })
        .immediate();
    },

    async putArticle(article: Article) {
      return (await putMany([article]))[0];
    },

    putArticles: (articles: Article[]) => putMany(articles),

    async getArticle(id: string) {
      const row = st().get(`SELECT ${ARTICLE_SELECT} WHERE a.id = ?`).get(id) as ArticleRow | undefined;
      return row ? rowToArticle(row) : null;
    },

    async existingIds(ids: string[]) {
      const out = new Set<string>();
      for (const part of chunks([...new Set(ids)])) {
        const sql = `SELECT id FROM articles WHERE id IN (${part.map(() => '?').join(', ')})`;
        for (const id of st()
          .get(sql)
          .pluck()
          .all(...part) as string[])
          out.add(id);
      }
      return out;
    },

    async findByContentHash(hash: string) {
      const [first] = candidate(
        'SELECT a.id, d.minhash, a.cluster_id FROM articles a JOIN article_docs d ON d.rid = a.rid WHERE a.content_hash = ? ORDER BY a.date, a.id LIMIT 1',
        hash,
      );
      return first ?? null;
    },

    async findBandCandidates(bands: string[], limit: number) {
      if (!bands.length || limit <= 0) return [];
      const sql = `SELECT a.id, d.minhash, a.cluster_id FROM articles a JOIN article_docs d ON d.rid = a.rid WHERE a.rid IN (SELECT rid FROM article_bands WHERE band IN (${bands.map(() => '?').join(', ')})) ORDER BY a.date, a.id LIMIT ?`;
      return candidate(sql, ...bands, limit);
    },

    async clusterMembers(clusterId: string, limit: number) {
      const rows = st()
        .get(`SELECT ${ARTICLE_SELECT} WHERE a.cluster_id = ? ORDER BY a.date, a.id LIMIT ?`)
        .all(clusterId, limit) as ArticleRow[];
      return rows.map(rowToArticle);
    },

    async setClassifications(updates: ClassificationUpdate[]) {
      if (!updates.length) return;
      const rids = db()
        .transaction(() =>
          updates.map(({ id, classification }) => {
            const rid = ridOf(id);
            if (rid === undefined) throw new Error(`sqlite store: no article ${id} to classify; store it first`);
            st()
              .get(UPDATE_CLASSIFICATION)
              .run({ ...classificationValues(classification), rid });
            st()
              .get('UPDATE article_docs SET classification = ? WHERE rid = ?')
              .run(JSON.stringify(classification), rid);
            writeTargets(rid, classification);
            return rid;
          }),
        )
        .immediate();
      st().patchColumns((c) => {
        updates.forEach(({ classification }, i) => {
          c.classify(rids[i], classificationValues(classification) as unknown as ColumnValues);
          c.setTargets(rids[i], classification.targets);
        });
      });
    },

    scan: (filters: SearchFilters | null, batchSize: number, query?: SearchRequest['query']) =>
      scanRows(ARTICLE_SELECT, rowToArticle, filters, batchSize, query),

    scanSummaries: (filters: SearchFilters | null, batchSize: number, query?: SearchRequest['query']) =>
      scanRows(SUMMARY_SELECT, rowToSummary, filters, batchSize, query),

    async count() {
      return st().get('SELECT n FROM article_count').pluck().get() as number;
    },

    async search(request) {
      await st().ready();
      return searchSqlite(st(), request);
    },

    async timeseries(request) {
      await st().ready();
      return timeseriesSqlite(st(), request);
    },

    async getState(key: string) {
      return (st().get('SELECT value FROM state WHERE key = ?').pluck().get(key) as string | undefined) ?? null;
    },

    async setState(key: string, value: string) {
      st()
        .get('INSERT INTO state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
        .run(key, value);
    },

    async refresh() {},
  };
  return store;
}
