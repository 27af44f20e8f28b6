/**
 * The short fields of every article as typed arrays indexed by rid, held in memory so filters, totals,
 * facets, collapse and time series run in JS over a full-text rowid set instead of SQL scans. Loaded at
 * init, patched after each write through this connection, reloaded when another connection commits.
 */
import type Database from 'better-sqlite3';
import type { Label } from '../../domain.js';
import { isClusterHead } from '../derived.js';

/** Interns strings as small integers; code 0 is reserved for null. */
export class Dictionary {
  readonly keys: Array<string | null> = [null];
  private readonly codes = new Map<string, number>();

  code(key: string | null): number {
    if (key === null) return 0;
    let code = this.codes.get(key);
    if (code === undefined) {
      code = this.keys.length;
      this.codes.set(key, code);
      this.keys.push(key);
    }
    return code;
  }

  /** Code of a known key, or -1. */
  find(key: string): number {
    return this.codes.get(key) ?? -1;
  }
}

export interface ColumnValues {
  id: string;
  source_id: string;
  lang: string;
  country: string | null;
  cluster_id: string;
  date: string;
  xenophobic: number;
  migration_policy: number;
  counter_speech: number;
  severity: number | null;
  sentiment: number | null;
  /** 1 when the item was found deleted at its source. */
  deleted: number;
}

/** Bit of each label in `labels`. */
export const LABEL_BIT: Record<Label, number> = { xenophobic: 1, migration_policy: 2, counter_speech: 4 };
export const NO_SEVERITY = -32768;
const EMPTY: readonly number[] = [];
const DAY_MS = 86_400_000;

export class ColumnIndex {
  readonly source = new Dictionary();
  readonly lang = new Dictionary();
  readonly country = new Dictionary();
  readonly cluster = new Dictionary();
  readonly target = new Dictionary();
  /** One past the highest rid. */
  size = 0;
  present = new Uint8Array(0);
  ids: string[] = [];
  dates: string[] = [];
  time = new Float64Array(0);
  /** UTC day number of the date. */
  day = new Int32Array(0);
  sourceOf = new Uint16Array(0);
  langOf = new Uint16Array(0);
  countryOf = new Uint16Array(0);
  clusterOf = new Int32Array(0);
  labels = new Uint8Array(0);
  severity = new Int16Array(0);
  /** NaN where there is none. */
  sentiment = new Float64Array(0);
  deleted = new Uint8Array(0);
  /** 1 on the head of a near-duplicate cluster (see isClusterHead). */
  head = new Uint8Array(0);
  targets: Array<readonly number[]> = [];
  private dateOrder: Int32Array | null = null;
  private idOrder: Int32Array | null = null;
  private ridOrder: Int32Array | null = null;

