/**
 * The open connection: a bounded cache of prepared statements keyed by SQL text (filter combinations
 * vary the SQL), the aggregate cache, and the in-memory column index kept in step with the file.
 */
import type Database from 'better-sqlite3';
import { AggregateCache } from './cache.js';
import { ColumnIndex } from './columns.js';
import { keptRows } from './matched.js';

const LIMIT = 500;

export class Statements {
  private readonly prepared = new Map<string, Database.Statement>();
  private index: ColumnIndex | null = null;
  private indexVersion = -1;
  /** The load started by `warm`, while it runs. */
  private loading: Promise<void> | null = null;
  /** Bumped by every write and synchronous load, so a load in slices that saw one is not used. */
  private changes = 0;

  readonly aggregates: AggregateCache;
  /** Marks the rows a scoring query keeps (`kuzet_kept(rowid)` in SQL). */
  readonly kept: ReturnType<typeof keptRows>;

  constructor(readonly db: Database.Database) {
    this.aggregates = new AggregateCache(this);
    this.kept = keptRows(this);
  }

  /**
   * @example
   * statements.get('SELECT value FROM state WHERE key = ?').pluck().get(key);
   */
  get(sql: string): Database.Statement {
    let st = this.prepared.get(sql);
    if (st) {
      this.prepared.delete(sql);
      this.prepared.set(sql, st);
      return st;
    }
    st = this.db.prepare(sql);
    if (this.prepared.size >= LIMIT) this.prepared.delete(this.prepared.keys().next().value as string);
    this.prepared.set(sql, st);
    return st;
  }

  /** Changes when another connection commits (not for commits through this one). */
  dataVersion(): number {
    return this.get('PRAGMA data_version').pluck().get() as number;
  }

  /**
   * The column index as of the last commit, reloaded when another connection has committed since.
   *
   * @example
   * const cols = statements.columns(); cols.byDate();
   */
  columns(): ColumnIndex {
    const version = this.dataVersion();
    if (!this.index || version !== this.indexVersion) {
      this.changes++;
      this.index = this.ordersFromFile(ColumnIndex.load(this.db));
      this.indexVersion = version;
    }
    return this.index;
  }

  /**
   * Starts loading the column index in slices (the event loop keeps turning, so a server answers
   * /health at once on a large file); `ready` waits for it. A write meanwhile discards that load and
   * the next `columns()` reads afresh.
   */
  warm(): void {
    if (this.index || this.loading) return;
    const version = this.dataVersion();
    const changes = this.changes;
    this.loading = ColumnIndex.loadInSlices(this.db, () => !this.db.open || this.changes !== changes)
      .then((index) => {
        if (index && !this.index && this.changes === changes && this.dataVersion() === version) {
          this.index = this.ordersFromFile(index);
          this.indexVersion = version;
        }
      })
      .finally(() => {
        this.loading = null;
      });
  }

  private ordersFromFile(index: ColumnIndex): ColumnIndex {
    index.orderFrom = (sql) => Int32Array.from(this.get(sql).pluck().all() as number[]);
    return index;
  }

  /** Waits for a load started by `warm`, if one runs. */
  async ready(): Promise<void> {
    await this.loading;
  }

  /** Applies a committed write through this connection to the column index, if loaded. */
  patchColumns(apply: (index: ColumnIndex) => void): void {
    this.changes++;
    if (this.index) apply(this.index);
    this.aggregates.invalidate();
  }
}
