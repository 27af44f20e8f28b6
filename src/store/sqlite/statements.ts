/** A bounded cache of prepared statements, keyed by SQL text (filter combinations vary the SQL). */
import type Database from 'better-sqlite3';
import { AggregateCache } from './cache.js';

const LIMIT = 500;

export class Statements {
  private readonly prepared = new Map<string, Database.Statement>();

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
}