  private grow(rid: number): void {
    if (rid < this.present.length) return;
    const cap = Math.max(1024, rid + 1, this.present.length * 2);
    const extend = <T extends Uint8Array | Uint16Array | Int16Array | Int32Array | Float64Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(cap);
      b.set(a);
      return b;
    };
    this.present = extend(this.present);
    this.time = extend(this.time);
    this.day = extend(this.day);
    this.sourceOf = extend(this.sourceOf);
    this.langOf = extend(this.langOf);
    this.countryOf = extend(this.countryOf);
    this.clusterOf = extend(this.clusterOf);
    this.labels = extend(this.labels);
    this.severity = extend(this.severity);
    this.sentiment = extend(this.sentiment);
    this.deleted = extend(this.deleted);
    this.head = extend(this.head);
  }

  /** Sets the short fields of one article (insert or update). */
  put(rid: number, v: ColumnValues): void {
    this.grow(rid);
    this.size = Math.max(this.size, rid + 1);
    const moved = !this.present[rid] || this.dates[rid] !== v.date || this.ids[rid] !== v.id;
    this.ids[rid] = v.id;
    this.dates[rid] = v.date;
    this.time[rid] = Date.parse(v.date);
    this.day[rid] = Math.floor(this.time[rid] / DAY_MS);
    this.sourceOf[rid] = this.source.code(v.source_id);
    this.langOf[rid] = this.lang.code(v.lang);
    this.countryOf[rid] = this.country.code(v.country);
    const cluster = this.cluster.code(v.cluster_id);
    this.clusterOf[rid] = cluster;
    this.present[rid] = 1;
    this.deleted[rid] = v.deleted ? 1 : 0;
    this.head[rid] = isClusterHead(v) ? 1 : 0;
    this.classify(rid, v);
    if (moved) {
      this.dateOrder = null;
      this.idOrder = null;
      this.ridOrder = null;
    }
  }

  /** Sets the classification-derived fields of one article. */
  classify(
    rid: number,
    v: Pick<ColumnValues, 'xenophobic' | 'migration_policy' | 'counter_speech' | 'severity' | 'sentiment'>,
  ): void {
    this.labels[rid] = (v.xenophobic ? 1 : 0) | (v.migration_policy ? 2 : 0) | (v.counter_speech ? 4 : 0);
    this.severity[rid] = v.severity === null ? NO_SEVERITY : v.severity;
    this.sentiment[rid] = v.sentiment === null ? Number.NaN : v.sentiment;
  }

  setTargets(rid: number, targets: readonly string[]): void {
    this.targets[rid] = targets.length ? [...new Set(targets)].map((t) => this.target.code(t)) : EMPTY;
  }

  targetsOf(rid: number): readonly number[] {
    return this.targets[rid] ?? EMPTY;
  }

  /**
   * Reads rids in an order from the file's indexes (what `byDate` and `byId` use when set): an index
   * scan instead of sorting every article in JS.
   */
  orderFrom: ((sql: string) => Int32Array) | null = null;

  /** Present rids by date, newest first, ties by id. */
  byDate(): Int32Array {
    this.dateOrder ??= this.ordered(
      'SELECT rid FROM articles ORDER BY date DESC, id',
      (a, b) => this.time[b] - this.time[a] || compare(this.ids[a], this.ids[b]),
    );
    return this.dateOrder;
  }

  /** Present rids, ascending. */
  all(): Int32Array {
    if (!this.ridOrder) {
      const out: number[] = [];
      for (let r = 0; r < this.size; r++) if (this.present[r]) out.push(r);
      this.ridOrder = Int32Array.from(out);
    }
    return this.ridOrder;
  }

  /** Present rids by id. */
  byId(): Int32Array {
    this.idOrder ??= this.ordered('SELECT rid FROM articles ORDER BY id', (a, b) => compare(this.ids[a], this.ids[b]));
    return this.idOrder;
  }

  /** Dates are ISO strings from toISOString, so the index's text order is the order of `time`. */
  private ordered(sql: string, cmp: (a: number, b: number) => number): Int32Array {
    if (this.orderFrom) return this.orderFrom(sql);
    return Int32Array.from(Array.from(this.all()).sort(cmp));
  }

  /**
   * Reads every article's short fields and targets at once.
   *
   * @example
   * const columns = ColumnIndex.load(db);
   */
  static load(db: Database.Database): ColumnIndex {
    const index = new ColumnIndex();
    for (let after = 0; ; ) {
      const last = index.readSlice(db, after);
      if (last === null) return index;
      after = last;
    }
  }

  /**
   * Reads the articles in slices of `LOAD_SLICE` rids, waiting on the event loop between them so a
   * server answers while a large file loads; null when `stop()` turns true (the connection closed).
   *
   * @example
   * const columns = await ColumnIndex.loadInSlices(db, () => !db.open);
   */
  static async loadInSlices(db: Database.Database, stop: () => boolean): Promise<ColumnIndex | null> {
    const index = new ColumnIndex();
    for (let after = 0; ; ) {
      await new Promise((resolve) => setImmediate(resolve));
      if (stop()) return null;
      const last = index.readSlice(db, after);
      if (last === null) return index;
      after = last;
    }
  }

  /** Reads the articles with rids after `after` (one slice) and their targets; the last rid read, or null at the end. */
  private readSlice(db: Database.Database, after: number): number | null {
    const rows = db.prepare(SLICE).raw().all(after, LOAD_SLICE) as SliceRow[];
    if (!rows.length) return null;
    const last = rows[rows.length - 1][0];
    this.grow(last);
    for (const row of rows) this.putRow(row);
    let rid = -1;
    let list: string[] = [];
    for (const [r, target] of db.prepare(SLICE_TARGETS).raw().iterate(after, last) as IterableIterator<
      [number, string]
    >) {
      if (r !== rid) {
        if (list.length) this.setTargets(rid, list);
        rid = r;
        list = [];
      }
      list.push(target);
    }
    if (list.length) this.setTargets(rid, list);
    this.dateOrder = null;
    this.idOrder = null;
    this.ridOrder = null;
    return last;
  }

  /** `put` for a row read whole from the file (a new rid; the orders are reset by the caller). */
  private putRow([
    rid,
    id,
    source,
    lang,
    country,
    cluster_id,
    date,
    labels,
    severity,
    sentiment,
    deleted,
  ]: SliceRow): void {
    this.size = Math.max(this.size, rid + 1);
    this.ids[rid] = id;
    this.dates[rid] = date;
    const time = Date.parse(date);
    this.time[rid] = time;
    this.day[rid] = Math.floor(time / DAY_MS);
    this.sourceOf[rid] = this.source.code(source);
    this.langOf[rid] = this.lang.code(lang);
    this.countryOf[rid] = this.country.code(country);
    const cluster = this.cluster.code(cluster_id);
    this.clusterOf[rid] = cluster;
    this.present[rid] = 1;
    this.deleted[rid] = deleted ? 1 : 0;
    this.head[rid] = isClusterHead({ id, cluster_id }) ? 1 : 0;
    this.labels[rid] = labels;
    this.severity[rid] = severity === null ? NO_SEVERITY : severity;
    this.sentiment[rid] = sentiment === null ? Number.NaN : sentiment;
  }
}

/** Rids read per slice when loading. */
const LOAD_SLICE = 20_000;
type SliceRow = [
  number,
  string,
  string,
  string,
  string | null,
  string,
  string,
  number,
  number | null,
  number | null,
  number,
];
const SLICE = `SELECT rid, id, source_id, lang, country, cluster_id, date,
  (xenophobic <> 0) | ((migration_policy <> 0) << 1) | ((counter_speech <> 0) << 2), severity, sentiment, deleted
  FROM articles WHERE rid > ? ORDER BY rid LIMIT ?`;
const SLICE_TARGETS = 'SELECT rid, target FROM article_targets WHERE rid > ? AND rid <= ? ORDER BY rid';

/** Binary string order, as SQLite compares TEXT. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
