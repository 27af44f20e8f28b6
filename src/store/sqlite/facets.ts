/** Facet counts (articles per label, lang, source, target, severity, country) over the column index. */
import type { FacetBucket, SearchResult } from '../../search/query.js';
import { FACET_SIZE } from '../derived.js';
import { type ColumnIndex, type Dictionary, NO_SEVERITY } from './columns.js';

export type Facets = NonNullable<SearchResult['facets']>;

function top(entries: Iterable<[string, number]>): FacetBucket[] {
  return [...entries]
    .filter(([, count]) => count > 0)
    .map(([key, count]) => ({ key, count }))
    .sort((x, y) => y.count - x.count || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0))
    .slice(0, FACET_SIZE);
}

function coded(dict: Dictionary, counts: Int32Array): FacetBucket[] {
  const out: Array<[string, number]> = [];
  for (let code = 1; code < counts.length; code++) out.push([dict.keys[code] as string, counts[code]]);
  return top(out);
}

/**
 * @example
 * const f = facetCounts(cols, selectedRows(st, cols, query, true, filters).rows);
 */
export function facetCounts(cols: ColumnIndex, rows: Int32Array): Facets {
  const lang = new Int32Array(cols.lang.keys.length);
  const source = new Int32Array(cols.source.keys.length);
  const country = new Int32Array(cols.country.keys.length);
  const target = new Int32Array(cols.target.keys.length);
  const labels = new Int32Array(8);
  const severity = new Map<number, number>();
  const small = new Int32Array(16);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    lang[cols.langOf[r]]++;
    source[cols.sourceOf[r]]++;
    country[cols.countryOf[r]]++;
    labels[cols.labels[r]]++;
    const s = cols.severity[r];
    if (s >= 0 && s < 16) small[s]++;
    else if (s !== NO_SEVERITY) severity.set(s, (severity.get(s) ?? 0) + 1);
    for (const t of cols.targetsOf(r)) target[t]++;
  }
  small.forEach((n, s) => {
    if (n) severity.set(s, n);
  });
  const label = (bit: number) => labels.reduce((sum, n, bits) => (bits & bit ? sum + n : sum), 0);
  return {
    label: top([
      ['xenophobic', label(1)],
      ['migration_policy', label(2)],
      ['counter_speech', label(4)],
    ]),
    lang: coded(cols.lang, lang),
    source: coded(cols.source, source),
    target: coded(cols.target, target),
    severity: top([...severity].map(([k, n]) => [String(k), n])),
    country: coded(cols.country, country),
  };
}
