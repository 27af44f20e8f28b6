/** Articles and sources the store contract runs on: Russian, Kazakh and English news, a duplicate pair, hostile HTML. */
import { contentHash } from '../../src/dedupe/content-hash.js';
import { minhash } from '../../src/dedupe/minhash.js';
import { type Article, type Classification, classifiedText, type Source } from '../../src/domain.js';

export function classification(overrides: Partial<Classification> = {}): Classification {
  return {
    xenophobic: false,
    xenophobia_score: 0,
    severity: 0,
    migration_policy: false,
    migration_policy_score: 0,
    counter_speech: false,
    targets: [],
    sentiment: 0,
    evidence: [],
    classifier_version: 'test-1',
    ...overrides,
  };
}

type Seed = Partial<Article> & Pick<Article, 'id' | 'title' | 'text'>;

/** A complete Article from the fields a test cares about; hashes are computed from the text. */
export function article(seed: Seed): Article {
  const text = classifiedText(seed);
  return {
    source_id: 'tengri',
    kind: 'article',
    url: `https://example.kz/${seed.id}`,
    canonical_url: `https://example.kz/${seed.id}`,
    published_at: null,
    fetched_at: '2024-07-01T00:00:00.000Z',
    author: null,
    lang: 'ru',
    country: 'KZ',
    content_hash: contentHash(text),
    minhash: minhash(text),
    cluster_id: seed.id,
    telegram: null,
    classification: null,
    ...seed,
  };
}

export const HOSTILE_TITLE = '<script>alert("x")</script> Гастарбайтеры вон & <b>';

/** Eight articles; a1/a2 are one cluster; a6 has no published_at and no classification. */
export const ARTICLES: Article[] = [
  article({
    id: 'a1',
    source_id: 'tengri',
    title: 'Мигрантов стало больше',
    text: 'В Алматы число мигрантов выросло. Трудовые мигранты приезжают из Узбекистана.',
    published_at: '2024-05-01T10:00:00Z',
    cluster_id: 'a1',
    classification: classification({
      migration_policy: true,
      migration_policy_score: 0.8,
      targets: ['migrants'],
      sentiment: 0.1,
    }),
  }),
  article({
    id: 'a2',
    source_id: 'azattyq',
    title: 'Мигрантов стало больше',
    text: 'В Алматы число мигрантов выросло. Трудовые мигранты приезжают из Узбекистана. Подписывайтесь.',
    published_at: '2024-05-01T12:00:00Z',
    cluster_id: 'a1',
    classification: classification({
      migration_policy: true,
      migration_policy_score: 0.8,
      targets: ['migrants'],
      sentiment: 0.1,
    }),
  }),
  article({
    id: 'a3',
    source_id: 'azattyq',
    lang: 'kk',
    title: 'Қазақстанға мигранттар келді',
    text: 'Көші-қон саясаты өзгерді. Мигранттарға жаңа ереже енгізілді, үкімет хабарлады.',
    published_at: '2024-05-02T08:00:00Z',
    cluster_id: 'a3',
    classification: classification({
      migration_policy: true,
      migration_policy_score: 0.7,
      targets: ['migrants'],
      sentiment: 0,
    }),
  }),
  article({
    id: 'a4',
    source_id: 'tengri',
    title: HOSTILE_TITLE,
    text: 'Гастарбайтеры должны уехать. Выгнать всех приезжих.',
    published_at: '2024-05-03T23:30:00Z',
    cluster_id: 'a4',
    classification: classification({
      xenophobic: true,
      xenophobia_score: 0.95,
      severity: 3,
      targets: ['migrants', 'central_asians'],
      sentiment: -0.9,
      evidence: [{ start: 0, end: 8, text: '<script>', entry: 'x', category: 'expulsion' }],
    }),
  }),
  article({
    id: 'a5',
    source_id: 'fergana',
    lang: 'en',
    country: 'UZ',
    title: 'Migration policy reform in Uzbekistan',
    text: 'The government announced new rules for migrant workers travelling to Russia.',
    published_at: '2024-05-06T09:00:00Z',
    cluster_id: 'a5',
    classification: classification({
      migration_policy: true,
      migration_policy_score: 0.9,
      targets: ['migrant_workers'],
      sentiment: 0.2,
    }),
  }),
  article({
    id: 'a6',
    source_id: 'fergana',
    country: 'UZ',
    title: 'Погода в Ташкенте',
    text: 'Завтра солнечно, без осадков.',
    published_at: null,
    fetched_at: '2024-05-07T06:00:00Z',
    cluster_id: 'a6',
    classification: null,
  }),
  article({
    id: 'a7',
    source_id: 'tengri',
    title: 'Мигранты снова виноваты',
    text: 'Комментаторы обвиняют мигрантов во всех бедах.',
    published_at: '2024-06-02T10:00:00Z',
    cluster_id: 'a7',
    classification: classification({
      xenophobic: true,
      xenophobia_score: 0.7,
      severity: 2,
      targets: ['migrants'],
      sentiment: -0.6,
    }),
  }),
  article({
    id: 'a8',
    source_id: 'azattyq',
    title: 'Против ненависти к мигрантам',
    text: 'Правозащитники призывают не обвинять мигрантов.',
    published_at: '2024-06-03T10:00:00Z',
    cluster_id: 'a8',
    classification: classification({ counter_speech: true, targets: ['migrants'], sentiment: 0.5 }),
  }),
];

export function source(id: string, overrides: Partial<Source> = {}): Source {
  return {
    id,
    name: id.toUpperCase(),
    kind: 'news',
    homepage: `https://${id}.example/`,
    feeds: [`https://${id}.example/rss`],
    sitemaps: [],
    listings: [],
    languages: ['ru'],
    country: 'KZ',
    schedule: '30m',
    max_items: 100,
    enabled: true,
    ...overrides,
  };
}
