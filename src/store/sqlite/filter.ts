/**
 * Search filters applied column by column to a list of rids, with the same meaning as the SQL in
 * where.ts: each filter is one tight loop over a typed array.
 */
import { LABELS } from '../../domain.js';
import type { SearchFilters } from '../../search/query.js';
import { dateWindow, type FacetName } from '../derived.js';
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

function inList(dict: Dictionary, of: Uint16Array, values: string[] | undefined): RowTest | null {
  if (!values?.length) return null;
  const table = allowed(dict, values);
  return (r) => table[of[r]] === 1;
}

/** Whether a row passes one filter. */
export type RowTest = (r: number) => boolean;

/**
 * The test of the filter a facet removes (see withoutFacet), or null when that filter is not set.
 *
 * @example
 * facetTest(cols, 'lang', { langs: ['kk'] })?.(rid) // true for a Kazakh article
 */
export function facetTest(c: ColumnIndex, name: FacetName, filters: SearchFilters): RowTest | null {
  switch (name) {
    case 'label': {
      const bits = labelBits(filters.labels);
      const labels = c.labels;
      return bits ? (r) => (labels[r] & bits) !== 0 : null;
    }
    case 'severity': {
      if (filters.min_severity === undefined || filters.min_severity === null) return null;
      const min = Number(filters.min_severity);
      const severity = c.severity;
      return (r) => severity[r] !== NO_SEVERITY && severity[r] >= min;
    }
    case 'target': {
      if (!filters.targets?.length) return null;
      const wanted = allowed(c.target, filters.targets);
      return (r) => c.targetsOf(r).some((t) => wanted[t] === 1);
    }
    case 'source':
      return inList(c.source, c.sourceOf, filters.sources);
    case 'lang':
      return inList(c.lang, c.langOf, filters.langs);
    case 'country':
      return inList(c.country, c.countryOf, filters.countries);
  }
}

/** The rids of `rows` that pass `test`, in the same order. */
function keep(rows: Int32Array, test: RowTest): Int32Array {
  let n = 0;
  const out = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) if (test(rows[i])) out[n++] = rows[i];
  return out.subarray(0, n);
}

/**
 * The rids of `rows` that pass every filter, in the same order; `facets: false` leaves out the filters
 * facets remove (labels, severity, targets, sources, langs, countries).
 *
 * @example
 * const kept = filterRows(columns, columns.byId(), { langs: ['kk'], min_severity: 2 });
 */
export function filterRows(c: ColumnIndex, rows: Int32Array, filters: SearchFilters, facets = true): Int32Array {
  const window = dateWindow(filters);
  if (window.gte !== undefined || window.lt !== undefined) {
    const gte = window.gte ? Date.parse(window.gte) : Number.NEGATIVE_INFINITY;
    const lt = window.lt ? Date.parse(window.lt) : Number.POSITIVE_INFINITY;
    const time = c.time;
    rows = keep(rows, (r) => time[r] >= gte && time[r] < lt);
  }
  if (facets) {
    for (const name of FILTER_ORDER) {
      const test = facetTest(c, name, filters);
      if (test) rows = keep(rows, test);
    }
  } else labelBits(filters.labels);
  if (filters.deleted !== undefined) {
    const want = filters.deleted ? 1 : 0;
    const deleted = c.deleted;
    rows = keep(rows, (r) => deleted[r] === want);
  }
  if (filters.cluster_heads) {
    const head = c.head;
    rows = keep(rows, (r) => head[r] === 1);
  }
  if (filters.ids) {
    const wanted = new Set(filters.ids);
    rows = keep(rows, (r) => wanted.has(c.ids[r]));
  }
  if (filters.exclude_ids?.length) {
    const unwanted = new Set(filters.exclude_ids);
    rows = keep(rows, (r) => !unwanted.has(c.ids[r]));
  }
  return rows;
}

/** Facet filters in the order they are applied (the most selective usually first). */
const FILTER_ORDER: FacetName[] = ['source', 'lang', 'country', 'label', 'severity', 'target'];
