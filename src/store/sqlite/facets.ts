/** Facet counts (label, lang, source, target, severity, country) over the column index, in one pass. */

import { LABELS } from '../../domain.js';
import type { FacetBucket, SearchFilters, SearchResult } from '../../search/query.js';
import { FACET_NAMES, FACET_SIZE, type FacetName, SEVERITY_STEPS } from '../derived.js';
import type { ColumnIndex } from './columns.js';
import { dimension } from './dimensions.js';
import { facetFilterSet, facetPasses, filterRows } from './filter.js';

export type Facets = NonNullable<SearchResult['facets']>;

/** The top FACET_SIZE values by count, then key. */
function buckets(names: ReadonlyArray<string | null>, counts: Float64Array): FacetBucket[] {
  const out: FacetBucket[] = [];
  counts.forEach((count, code) => {
    const key = names[code];
    if (count > 0 && key != null) out.push({ key, count });
  });
  return out.sort((x, y) => y.count - x.count || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0)).slice(0, FACET_SIZE);
}

/**
 * Which rows a facet counts: those that pass every facet filter (`fails` 0), and those that fail its own filter
 * alone (`fails` 1 and `failed` its index).
 */
interface Counted {
  rows: Int32Array;
  fails: Uint8Array;
  failed: Uint8Array;
  facet: number;
}

const counts = (c: Counted, i: number) => c.fails[i] === 0 || (c.fails[i] === 1 && c.failed[i] === c.facet);

// One loop per kind of column, each over typed arrays, so none calls a function per row.

function countCoded(c: Counted, of: Uint16Array, size: number): Float64Array {
  const out = new Float64Array(size);
  for (let i = 0; i < c.rows.length; i++) if (counts(c, i)) out[of[c.rows[i]]]++;
  return out;
}

function countLabels(c: Counted, labels: Uint8Array): Float64Array {
  const out = new Float64Array(LABELS.length);
  for (let i = 0; i < c.rows.length; i++) {
    if (!counts(c, i)) continue;
    const l = labels[c.rows[i]];
    if (l & 1) out[0]++;
    if (l & 2) out[1]++;
    if (l & 4) out[2]++;
  }
  return out;
}

/** Cumulative, as the min_severity filter a click sets: code k counts "severity ≥ k". */
function countSeverity(c: Counted, severity: Int16Array): Float64Array {
  const at = new Float64Array(SEVERITY_STEPS + 1);
  for (let i = 0; i < c.rows.length; i++) {
    if (!counts(c, i)) continue;
    const s = severity[c.rows[i]];
    if (s > 0) at[Math.min(s, SEVERITY_STEPS)]++;
  }
  for (let k = SEVERITY_STEPS - 1; k >= 1; k--) at[k] += at[k + 1];
  return at;
}

function countTargets(c: Counted, cols: ColumnIndex): Float64Array {
  const out = new Float64Array(cols.target.keys.length);
  for (let i = 0; i < c.rows.length; i++) {
    if (!counts(c, i)) continue;
    const targets = cols.targetsOf(c.rows[i]);
    for (let k = 0; k < targets.length; k++) out[targets[k]]++;
  }
  return out;
}

function countFacet(cols: ColumnIndex, name: FacetName, c: Counted): Float64Array {
  switch (name) {
    case 'label':
      return countLabels(c, cols.labels);
    case 'severity':
      return countSeverity(c, cols.severity);
    case 'target':
      return countTargets(c, cols);
    case 'lang':
      return countCoded(c, cols.langOf, cols.lang.keys.length);
    case 'source':
      return countCoded(c, cols.sourceOf, cols.source.keys.length);
    case 'country':
      return countCoded(c, cols.countryOf, cols.country.keys.length);
  }
}

/**
 * Every facet, each counted over the selection without its own filter and in the total's unit (clusters
 * when collapsed), so a value's count is what clicking it returns. Over the selection when no facet's own
 * filter is set, else over the articles the other filters keep, where a row that fails only one facet's
 * filter counts in that facet alone.
 *
 * @example
 * facetCounts(cols, matched.rids, sel.rows, { langs: ['ru'], cluster_heads: true }).lang // [{ key: 'ru', count: 12 }, …]
 */
export function facetCounts(cols: ColumnIndex, base: Int32Array, selected: Int32Array, filters: SearchFilters): Facets {
  const own = FACET_NAMES.some((name) => facetFilterSet(name, filters));
  const rows = own ? filterRows(cols, base, filters, false) : selected;
  const fails = new Uint8Array(rows.length);
  const failed = new Uint8Array(rows.length);
  FACET_NAMES.forEach((name, facet) => {
    const passes = facetPasses(cols, name, filters, rows);
    if (!passes) return;
    for (let i = 0; i < rows.length; i++) {
      if (passes[i]) continue;
      if (fails[i] < 2) fails[i]++;
      failed[i] = facet;
    }
  });
  const out = {} as Facets;
  FACET_NAMES.forEach((name, facet) => {
    out[name] = buckets(dimension(cols, name).names, countFacet(cols, name, { rows, fails, failed, facet }));
  });
  return out;
}
