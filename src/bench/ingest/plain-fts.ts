/**
 * The ingest benchmark's baseline for bulk writes: the same articles inserted the plain way with better-sqlite3,
 * one table of their fields and an FTS5 table (unicode61) over title and text, in one transaction.
 */
import Database from 'better-sqlite3';
import type { Article } from '../../domain.js';

const FIELDS = [
  'id',
  'source_id',
  'kind',
  'lang',
  'country',
  'url',
  'canonical_url',
  'title',
  'text',
  'published_at',
  'fetched_at',
  'author',
  'content_hash',
  'minhash',
  'cluster_id',
  'classification',
] as const;

/**
 * A new database file with the plain schema; `insert` writes articles in one transaction (what is timed), `dump`
 * reads every row back as NDJSON (the export baseline), `close` checkpoints and closes it.
 *
 * @example
 * const plain = openPlainFts('/tmp/plain.db'); plain.insert(articles); plain.close();
 */
export function openPlainFts(file: string): {
  insert: (articles: Article[]) => number;
  dump: () => number;
  close: () => void;
} {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE TABLE articles (rid INTEGER PRIMARY KEY, ${FIELDS.map((f) => `${f} TEXT`).join(', ')});
    CREATE UNIQUE INDEX articles_id ON articles (id);
    CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content = '');`);
  const row = db.prepare(`INSERT INTO articles (${FIELDS.join(', ')}) VALUES (${FIELDS.map(() => '?').join(', ')})`);
  const fts = db.prepare('INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)');
  const insert = db.transaction((articles: Article[]) => {
    for (const a of articles) {
      const values = FIELDS.map((f) =>
        f === 'classification' ? JSON.stringify(a.classification) : (a[f] as string | null),
      );
      const rid = row.run(...values).lastInsertRowid;
      fts.run(rid, a.title, a.text);
    }
    return articles.length;
  });
  // The export baseline: every row read and written as one JSON line, the bytes counted.
  const dump = () => {
    let rows = 0;
    let bytes = 0;
    for (const row of db.prepare('SELECT * FROM articles').iterate()) {
      bytes += Buffer.byteLength(`${JSON.stringify(row)}\n`);
      rows++;
    }
    return bytes > 0 ? rows : 0;
  };
  return { insert: (articles) => insert(articles), dump, close: () => db.close() };
}
