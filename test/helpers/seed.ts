import type { Hono } from 'hono';
import { afterAll, beforeAll } from 'vitest';
import { createApp } from '../../src/api/app.js';
import type { AppDeps } from '../../src/api/deps.js';
import { articleId } from '../../src/dedupe/canonical-url.js';
import { contentHash } from '../../src/dedupe/content-hash.js';
import { minhash } from '../../src/dedupe/minhash.js';
import {
  type Article,
  type Classification,
  classifiedText,
  type Evidence,
  type Lang,
  type Source,
} from '../../src/domain.js';
import type { ArticleStore } from '../../src/store/port.js';
import { createSqliteStore } from '../../src/store/sqlite/index.js';

export const CLASSIFIER_VERSION = 'lexicon-test-1';

export const SOURCES: Source[] = [
  source('vlast', 'Vlast.kz', 'news', ['ru'], '1h'),
  source('kazinform', 'Kazinform', 'news', ['kk', 'ru'], '30m'),
  source('astanatimes', 'The Astana Times', 'news', ['en'], '2h'),
  source('tg-patriot', 'Патриот KZ (Telegram)', 'telegram', ['ru'], '30m'),
  source('tg-silent', 'Тихий канал (Telegram)', 'telegram', ['ru', 'kk'], '1h'),
];

function source(id: string, name: string, kind: Source['kind'], languages: Lang[], schedule: string): Source {
  return {
    id,
    name,
    kind,
    homepage: `https://${id}.example.kz/`,
    feeds: kind === 'news' ? [`https://${id}.example.kz/rss`] : [],
    sitemaps: [],
    listings: [],
    ...(kind === 'telegram' ? { channel: id.replace('tg-', '') } : {}),
    languages,
    country: 'KZ',
    schedule,
    max_items: 100,
    enabled: true,
    file: `/srv/kuzet/crawlers/${id}.yaml`,
  };
}

interface Flag {
  /** Exact text found in title or text (first occurrence), with its lexicon category. */
  evidence?: Array<[string, string]>;
  xenophobic?: boolean;
  severity?: 0 | 1 | 2 | 3;
  migration_policy?: boolean;
  counter_speech?: boolean;
  targets?: string[];
  sentiment?: number;
}

export interface SeedSpec {
  key: string;
  source: string;
  lang: Lang;
  date: string;
  title: string;
  text: string;
  /** null: not classified yet. */
  flag: Flag | null;
  cluster?: string;
}

/** Builds a stored Article from a spec: id from URL, hashes from text, evidence offsets into classifiedText. */
export function makeArticle(spec: SeedSpec, clusterIds: Map<string, string>): Article {
  const url = `https://${spec.source}.example.kz/news/${spec.key}`;
  const id = articleId(url);
  const cluster_id = spec.cluster ? (clusterIds.get(spec.cluster) ?? id) : id;
  if (spec.cluster && !clusterIds.has(spec.cluster)) clusterIds.set(spec.cluster, id);
  const body = classifiedText(spec);
  let classification: Classification | null = null;
  if (spec.flag) {
    const f = spec.flag;
    const evidence: Evidence[] = (f.evidence ?? []).map(([text, category], i) => {
      const start = body.indexOf(text);
      if (start < 0) throw new Error(`seed ${spec.key}: evidence «${text}» not in text`);
      return { start, end: start + text.length, text, entry: `${category}.${i}`, category };
    });
    classification = {
      xenophobic: f.xenophobic ?? false,
      xenophobia_score: f.xenophobic ? 0.5 + (f.severity ?? 1) * 0.15 : 0.05,
      severity: f.severity ?? 0,
      migration_policy: f.migration_policy ?? false,
      migration_policy_score: f.migration_policy ? 0.8 : 0.1,
      counter_speech: f.counter_speech ?? false,
      targets: f.targets ?? [],
      sentiment: f.sentiment ?? 0,
      evidence,
      classifier_version: CLASSIFIER_VERSION,
    };
  }
  return {
    id,
    source_id: spec.source,
    kind: spec.source.startsWith('tg-') ? 'telegram_post' : 'article',
    url,
    canonical_url: url,
    title: spec.title,
    text: spec.text,
    published_at: `${spec.date}T09:30:00.000Z`,
    fetched_at: `${spec.date}T10:00:00.000Z`,
    author: null,
    lang: spec.lang,
    country: 'KZ',
    content_hash: contentHash(spec.text),
    minhash: minhash(body),
    cluster_id,
    telegram: null,
    classification,
  };
}

