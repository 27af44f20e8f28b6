import type { Lang } from '../../domain.js';
import { random } from './random.js';
import { rankedVocabulary } from './zipf.js';

const LANG_CODES: Lang[] = ['ru', 'kk', 'en'];

/** Topical queries: migration words at mid ranks of the vocabulary, label phrases, boolean forms. */
export const TOPICAL_QUERIES = [
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
/** Broad queries: words from the head of each vocabulary, in a large share of all articles. */
export const BROAD_QUERIES = [
  ...LANG_CODES.flatMap((lang) => rankedVocabulary(lang).words.slice(0, 3)),
  'город OR правительство',
];
/** Rare queries: words drawn uniformly from ranks 1,000 and beyond (the long tail). */
export function rareQuery(rnd: () => number): string {
  const words = rankedVocabulary(LANG_CODES[Math.floor(rnd() * LANG_CODES.length)]).words;
  return words[1000 + Math.floor(rnd() * (words.length - 1000))];
}
const LABELS = ['xenophobic', 'migration_policy', 'counter_speech'];
const LANGS = ['ru', 'kk', 'en'];

/**
 * Endless deterministic request paths for one endpoint: search mixes queries (20% broad, 45% topical,
 * 35% rare), filters, sorts and facets; time series mixes intervals, splits, filters and queries.
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
  const query = () => {
    const x = rnd();
    if (x < 0.2) return pick(BROAD_QUERIES);
    if (x < 0.65) return pick(TOPICAL_QUERIES);
    return rareQuery(rnd);
  };
  return () => {
    if (kind === 'health') return '/health';
    const p = new URLSearchParams();
    if (kind === 'search') {
      if (chance(0.75)) p.set('q', query());
      filters(p);
      if (chance(0.3)) p.set('sort', 'date');
      if (chance(0.2)) p.set('collapse', 'false');
      if (chance(0.5)) p.set('facets', 'false');
      return `/api/search?${p}`;
    }
    if (chance(0.3)) p.set('q', query());
    filters(p);
    p.set('interval', p.has('from') ? 'day' : pick(['week', 'month']));
    if (chance(0.5)) p.set('split', pick(['label', 'lang', 'source', 'target']));
    return `/api/timeseries?${p}`;
  };
}

/**
 * Distinct wide time series, one per request: daily buckets split by language from a start date one day later
 * each time (2000-01-01, 2000-01-02, …) to 2026-12-31, about 3 MB of JSON each. They weigh on the server's
 * aggregate cache as a fuzzer or a careless dashboard would.
 *
 * @example
 * const next = wideTimeseries(); next(); // '/api/timeseries?interval=day&split=lang&from=2000-01-01&to=2026-12-31'
 */
export function wideTimeseries(): () => string {
  let n = 0;
  return () => {
    const from = new Date(Date.UTC(2000, 0, 1) + n++ * 86_400_000).toISOString().slice(0, 10);
    return `/api/timeseries?interval=day&split=lang&from=${from}&to=2026-12-31`;
  };
}
