import { articleId } from '../../dedupe/canonical-url.js';
import { contentHash } from '../../dedupe/content-hash.js';
import { minhash } from '../../dedupe/minhash.js';
import {
  type Article,
  type Classification,
  classifiedText,
  type Evidence,
  type Lang,
  type Source,
} from '../../domain.js';
import { random } from './random.js';
import { TARGETS, VOCABULARY, type Vocabulary } from './words.js';
import { rankedVocabulary } from './zipf.js';

export { random } from './random.js';

const SPAN_DAYS = 730;
const END = Date.UTC(2025, 11, 31);

/** Twelve synthetic sources over three languages. */
export function syntheticSources(): Source[] {
  return Array.from({ length: 12 }, (_, i) => ({
    id: `src-${i}`,
    name: `Source ${i}`,
    kind: i % 4 === 3 ? 'telegram' : 'news',
    feeds: [],
    sitemaps: [],
    listings: [],
    languages: [(['ru', 'kk', 'en'] as const)[i % 3]],
    country: i % 5 === 4 ? 'UZ' : 'KZ',
    schedule: '1h',
    max_items: 100,
    enabled: true,
  }));
}

function pick<T>(rnd: () => number, items: readonly T[]): T {
  return items[Math.floor(rnd() * items.length)];
}

function sentence(rnd: () => number, lang: Lang, words: number): string {
  const vocabulary = rankedVocabulary(lang);
  const out = Array.from({ length: words }, () => vocabulary.draw(rnd));
  out[0] = out[0][0].toUpperCase() + out[0].slice(1);
  return `${out.join(' ')}.`;
}

/**
 * The i-th synthetic article: language, source and date from a seeded PRNG; words drawn from a
 * Zipf-distributed vocabulary (zipf.ts); 15% xenophobic,
 * 20% migration policy, 5% counter-speech, with evidence offsets into classifiedText;
 * one in ten repeats an earlier story (same cluster) with a signature line.
 *
 * @example
 * const gen = syntheticArticles(7); const first = gen.next().value;
 */
export function* syntheticArticles(seed = 1): Generator<Article> {
  const rnd = random(seed);
  const sources = syntheticSources();
  const recent: Article[] = [];
  for (let i = 0; ; i++) {
    if (recent.length > 50 && rnd() < 0.1) {
      const original = pick(rnd, recent);
      const url = `https://example.org/${original.source_id}/copy/${i}`;
      const text = `${original.text} Подписывайтесь на канал.`;
      yield {
        ...original,
        id: articleId(url),
        url,
        canonical_url: url,
        source_id: pick(rnd, sources).id,
        text,
        content_hash: contentHash(text),
        minhash: minhash(classifiedText({ title: original.title, text })),
      };
      continue;
    }
    const source = sources[i % sources.length];
    const lang = source.languages[0] as Lang;
    const v = VOCABULARY[lang] as Vocabulary;
    const xenophobic = rnd() < 0.15;
    const policy = rnd() < 0.2;
    const counter = rnd() < 0.05;
    const inserts: Array<[string, string]> = [];
    if (xenophobic) inserts.push(pick(rnd, v.xenophobic), ...(rnd() < 0.4 ? [pick(rnd, v.xenophobic)] : []));
    if (policy) inserts.push(pick(rnd, v.policy));
    if (counter) inserts.push(pick(rnd, v.counter));
    const sentences = Array.from({ length: 4 + Math.floor(rnd() * 8) }, () =>
      sentence(rnd, lang, 6 + Math.floor(rnd() * 10)),
    );
    for (const [phrase] of inserts) {
      const k = Math.floor(rnd() * sentences.length);
      sentences[k] = `${sentences[k].slice(0, -1)} ${phrase}.`;
    }
    const title = sentence(rnd, lang, 4 + Math.floor(rnd() * 5)).slice(0, -1);
    const text = sentences.join(' ');
    const body = `${title}\n\n${text}`;
    const evidence: Evidence[] = inserts.map(([phrase, category], k) => {
      const start = body.indexOf(phrase);
      return { start, end: start + phrase.length, text: phrase, entry: `${category}.${k}`, category };
    });
    const severity = xenophobic ? ((1 + Math.floor(rnd() * 3)) as 1 | 2 | 3) : 0;
    const classification: Classification = {
      xenophobic,
      xenophobia_score: xenophobic ? 0.6 + severity * 0.1 : rnd() * 0.3,
      severity,
      migration_policy: policy,
      migration_policy_score: policy ? 0.8 : rnd() * 0.3,
      counter_speech: counter,
      targets: xenophobic || policy ? [pick(rnd, TARGETS)] : [],
      sentiment:
        Math.round((xenophobic ? -0.4 - rnd() * 0.6 : counter ? 0.3 + rnd() * 0.6 : rnd() * 0.4 - 0.2) * 100) / 100,
      evidence,
      classifier_version: 'synthetic-1',
    };
    const published = new Date(END - Math.floor(rnd() * SPAN_DAYS * 86_400_000)).toISOString();
    const url = `https://example.org/${source.id}/${i}`;
    const id = articleId(url);
    const article: Article = {
      id,
      source_id: source.id,
      kind: source.kind === 'telegram' ? 'telegram_post' : 'article',
      url,
      canonical_url: url,
      title,
      text,
      published_at: published,
      fetched_at: published,
      author: null,
      lang,
      country: source.country,
      content_hash: contentHash(text),
      minhash: minhash(body),
      cluster_id: id,
      telegram: null,
      classification,
    };
    recent.push(article);
    if (recent.length > 500) recent.shift();
    yield article;
  }
}
