import { random } from './synthetic.js';

const QUERIES = [
  'мигранты',
  'мигрант*',
  'саранча',
  '"разрешение на работу"',
  'мигранты AND (граница OR патент)',
  'депортация -суд',
  'мигранттар',
  'көші-қон',
  'migrants',
  'migra*',
  '"migration law"',
  'parasites OR invaders',
  'квота рабочую силу',
  'Алматы мигранты',
];
const LABELS = ['xenophobic', 'migration_policy', 'counter_speech'];
const LANGS = ['ru', 'kk', 'en'];

/**
 * Endless deterministic request paths for one endpoint: search mixes queries, filters, sorts and
 * facets; time series mixes intervals, splits and filters.
 *
 * @example
 * const next = workload('search', 1); next() // '/api/search?q=...'
 */
export function workload(kind: 'health' | 'search' | 'timeseries', seed: number): () => string {
  const rnd = random(seed);
  const pick = <T>(items: T[]) => items[Math.floor(rnd() * items.length)];
  const chance = (p: number) => rnd() < p;
  const filters = (p: URLSearchParams) => {
    if (chance(0.4)) p.set('label', pick(LABELS));
    if (chance(0.2)) p.set('min_severity', String(1 + Math.floor(rnd() * 3)));
    if (chance(0.3)) p.set('lang', pick(LANGS));
    if (chance(0.2)) p.set('source', `src-${Math.floor(rnd() * 12)}`);
    if (chance(0.3)) {
      const month = 1 + Math.floor(rnd() * 12);
      p.set('from', `2025-${String(month).padStart(2, '0')}-01`);
      p.set('to', `2025-${String(month).padStart(2, '0')}-28`);
    }
  };
  return () => {
    if (kind === 'health') return '/health';
    const p = new URLSearchParams();
    if (kind === 'search') {
      if (chance(0.75)) p.set('q', pick(QUERIES));
      filters(p);
      if (chance(0.3)) p.set('sort', 'date');
      if (chance(0.2)) p.set('collapse', 'false');
      if (chance(0.5)) p.set('facets', 'false');
      return `/api/search?${p}`;
    }
    if (chance(0.3)) p.set('q', pick(QUERIES));
    filters(p);
    p.set('interval', p.has('from') ? 'day' : pick(['week', 'month']));
    if (chance(0.5)) p.set('split', pick(['label', 'lang', 'source', 'target']));
    return `/api/timeseries?${p}`;
  };
}
