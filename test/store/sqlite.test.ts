import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createStore } from '../../src/store/index.js';
import { createSqliteStore } from '../../src/store/sqlite/index.js';
import { MIGRATIONS, migrate } from '../../src/store/sqlite/schema.js';
import { runStoreContract } from './contract.js';
import { ARTICLES, article } from './fixtures.js';

runStoreContract('sqlite', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kuzet-store-'));
  return {
    store: createSqliteStore({ dataDir }),
    cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
});

runStoreContract('sqlite :memory:', async () => ({
  store: createSqliteStore({ file: ':memory:' }),
  cleanup: async () => {},
}));

describe('sqlite store extras', () => {
  const withDir = async (fn: (dataDir: string) => Promise<void>) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kuzet-store-'));
    try {
      await fn(dataDir);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  };

  /** Two connections to one database file, a reader and a writer, closed afterwards. */
  const withTwoConnections = (
    fn: (reader: ReturnType<typeof createSqliteStore>, writer: ReturnType<typeof createSqliteStore>) => Promise<void>,
  ) =>
    withDir(async (dataDir) => {
      const reader = createSqliteStore({ dataDir });
      const writer = createSqliteStore({ dataDir });
      try {
        await reader.init();
        await writer.init();
        await fn(reader, writer);
      } finally {
        await reader.close();
        await writer.close();
      }
    });

  it('is what createStore picks without an Elasticsearch URL, in <dataDir>/kuzet.db with WAL', () =>
    withDir(async (dataDir) => {
      const store = createStore({ dataDir });
      expect(store.name).toBe('sqlite');
      await store.init();
      await store.putArticle(ARTICLES[0]);
      await store.close();
      const db = new Database(join(dataDir, 'kuzet.db'), { readonly: true });
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      db.close();
    }));

  it('keeps data across reopening and re-runs migrations safely', () =>
    withDir(async (dataDir) => {
      const first = createSqliteStore({ dataDir });
      await first.init();
      for (const a of ARTICLES) await first.putArticle(a);
      await first.setState('k', 'v');
      await first.close();
      const second = createSqliteStore({ dataDir });
      await second.init();
      await second.init();
      expect(await second.count()).toBe(ARTICLES.length);
      expect(await second.getState('k')).toBe('v');
      expect(
        (
          await second.search({
            query: { type: 'term', value: 'мигранты' },
            filters: {},
            sort: 'date',
            collapse: false,
            size: 10,
            facets: false,
          })
        ).total,
      ).toBe(5);
      await second.close();
      const db = new Database(join(dataDir, 'kuzet.db'));
      expect(migrate(db)).toEqual([]);
      expect(db.prepare('SELECT version FROM schema_migrations').pluck().all()).toEqual(
        MIGRATIONS.map((m) => m.version),
      );
      expect(migrate(db, [...MIGRATIONS, { version: 99, name: 'extra', sql: 'CREATE TABLE extra (x)' }])).toEqual([99]);
      db.close();
    }));

  it('counts articles from a row kept by triggers, set in place when a file from before it is migrated', () =>
    withDir(async (dataDir) => {
      const file = join(dataDir, 'kuzet.db');
      const old = new Database(file);
      migrate(
        old,
        MIGRATIONS.filter((m) => m.version <= 3),
      );
      old.close();
      const first = createSqliteStore({ dataDir });
      await first.init();
      for (const a of ARTICLES.slice(0, 3)) await first.putArticle(a);
      await first.close();
      const db = new Database(file);
      db.prepare('DELETE FROM schema_migrations WHERE version = 4').run();
      db.exec('DROP TRIGGER articles_counted; DROP TRIGGER articles_uncounted; DROP TABLE article_count');
      db.close();
      const store = createSqliteStore({ dataDir });
      await store.init();
      expect(await store.count()).toBe(3);
      await store.putArticles(ARTICLES.slice(3));
      await store.putArticle(ARTICLES[0]);
      expect(await store.count()).toBe(ARTICLES.length);
      await store.close();
      const check = new Database(file);
      check.prepare('DELETE FROM articles WHERE id = ?').run(ARTICLES[0].id);
      expect(check.prepare('SELECT n FROM article_count').pluck().get()).toBe(ARTICLES.length - 1);
      check.close();
    }));

  it('scores date-sorted pages of a broad query by their own rows, as relevance ranks them, page after page and across writes', () =>
    withTwoConnections(async (store, writer) => {
      const matching = (i: number) =>
        article({
          id: `m${String(i).padStart(2, '0')}`,
          title: `Сводка ${i}`,
          text: `${'Мигранты на рынке. '.repeat(1 + (i % 5))}Погода ${i}.`,
          published_at: `2024-03-${String(1 + (i % 28)).padStart(2, '0')}T0${i % 10}:00:00Z`,
        });
      for (let i = 0; i < 40; i++) await store.putArticle(matching(i));
      const query = { type: 'term', value: 'мигранты' } as const;
      const base = { query, filters: {}, collapse: false, facets: false } as const;
      const expectRankedScores = async (pages: Array<Array<{ id: string; score: number }>>) => {
        // Relevance last, so the date pages above were scored before every match was.
        const ranked = await store.search({ ...base, sort: 'relevance', size: 100 });
        const score = new Map(ranked.hits.map((h) => [h.id, h.score]));
        for (const hit of pages.flat()) expect(hit.score, hit.id).toBeCloseTo(score.get(hit.id) as number, 9);
      };
      // Five pages of two (under an eighth of the 40 matches each), the first asked twice: some scored alone,
      // the later ones after every match was.
      const pages: Array<Array<{ id: string; score: number }>> = [];
      let cursor: string | undefined;
      for (let page = 0; page < 5; page++) {
        const r = await store.search({ ...base, sort: 'date', size: 2, cursor });
        pages.push(r.hits.map((h) => ({ id: h.id, score: h.score })));
        if (page === 0) {
          const again = await store.search({ ...base, sort: 'date', size: 2 });
          expect(again.hits.map((h) => [h.id, h.score])).toEqual(r.hits.map((h) => [h.id, h.score]));
        }
        cursor = r.next_cursor ?? undefined;
      }
      expect(new Set(pages.flat().map((h) => h.id)).size).toBe(10);
      for (const hit of pages.flat()) expect(hit.score).toBeGreaterThan(0);
      await expectRankedScores(pages);
      // Another connection's write changes every score (more documents): nothing scored before is reused.
      for (let i = 40; i < 60; i++) await writer.putArticle(matching(i));
      const after = await store.search({ ...base, sort: 'date', size: 2 });
      await expectRankedScores([after.hits.map((h) => ({ id: h.id, score: h.score }))]);
    }));

  it('sees writes made by another connection to the same file in totals, facets and time series', () =>
    withTwoConnections(async (reader, writer) => {
      const all = { query: null, filters: {}, sort: 'date', collapse: false, size: 1, facets: true } as const;
      await writer.putArticle(ARTICLES[0]);
      expect((await reader.search(all)).total).toBe(1);
      expect(await reader.timeseries({ query: null, filters: {}, interval: 'month' })).toHaveLength(1);
      await writer.putArticle(ARTICLES[6]);
      expect((await reader.search(all)).total).toBe(2);
      expect((await reader.search(all)).facets?.label).toEqual([
        { key: 'migration_policy', count: 1 },
        { key: 'xenophobic', count: 1 },
      ]);
      expect(await reader.timeseries({ query: null, filters: {}, interval: 'month' })).toHaveLength(2);
    }));

  it('says what to do when used before init or when the directory cannot be written', async () => {
    const store = createSqliteStore({ file: ':memory:' });
    await expect(store.count()).rejects.toThrow(/^sqlite store: not open; call init\(\) first/);
    await withDir(async (dir) => {
      writeFileSync(join(dir, 'a-file'), '');
      const bad = createSqliteStore({ dataDir: join(dir, 'a-file', 'data') });
      await expect(bad.init()).rejects.toThrow(/^sqlite store: opening .* failed/);
    });
  });
});
