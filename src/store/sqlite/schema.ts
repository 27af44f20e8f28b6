/** Numbered schema migrations, applied in order once each and recorded in `schema_migrations`. */
import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * `articles` holds the short fields every filter, sort, facet and bucket reads (narrow rows scan fast);
 * `article_docs` the rest of the Article (telegram and classification as JSON, title and text); `articles_fts` is contentless with rowid = articles.rid, over the normalised `words`
 * and the `stems` (tokens are already analysed, so the FTS tokenizer only splits on spaces).
 */
export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'articles, full-text index, sources, health, state',
    sql: `
      CREATE TABLE articles (
        rid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        source_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        lang TEXT NOT NULL,
        country TEXT,
        content_hash TEXT NOT NULL,
        cluster_id TEXT NOT NULL,
        date TEXT NOT NULL,
        classified INTEGER NOT NULL,
        xenophobic INTEGER NOT NULL,
        migration_policy INTEGER NOT NULL,
        counter_speech INTEGER NOT NULL,
        severity INTEGER,
        sentiment REAL
      );
      CREATE TABLE article_docs (
        rid INTEGER PRIMARY KEY,
        url TEXT NOT NULL,
        canonical_url TEXT NOT NULL,
        published_at TEXT,
        fetched_at TEXT NOT NULL,
        author TEXT,
        minhash TEXT NOT NULL,
        telegram TEXT,
        classification TEXT,
        title TEXT NOT NULL,
        text TEXT NOT NULL
      );
      CREATE INDEX articles_date ON articles (date DESC, id);
      CREATE INDEX articles_source_date ON articles (source_id, date DESC);
      CREATE INDEX articles_cluster ON articles (cluster_id);
      CREATE INDEX articles_content_hash ON articles (content_hash);
      CREATE TABLE article_targets (target TEXT NOT NULL, rid INTEGER NOT NULL, PRIMARY KEY (target, rid)) WITHOUT ROWID;
      CREATE INDEX article_targets_rid ON article_targets (rid);
      CREATE TABLE article_bands (band TEXT NOT NULL, rid INTEGER NOT NULL, PRIMARY KEY (band, rid)) WITHOUT ROWID;
      CREATE INDEX article_bands_rid ON article_bands (rid);
      CREATE VIRTUAL TABLE articles_fts USING fts5(
        words, stems, content = '', contentless_delete = 1, tokenize = "ascii tokenchars '''@$*'"
      );
      CREATE TABLE sources (id TEXT PRIMARY KEY, doc TEXT NOT NULL);
      CREATE TABLE source_health (source_id TEXT PRIMARY KEY, doc TEXT NOT NULL);
      CREATE TABLE state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    `,
  },
  {
    version: 2,
    name: 'users, sessions, reviews, review assignments',
    sql: `
      CREATE TABLE users (id TEXT PRIMARY KEY, doc TEXT NOT NULL);
      CREATE TABLE sessions (id_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL, doc TEXT NOT NULL);
      CREATE INDEX sessions_user ON sessions (user_id);
      CREATE TABLE reviews (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        article_id TEXT NOT NULL,
        doc TEXT NOT NULL
      );
      CREATE INDEX reviews_article ON reviews (article_id);
      CREATE TABLE review_assignments (
        article_id TEXT NOT NULL,
        slot INTEGER NOT NULL,
        reviewer_id TEXT NOT NULL,
        assigned_at TEXT NOT NULL,
        PRIMARY KEY (article_id, slot),
        UNIQUE (article_id, reviewer_id)
      );
    `,
  },
  {
    version: 3,
    name: 'evidence: deleted flag, versions, captures and extractor version',
    sql: `
      ALTER TABLE articles ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE article_docs ADD COLUMN evidence TEXT;
    `,
  },
  {
    version: 4,
    name: 'article count kept by triggers (O(1) for /health)',
    sql: `
      CREATE TABLE article_count (one INTEGER PRIMARY KEY CHECK (one = 1), n INTEGER NOT NULL);
      INSERT INTO article_count (one, n) SELECT 1, COUNT(*) FROM articles;
      CREATE TRIGGER articles_counted AFTER INSERT ON articles BEGIN UPDATE article_count SET n = n + 1; END;
      CREATE TRIGGER articles_uncounted AFTER DELETE ON articles BEGIN UPDATE article_count SET n = n - 1; END;
    `,
  },
];

/**
 * Applies the migrations not yet recorded; each one in its own transaction. Safe to run again.
 *
 * @example
 * migrate(db); // [1] on a new file, [] afterwards
 */
export function migrate(db: Database.Database, migrations: Migration[] = MIGRATIONS): number[] {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
  );
  const applied = new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]);
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const done: number[] = [];
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (applied.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.name, new Date().toISOString());
    })();
    done.push(m.version);
  }
  return done;
}
