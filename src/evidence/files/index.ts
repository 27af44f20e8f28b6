/**
 * The embedded evidence store: compressed bodies as files under `<dataDir>/captures/bodies/`, named by
 * digest and written atomically (a temporary file renamed into place), and their records and the
 * re-check schedule in SQLite (`<dataDir>/captures/captures.db`).
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import Database from 'better-sqlite3';
import { captureRecord, digestHex } from '../digest.js';
import type { CaptureRecord, EvidenceStore, FetchedPage, Recheck } from '../port.js';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS bodies (digest TEXT PRIMARY KEY, size INTEGER NOT NULL, stored_size INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS captures (
    id TEXT PRIMARY KEY, url TEXT NOT NULL, final_url TEXT NOT NULL, status INTEGER NOT NULL, headers TEXT NOT NULL,
    fetched_at TEXT NOT NULL, source_id TEXT NOT NULL, digest TEXT NOT NULL, size INTEGER NOT NULL,
    pinned INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX IF NOT EXISTS captures_digest ON captures (digest);
  CREATE INDEX IF NOT EXISTS captures_fetched ON captures (pinned, fetched_at);
  CREATE TABLE IF NOT EXISTS rechecks (
    article_id TEXT NOT NULL, due_at TEXT NOT NULL, done INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (article_id, due_at)
  );
  CREATE INDEX IF NOT EXISTS rechecks_due ON rechecks (done, due_at);
`;

interface CaptureRow extends Omit<CaptureRecord, 'headers' | 'pinned'> {
  headers: string;
  pinned: number;
}

const toRecord = (r: CaptureRow): CaptureRecord => ({ ...r, headers: JSON.parse(r.headers), pinned: r.pinned === 1 });

const fail = (what: string, err: unknown): Error =>
  new Error(`files evidence store: ${what} failed: ${err instanceof Error ? err.message : String(err)}`, {
    cause: err,
  });

/**
 * @example
 * const evidence = createFileEvidenceStore({ dataDir: './data' }); // ./data/captures/
 * await evidence.init();
 * const capture = await evidence.putCapture(page);
 */
export function createFileEvidenceStore(options: { dataDir: string }): EvidenceStore {
  const root = join(options.dataDir, 'captures');
  const bodies = join(root, 'bodies');
  const tmp = join(root, 'tmp');
  let db: Database.Database | null = null;
  const conn = () => {
    if (!db) throw new Error('files evidence store: not open; call init() first');
    return db;
  };
  const pathOf = (digest: string) => {
    const hex = digestHex(digest);
    return join(bodies, hex.slice(0, 2), `${hex}.gz`);
  };

  async function writeBody(digest: string, body: Buffer): Promise<void> {
    const known = conn().prepare('SELECT 1 FROM bodies WHERE digest = ?').get(digest);
    const path = pathOf(digest);
    if (known && (await stat(path).catch(() => null))) return;
    const packed = await gzipAsync(body);
    mkdirSync(join(path, '..'), { recursive: true });
    const temp = join(tmp, `${digestHex(digest)}.${randomUUID()}`);
    // Written whole under tmp/, then renamed: a crash leaves a stray temp file (cleared at init), never a half body.
    await writeFile(temp, packed, { flush: true });
    await rename(temp, path);
    conn()
      .prepare('INSERT OR REPLACE INTO bodies (digest, size, stored_size) VALUES (?, ?, ?)')
      .run(digest, body.length, packed.length);
  }

  return {
    name: 'files',

    async init() {
      if (db) return;
      try {
        mkdirSync(bodies, { recursive: true });
        rmSync(tmp, { recursive: true, force: true });
        mkdirSync(tmp, { recursive: true });
        db = new Database(join(root, 'captures.db'));
        db.pragma('journal_mode = WAL');
        db.pragma('busy_timeout = 5000');
        db.exec(SCHEMA);
      } catch (err) {
        throw fail(`opening ${root} (check the data directory is writable)`, err);
      }
    },

    async close() {
      db?.close();
      db = null;
    },

    async putCapture(page: FetchedPage) {
      const record = captureRecord(page);
      const { digest } = record;
      try {
        await writeBody(digest, page.body);
        conn()
          .prepare(
            `INSERT OR IGNORE INTO captures (id, url, final_url, status, headers, fetched_at, source_id, digest, size, pinned)
             VALUES (@id, @url, @final_url, @status, @headers, @fetched_at, @source_id, @digest, @size, 0)`,
          )
          .run({ ...record, headers: JSON.stringify(record.headers) });
      } catch (err) {
        throw fail(`storing the capture of ${page.url}`, err);
      }
      return record;
    },

    async getCapture(id: string) {
      const row = conn().prepare('SELECT * FROM captures WHERE id = ?').get(id) as CaptureRow | undefined;
      return row ? toRecord(row) : null;
    },

    async captureBody(digest: string) {
      const packed = await readFile(pathOf(digest)).catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') return null;
        throw fail(`reading body ${digest}`, err);
      });
      return packed ? gunzipAsync(packed) : null;
    },

    async pinCaptures(ids: string[]) {
      const pin = conn().prepare('UPDATE captures SET pinned = 1 WHERE id = ?');
      conn().transaction(() => {
        for (const id of ids) pin.run(id);
      })();
    },

    async pruneCaptures(before: string) {
      const c = conn();
      const { records, orphans } = c
        .transaction(() => {
          const records = c.prepare('DELETE FROM captures WHERE pinned = 0 AND fetched_at < ?').run(before).changes;
          const orphans = c
            .prepare('SELECT digest FROM bodies WHERE digest NOT IN (SELECT digest FROM captures)')
            .pluck()
            .all() as string[];
          const drop = c.prepare('DELETE FROM bodies WHERE digest = ?');
          for (const d of orphans) drop.run(d);
          return { records, orphans };
        })
        .immediate();
      for (const d of orphans) await unlink(pathOf(d)).catch(() => {});
      return { records, bodies: orphans.length };
    },

    async captureStats() {
      const c = conn();
      const records = c.prepare('SELECT COUNT(*) FROM captures').pluck().get() as number;
      const b = c
        .prepare(
          'SELECT COUNT(*) AS n, COALESCE(SUM(size), 0) AS size, COALESCE(SUM(stored_size), 0) AS stored FROM bodies',
        )
        .get() as { n: number; size: number; stored: number };
      return { records, bodies: b.n, body_bytes: b.size, stored_bytes: b.stored };
    },

    async scheduleRechecks(articleId: string, dueAts: string[]) {
      const add = conn().prepare('INSERT OR IGNORE INTO rechecks (article_id, due_at) VALUES (?, ?)');
      conn().transaction(() => {
        for (const due of dueAts) add.run(articleId, due);
      })();
    },

    async dueRechecks(now: string, limit: number) {
      return conn()
        .prepare(
          'SELECT article_id, due_at FROM rechecks WHERE done = 0 AND due_at <= ? ORDER BY due_at, article_id LIMIT ?',
        )
        .all(now, Math.max(1, limit)) as Recheck[];
    },

    async finishRecheck(articleId: string, dueAt: string) {
      conn().prepare('UPDATE rechecks SET done = 1 WHERE article_id = ? AND due_at = ?').run(articleId, dueAt);
    },
  };
}

/** Stray temporary files left by a crash (for tests and operators): none after init. */
export function strayTempFiles(dataDir: string): string[] {
  try {
    return readdirSync(join(dataDir, 'captures', 'tmp'));
  } catch {
    return [];
  }
}
