/**
 * Search filters applied column by column to a list of rids, with the same meaning as the SQL in
 * where.ts: each filter is one tight loop over a typed array.
 */
import { LABELS } from '../../domain.js';
import type { SearchFilters } from '../../search/query.js';
import { dateWindow } from '../derived.js';
import { StoreRequestError } from '../errors.js';
import { type ColumnIndex, type Dictionary, LABEL_BIT, NO_SEVERITY } from './columns.js';

/** Label bits a label filter accepts (any of), or 0 for no label filter. */
export function labelBits(labels: SearchFilters['labels']): number {
  let bits = 0;
  for (const label of labels ?? []) {
    if (!(LABELS as readonly string[]).includes(label))
      throw new StoreRequestError(`unknown label ${JSON.stringify(label)}`, 'labels');
    bits |= LABEL_BIT[label];
  }
  return bits;
}

function allowed(dict: Dictionary, values: string[]): Uint8Array {
  const table = new Uint8Array(dict.keys.length);
  for (const v of values) {
    const code = dict.find(v);
    if (code > 0) table[code] = 1;
  }
  return table;
}

function inList(rows: Int32Array, dict: Dictionary, of: Uint16Array, values: string[] | undefined): Int32Array {
  if (!values?.length) return rows;
  const table = allowed(dict, values);
  let n = 0;
  const out = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) if (table[of[rows[i]]] === 1) out[n++] = rows[i];
  return out.subarray(0, n);
}

/**
 * The rids of `rows` that pass every filter, in the same order.
 *
 * @example
 * const kept = filterRows(columns, columns.byId(), { langs: ['kk'], min_severity: 2 });
 */
export function filterRows(c: ColumnIndex, rows: Int32Array, filters: SearchFilters): Int32Array {
  const window = dateWindow(filters);
  const bits = labelBits(filters.labels);
  const keep = (test: (r: number) => boolean) => {
    let n = 0;
    const out = new Int32Array(rows.length);
    for (let i = 0; i < rows.length; i++) if (test(rows[i])) out[n++] = rows[i];
    rows = out.subarray(0, n);
  };
  if (window.gte !== undefined || window.lt !== undefined) {
    const gte = window.gte ? Date.parse(window.gte) : Number.NEGATIVE_INFINITY;
    const lt = window.lt ? Date.parse(window.lt) : Number.POSITIVE_INFINITY;
    const time = c.time;
    keep((r) => time[r] >= gte && time[r] < lt);
  }
  rows = inList(rows, c.source, c.sourceOf, filters.sources);
  rows = inList(rows, c.lang, c.langOf, filters.langs);
  rows = inList(rows, c.country, c.countryOf, filters.countries);
  if (bits) {
    const labels = c.labels;
    keep((r) => (labels[r] & bits) !== 0);
  }
  if (filters.min_severity !== undefined && filters.min_severity !== null) {
    const min = Number(filters.min_severity);
    const severity = c.severity;
    keep((r) => severity[r] !== NO_SEVERITY && severity[r] >= min);
  }
  if (filters.deleted !== undefined) {
    const want = filters.deleted ? 1 : 0;
    const deleted = c.deleted;
    keep((r) => deleted[r] === want);
  }
  if (filters.targets?.length) {
    const wanted = allowed(c.target, filters.targets);
    keep((r) => c.targetsOf(r).some((t) => wanted[t] === 1));
  }
  if (filters.ids) {
    const wanted = new Set(filters.ids);
    keep((r) => wanted.has(c.ids[r]));
  }
  if (filters.exclude_ids?.length) {
    const unwanted = new Set(filters.exclude_ids);
    keep((r) => !unwanted.has(c.ids[r]));
  }
  return rows;
}