const XSS_TITLE = '<script>window.__xss=1</script>Мигранты на рынке <b>труда</b>';
const XSS_TEXT =
  'Комментатор написал: <img src=x onerror="window.__xss=2"> мигранты — это саранча, а также <svg onload="window.__xss=3"></svg> и "кавычки" & амперсанды. <a href="javascript:window.__xss=4">ссылка</a>';

const LOCUST_TEXT =
  'Автор поста утверждает, что мигранты — саранча, которая съедает рабочие места. Их нужно выгнать из страны, пишет он. Эксперты назвали такие высказывания опасными.';

export const SPECS: SeedSpec[] = [
  {
    key: 'locust-1',
    source: 'tg-patriot',
    lang: 'ru',
    date: '2025-01-14',
    title: 'Мигранты — саранча',
    text: LOCUST_TEXT,
    cluster: 'locust',
    flag: {
      xenophobic: true,
      severity: 2,
      targets: ['central_asian'],
      sentiment: -0.8,
      evidence: [
        ['саранча', 'dehumanising'],
        ['выгнать', 'exclusion_call'],
      ],
    },
  },
  {
    key: 'locust-2',
    source: 'vlast',
    lang: 'ru',
    date: '2025-01-15',
    title: 'Мигранты — саранча',
    text: `${LOCUST_TEXT} Подписывайтесь на наш канал.`,
    cluster: 'locust',
    flag: {
      xenophobic: true,
      severity: 2,
      targets: ['central_asian'],
      sentiment: -0.8,
      evidence: [
        ['саранча', 'dehumanising'],
        ['выгнать', 'exclusion_call'],
      ],
    },
  },
  {
    key: 'locust-3',
    source: 'tg-silent',
    lang: 'ru',
    date: '2025-01-16',
    title: 'Мигранты — саранча',
    text: `Репост. ${LOCUST_TEXT}`,
    cluster: 'locust',
    flag: {
      xenophobic: true,
      severity: 2,
      targets: ['central_asian'],
      sentiment: -0.8,
      evidence: [
        ['саранча', 'dehumanising'],
        ['выгнать', 'exclusion_call'],
      ],
    },
  },
  {
    key: 'xss',
    source: 'tg-patriot',
    lang: 'ru',
    date: '2025-02-03',
    title: XSS_TITLE,
    text: XSS_TEXT,
    flag: {
      xenophobic: true,
      severity: 2,
      targets: ['central_asian'],
      sentiment: -0.7,
      evidence: [['саранча', 'dehumanising']],
    },
  },
  {
    key: 'quota',
    source: 'vlast',
    lang: 'ru',
    date: '2025-02-10',
    title: 'Правительство утвердило квоту на иностранную рабочую силу',
    text: 'Министерство труда сообщило, что квота на привлечение трудовых мигрантов в 2025 году составит 0,3% от рабочей силы. Депортация нарушителей миграционного режима продолжится.',
    flag: {
      migration_policy: true,
      targets: ['tajik'],
      sentiment: 0,
      evidence: [
        ['квоту', 'policy_quota'],
        ['трудовых мигрантов', 'policy_labour'],
      ],
    },
  },
  {
    key: 'counter',
    source: 'astanatimes',
    lang: 'en',
    date: '2025-03-05',
    title: 'Migrants are not a threat, study finds',
    text: 'A new study shows that labour migrants contribute to the economy of Kazakhstan. Researchers say calling migrants parasites is dehumanising and wrong.',
    flag: {
      counter_speech: true,
      migration_policy: true,
      sentiment: 0.6,
      targets: ['tajik'],
      evidence: [['contribute to the economy', 'counter_fact']],
    },
  },
  {
    key: 'en-hate',
    source: 'astanatimes',
    lang: 'en',
    date: '2025-03-20',
    title: 'Forum post: deport them all',
    text: 'One commenter wrote that migrants are parasites and that the state must deport them all by force. Moderators removed the post.',
    flag: {
      xenophobic: true,
      severity: 3,
      targets: ['central_asian'],
      sentiment: -0.9,
      evidence: [
        ['parasites', 'dehumanising'],
        ['deport them all by force', 'violence_call'],
      ],
    },
  },
  {
    key: 'kk-policy',
    source: 'kazinform',
    lang: 'kk',
    date: '2025-04-02',
    title: 'Көші-қон саясаты: үкімет жаңа квота бекітті',
    text: 'Үкімет шетелдік жұмыс күшін тартуға арналған жаңа квотаны бекітті. Көші-қон заңына өзгерістер енгізілді.',
    flag: {
      migration_policy: true,
      sentiment: 0.1,
      targets: ['tajik'],
      evidence: [
        ['квотаны', 'policy_quota'],
        ['Көші-қон заңына', 'policy_law'],
      ],
    },
  },
  {
    key: 'kk-hate',
    source: 'kazinform',
    lang: 'kk',
    date: '2025-04-18',
    title: 'Мигранттарды елден қуу керек дейді блогер',
    text: 'Блогер мигранттарды елден қуу керек деп жазды. Құқық қорғаушылар бұл сөздерді айыптады.',
    flag: {
      xenophobic: true,
      severity: 3,
      targets: ['central_asian'],
      sentiment: -0.9,
      evidence: [['елден қуу керек', 'exclusion_call']],
    },
  },
  {
    key: 'chinese',
    source: 'tg-patriot',
    lang: 'ru',
    date: '2025-05-07',
    title: 'Китайцы скупают землю?',
    text: 'Канал пишет, что «понаехавшие» китайцы якобы скупают землю. Доказательств автор не приводит.',
    flag: {
      xenophobic: true,
      severity: 1,
      targets: ['chinese'],
      sentiment: -0.5,
      evidence: [['понаехавшие', 'derogatory']],
    },
  },
  {
    key: 'weather',
    source: 'vlast',
    lang: 'ru',
    date: '2025-05-20',
    title: 'Погода в Алматы: жара до +35',
    text: 'Синоптики обещают жаркую неделю без осадков.',
    flag: { sentiment: 0 },
  },
  {
    key: 'football',
    source: 'kazinform',
    lang: 'ru',
    date: '2025-06-01',
    title: 'Футбол: «Кайрат» победил',
    text: 'Матч завершился со счётом 2:1. Болельщики ликовали.',
    flag: null,
  },
  ...Array.from(
    { length: 12 },
    (_, i): SeedSpec => ({
      key: `policy-${i}`,
      source: ['vlast', 'kazinform', 'astanatimes'][i % 3],
      lang: (['ru', 'ru', 'en'] as const)[i % 3],
      date: `2025-0${1 + (i % 6)}-${String(3 + i).padStart(2, '0')}`,
      title: i % 3 === 2 ? `Migration service report no. ${i}` : `Миграционная служба: отчёт №${i}`,
      text:
        i % 3 === 2
          ? `The migration service registered ${100 + i} new work permits this month.`
          : `Миграционная служба зарегистрировала ${100 + i} разрешений на работу для мигрантов.`,
      flag: {
        migration_policy: true,
        sentiment: 0.05 * (i % 4),
        targets: ['tajik'],
        evidence: [[i % 3 === 2 ? 'work permits' : 'разрешений на работу', 'policy_permits']],
      },
    }),
  ),
];

