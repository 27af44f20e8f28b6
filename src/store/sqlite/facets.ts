/** Facet counts (label, lang, source, target, severity, country) over the column index, in one pass. */
import type { FacetBucket, SearchFilters, SearchResult } from '../../search/query.js';
import { FACET_NAMES, FACET_SIZE, type FacetName } from '../derived.js';
import type { ColumnIndex } from './columns.js';
import { type Dimension, dimension } from './dimensions.js';
import { facetTest, filterRows, type RowTest } from './filter.js';

export type Facets = NonNullable<SearchResult['facets']>;

/**
 * One facet's counts: rows per value. A collapsed request selects cluster heads alone, so there each row is one
 * near-duplicate cluster, the unit its total counts.
 */
class FacetCounter {
  private readonly dim: Dimension;
  private readonly counts: Float64Array;
  private readonly out: number[] = [];

  constructor(cols: ColumnIndex, name: FacetName) {
    this.dim = dimension(cols, name);
    this.counts = new Float64Array(this.dim.names.length);
  }

  add(r: number): void {
    const n = this.dim.codes(r, this.out);
    for (let k = 0; k < n; k++) this.counts[this.out[k]]++;
  }

  /** The top FACET_SIZE values by count, then key. */
  buckets(): FacetBucket[] {
    const buckets: FacetBucket[] = [];
    this.counts.forEach((count, code) => {
      const key = this.dim.names[code];
      if (count > 0 && key != null) buckets.push({ key, count });
    });
    return buckets
      .sort((x, y) => y.count - x.count || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0))
      .slice(0, FACET_SIZE);
  }
}

/**
 * Every facet, each counted over the selection without its own filter and in the total's unit (clusters
 * when collapsed), so a value's count is what clicking it returns. One pass: over the selection when no
 * facet's own filter is set, else over the articles the other filters keep, where a row that fails only
 * one facet's filter counts in that facet alone.
 *
 * @example
 * facetCounts(cols, matched.rids, sel.rows, { langs: ['ru'], cluster_heads: true }).lang // [{ key: 'ru', count: 12 }, …]
 */
export function facetCounts(cols: ColumnIndex, base: Int32Array, selected: Int32Array, filters: SearchFilters): Facets {
  const counters = FACET_NAMES.map((name) => new FacetCounter(cols, name));
  const own: Array<{ test: RowTest; counter: FacetCounter }> = [];
  FACET_NAMES.forEach((name, i) => {
    const test = facetTest(cols, name, filters);
    if (test) own.push({ test, counter: counters[i] });
  });
  const rows = own.length ? filterRows(cols, base, filters, false) : selected;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    let failed: FacetCounter | null = null;
    let fails = 0;
    for (let k = 0; k < own.length && fails < 2; k++) {
      if (own[k].test(r)) continue;
      fails++;
      failed = own[k].counter;
    }
    if (fails === 0) for (const counter of counters) counter.add(r);
    else if (fails === 1) failed?.add(r);
  }
  const out = {} as Facets;
  FACET_NAMES.forEach((name, i) => {
    out[name] = counters[i].buckets();
  });
  return out;
}
