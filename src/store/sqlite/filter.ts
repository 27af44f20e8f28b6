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

// Each filter is its own loop over typed arrays (no test function called per row), so V8 keeps every loop tight.

function passCoded(rows: Int32Array, of: Uint16Array, table: Uint8Array): Uint8Array {
  const out = new Uint8Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = table[of[rows[i]]];
  return out;
}

function passBits(rows: Int32Array, labels: Uint8Array, bits: number): Uint8Array {
  const out = new Uint8Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = (labels[rows[i]] & bits) !== 0 ? 1 : 0;
  return out;
}

function passMinSeverity(rows: Int32Array, severity: Int16Array, min: number): Uint8Array {
  const out = new Uint8Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const s = severity[rows[i]];
    out[i] = s !== NO_SEVERITY && s >= min ? 1 : 0;
  }
  return out;
}

function passTargets(rows: Int32Array, c: ColumnIndex, wanted: Uint8Array): Uint8Array {
  const out = new Uint8Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const targets = c.targetsOf(rows[i]);
    for (let k = 0; k < targets.length; k++) if (wanted[targets[k]] === 1) out[i] = 1;
  }
  return out;
}

/** Whether `filters` set the filter a facet removes (see withoutFacet). */
export function facetFilterSet(name: FacetName, filters: SearchFilters): boolean {
  switch (name) {
    case 'label':
      return labelBits(filters.labels) !== 0;
    case 'severity':
      return filters.min_severity !== undefined && filters.min_severity !== null;
    case 'target':
      return Boolean(filters.targets?.length);
    case 'source':
      return Boolean(filters.sources?.length);
    case 'lang':
      return Boolean(filters.langs?.length);
    case 'country':
      return Boolean(filters.countries?.length);
  }
}

/**
 * Whether each of `rows` passes the filter a facet removes (1 passes, same positions), or null when that
 * filter is not set.
 *
 * @example
 * facetPasses(cols, 'lang', { langs: ['kk'] }, rows) // Uint8Array [1, 0, …]: row 0 is Kazakh
 */
export function facetPasses(
  c: ColumnIndex,
  name: FacetName,
  filters: SearchFilters,
  rows: Int32Array,
): Uint8Array | null {
  if (!facetFilterSet(name, filters)) return null;
  switch (name) {
    case 'label':
      return passBits(rows, c.labels, labelBits(filters.labels));
    case 'severity':
      return passMinSeverity(rows, c.severity, Number(filters.min_severity));
    case 'target':
      return passTargets(rows, c, allowed(c.target, filters.targets ?? []));
    case 'source':
      return passCoded(rows, c.sourceOf, allowed(c.source, filters.sources ?? []));
    case 'lang':
      return passCoded(rows, c.langOf, allowed(c.lang, filters.langs ?? []));
    case 'country':
      return passCoded(rows, c.countryOf, allowed(c.country, filters.countries ?? []));
  }
}

/**
 * The first `n` rids of `out`. A view when it keeps most of the buffer, else a copy: selections are cached and
 * weighed by their length, so a short one must not hold a buffer sized for all the rows it was filtered from.
 */
function trimmed(out: Int32Array, n: number): Int32Array {
  return n < out.length >> 1 ? out.slice(0, n) : out.subarray(0, n);
}

/** The rids of `rows` whose pass flag is set, in the same order. */
function compact(rows: Int32Array, passes: Uint8Array): Int32Array {
  let n = 0;
  const out = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) if (passes[i]) out[n++] = rows[i];
  return trimmed(out, n);
}

function keepTimeWindow(rows: Int32Array, time: Float64Array, gte: number, lt: number): Int32Array {
  let n = 0;
  const out = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const t = time[rows[i]];
    if (t >= gte && t < lt) out[n++] = rows[i];
  }
  return trimmed(out, n);
}

function keepFlag(rows: Int32Array, flags: Uint8Array, want: number): Int32Array {
  let n = 0;
  const out = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) if (flags[rows[i]] === want) out[n++] = rows[i];
  return trimmed(out, n);
}

function keepIds(rows: Int32Array, ids: string[], set: Set<string>, want: boolean): Int32Array {
  let n = 0;
  const out = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) if (set.has(ids[rows[i]]) === want) out[n++] = rows[i];
  return trimmed(out, n);
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
    rows = keepTimeWindow(rows, c.time, gte, lt);
  }
  if (facets) {
    for (const name of FILTER_ORDER) {
      const passes = facetPasses(c, name, filters, rows);
      if (passes) rows = compact(rows, passes);
    }
  } else labelBits(filters.labels);
  if (filters.deleted !== undefined) rows = keepFlag(rows, c.deleted, filters.deleted ? 1 : 0);
  if (filters.cluster_heads) rows = keepFlag(rows, c.head, 1);
  if (filters.ids) rows = keepIds(rows, c.ids, new Set(filters.ids), true);
  if (filters.exclude_ids?.length) rows = keepIds(rows, c.ids, new Set(filters.exclude_ids), false);
  return rows;
}

/** Facet filters in the order they are applied (the most selective usually first). */
const FILTER_ORDER: FacetName[] = ['source', 'lang', 'country', 'label', 'severity', 'target'];