export interface Seeded {
  store: ArticleStore;
  articles: Map<string, Article>;
}

/** Writes sources (with varied health: fresh, stale, failing) and the spec articles into a store. */
export async function seed(store: ArticleStore, now = new Date()): Promise<Map<string, Article>> {
  await store.upsertSources(SOURCES);
  const ago = (hours: number) => new Date(now.getTime() - hours * 3_600_000).toISOString();
  for (const id of ['vlast', 'kazinform', 'astanatimes']) {
    await store.recordHealth({ source_id: id, at: ago(0.5), ok: true, items_found: 40, items_new: 6 });
  }
  await store.recordHealth({ source_id: 'tg-patriot', at: ago(24 * 10), ok: true, items_found: 20, items_new: 2 });
  for (let i = 0; i < 4; i++) {
    await store.recordHealth({
      source_id: 'tg-silent',
      at: ago(3 - i * 0.5),
      ok: false,
      items_found: 0,
      items_new: 0,
      error: 'HTTP 503 from t.me; retrying next schedule',
    });
  }
  const clusters = new Map<string, string>();
  const articles = new Map<string, Article>();
  for (const spec of SPECS) {
    const article = makeArticle(spec, clusters);
    await store.putArticle(article);
    articles.set(spec.key, article);
  }
  await store.refresh();
  return articles;
}

/** A fresh in-memory SQLite store with the seed data. */
export async function seededSqlite(): Promise<Seeded> {
  const store = createSqliteStore({ file: ':memory:' });
  await store.init();
  return { store, articles: await seed(store) };
}

export interface SeededApp extends Seeded {
  app: Hono;
}

/**
 * The seeded store behind the HTTP app for one test file: made before its tests, closed after them.
 *
 * @example
 * const seeded = useSeededApp();
 * it('…', async () => expect((await seeded.app.request('/health')).status).toBe(200));
 */
export function useSeededApp(deps: Omit<AppDeps, 'store'> = {}): SeededApp {
  const ctx = {} as SeededApp;
  beforeAll(async () => {
    Object.assign(ctx, await seededSqlite());
    ctx.app = createApp({ ...deps, store: ctx.store });
  });
  afterAll(() => ctx.store.close());
  return ctx;
}
