/**
 * The open connection: a bounded cache of prepared statements keyed by SQL text (filter combinations
 * vary the SQL), the aggregate cache, and the in-memory column index kept in step with the file.
 */
import type Database from 'better-sqlite3';
import { AggregateCache } from './cache.js';
import { ColumnIndex } from './columns.js';

const LIMIT = 500;

export class Statements {
  private readonly prepared = new Map<string, Database.Statement>();
  private index: ColumnIndex | null = null;
  private indexVersion = -1;

  readonly aggregates: AggregateCache;

  constructor(readonly db: Database.Database) {
    this.aggregates = new AggregateCache(this);
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
      this.index = ColumnIndex.load(this.db);
      this.indexVersion = version;
    }
    return this.index;
  }

  /** Applies a committed write through this connection to the column index, if loaded. */
  patchColumns(apply: (index: ColumnIndex) => void): void {
    if (this.index) apply(this.index);
    this.aggregates.invalidate();
  }
}
