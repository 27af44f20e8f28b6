/** Facet counts (label, lang, source, target, severity, country) over the column index. */
import type { FacetBucket, SearchResult } from '../../search/query.js';
import { FACET_SIZE, type FacetName } from '../derived.js';
import type { ColumnIndex } from './columns.js';
import { dimension } from './dimensions.js';

export type Facets = NonNullable<SearchResult['facets']>;

/**
 * One facet's buckets over `rows`: articles per value, or distinct near-duplicate clusters per value when
 * `collapse` is set (what a collapsed total counts), top FACET_SIZE by count then key.
 *
 * @example
 * facetBuckets(cols, 'lang', selectedRows(st, cols, query, true, withoutFacet(filters, 'lang')).rows, true);
 */
export function facetBuckets(cols: ColumnIndex, name: FacetName, rows: Int32Array, collapse: boolean): FacetBucket[] {
  const dim = dimension(cols, name);
  const counts = new Float64Array(dim.names.length);
  const seen = new Set<number>();
  const clusters = cols.cluster.keys.length;
  const out: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const n = dim.codes(r, out);
    const c = cols.clusterOf[r];
    const shared = collapse && cols.clusterSize[c] > 1;
    for (let k = 0; k < n; k++) {
      if (shared) {
        const key = out[k] * clusters + c;
        if (seen.has(key)) continue;
        seen.add(key);
      }
      counts[out[k]]++;
    }
  }
  const buckets: FacetBucket[] = [];
  counts.forEach((count, code) => {
    const key = dim.names[code];
    if (count > 0 && key != null) buckets.push({ key, count });
  });
  return buckets.sort((x, y) => y.count - x.count || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0)).slice(0, FACET_SIZE);
}
