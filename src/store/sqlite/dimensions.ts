/** The values of an article in each facet or split, as codes into a list of names, over the column index. */
import { LABELS } from '../../domain.js';
import { type FacetName, SEVERITY_STEPS } from '../derived.js';
import type { ColumnIndex } from './columns.js';

/** The codes of a row in one facet (written to `out`), and each code's key. */
export interface Dimension {
  /** Key of each code; null for codes that are no value (a missing country). */
  names: ReadonlyArray<string | null>;
  codes: (r: number, out: number[]) => number;
}

function one(out: number[], code: number): number {
  out[0] = code;
  return 1;
}

/**
 * @example
 * const { names, codes } = dimension(cols, 'lang'); const n = codes(rid, out); // names[out[0]] === 'ru'
 */
export function dimension(cols: ColumnIndex, name: FacetName): Dimension {
  switch (name) {
    case 'label':
      return {
        names: LABELS,
        codes: (r, out) => {
          let n = 0;
          for (let bit = 0; bit < 3; bit++) if (cols.labels[r] & (1 << bit)) out[n++] = bit;
          return n;
        },
      };
    case 'severity':
      // Cumulative, as the min_severity filter a click sets: code k counts "severity ≥ k".
      return {
        names: [null, ...Array.from({ length: SEVERITY_STEPS }, (_, k) => String(k + 1))],
        codes: (r, out) => {
          const s = Math.min(cols.severity[r], SEVERITY_STEPS);
          for (let k = 1; k <= s; k++) out[k - 1] = k;
          return Math.max(0, s);
        },
      };
    case 'target':
      return {
        names: cols.target.keys,
        codes: (r, out) => {
          const targets = cols.targetsOf(r);
          for (let i = 0; i < targets.length; i++) out[i] = targets[i];
          return targets.length;
        },
      };
    case 'lang':
      return {
        names: cols.lang.keys,
        codes: (r, o) => one(o, cols.langOf[r]),
      };
    case 'source':
      return {
        names: cols.source.keys,
        codes: (r, o) => one(o, cols.sourceOf[r]),
      };
    case 'country':
      return {
        names: cols.country.keys,
        codes: (r, o) => (cols.countryOf[r] ? one(o, cols.countryOf[r]) : 0),
      };
  }
}
