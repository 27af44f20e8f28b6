import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/app.js';
import type { Article } from '../../src/domain.js';
import type { ArticleStore } from '../../src/store/port.js';
import { seededSqlite } from '../helpers/seed.js';

let store: ArticleStore;
let articles: Map<string, Article>;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  ({ store, articles } = await seededSqlite());
  app = createApp({ store, version: 'test' });
});
afterAll(() => store.close());

async function search(qs: string) {
  const res = await app.request(`/api/search?${qs}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json();
}

describe('GET /health', () => {
  it('reports store, count and version', async () => {
    const res = await app.request('/health');
    expect(await res.json()).toEqual({
      status: 'ok',
      store: 'sqlite',
      articles: articles.size,
      version: 'test',
      dependencies: { store: { ok: true, ms: expect.any(Number) } },
    });
  });

  it('answers 503 within a second, naming the dependency that does not answer', async () => {
    const hanging = () => new Promise(() => {});
    const down = createApp({
      store: { ...store, count: () => new Promise<number>(() => {}) },
      version: 'test',
      dependencies: { redis: hanging, other: async () => 'up' },
    });
    const started = Date.now();
    const res = await down.request('/health');
    expect(Date.now() - started).toBeLessThan(1000);
    expect(res.status).toBe(503);
    const body = await res.json();
    expect(body).toMatchObject({ status: 'unavailable', articles: null });
    expect(body.dependencies.store).toMatchObject({ ok: false, error: expect.stringMatching(/no answer/) });
    expect(body.dependencies.redis.ok).toBe(false);
    expect(body.dependencies.other.ok).toBe(true);
  });
});

describe('GET /api/search', () => {
  it('finds a term and marks query matches and evidence in escaped highlights', async () => {
    const body = await search('q=саранча&collapse=false');
    const ids = body.items.map((i: { id: string }) => i.id);
    expect(ids).toContain(articles.get('locust-1')?.id);
    expect(ids).toContain(articles.get('xss')?.id);
    const xss = body.items.find((i: { id: string }) => i.id === articles.get('xss')?.id);
    expect(xss.highlights.title).toContain('&lt;script&gt;');
    expect(xss.highlights.title).not.toContain('<script');
    expect(xss.highlights.snippet).toContain('&lt;img src=x onerror=');
    expect(xss.highlights.snippet).toMatch(/<mark class="(ev" data-category="dehumanising|q)">саранча<\/mark>/);
    expect(xss.title).toBe(articles.get('xss')?.title);
  });

  it('explains why an item was flagged in plain text', async () => {
    const body = await search('q=выгнать&label=xenophobic');
    const [item] = body.items;
    expect(item.why).toBe(
      'Flagged xenophobic (severity 2: dehumanising or collective blame): «саранча» (dehumanising), «выгнать» (exclusion call)',
    );
    expect(item).toMatchObject({
      labels: ['xenophobic'],
      severity: 2,
      targets: ['central_asian'],
      classifier_version: 'lexicon-test-1',
    });
  });

  it('collapses near-duplicate clusters by default', async () => {
    const collapsed = await search('q=саранча выгнать');
    const all = await search('q=саранча выгнать&collapse=false');
    expect(collapsed.total).toBe(1);
    expect(all.total).toBe(3);
    expect(new Set(all.items.map((i: { cluster_id: string }) => i.cluster_id)).size).toBe(1);
  });

  it('supports phrases, OR, NOT, -term and prefixes', async () => {
    expect((await search('q="трудовых мигрантов"')).items.map((i: { id: string }) => i.id)).toEqual([
      articles.get('quota')?.id,
    ]);
    const or = await search('q=parasites OR понаехавшие');
    expect(or.items.map((i: { id: string }) => i.id).sort()).toEqual(
      [articles.get('counter')?.id, articles.get('en-hate')?.id, articles.get('chinese')?.id].sort(),
    );
    const not = await search('q=parasites -deport');
    expect(not.items.map((i: { id: string }) => i.id)).toEqual([articles.get('counter')?.id]);
    const prefix = await search('q=понаех*');
    expect(prefix.items.map((i: { id: string }) => i.id)).toEqual([articles.get('chinese')?.id]);
  });

  it('filters by label (repeatable and comma list), severity, source, lang, dates', async () => {
    const xeno = await search('label=xenophobic&size=100');
    expect(xeno.items.every((i: { labels: string[] }) => i.labels.includes('xenophobic'))).toBe(true);
    const two = await search('label=xenophobic,counter_speech&size=100');
    const twoRepeat = await search('label=xenophobic&label=counter_speech&size=100');
    expect(two.total).toBe(twoRepeat.total);
    expect(two.total).toBeGreaterThan(xeno.total);
    const severe = await search('min_severity=3&size=100');
    expect(severe.items.map((i: { severity: number }) => i.severity)).toEqual(severe.items.map(() => 3));
    const kk = await search('lang=kk');
    expect(kk.items.every((i: { lang: string }) => i.lang === 'kk')).toBe(true);
    expect(kk.total).toBe(2);
    const march = await search('from=2025-03-01&to=2025-03-31&size=100');
    expect(march.items.every((i: { published_at: string }) => i.published_at.startsWith('2025-03'))).toBe(true);
    const source = await search('source=astanatimes&size=100');
    expect(source.items.every((i: { source_id: string }) => i.source_id === 'astanatimes')).toBe(true);
    const target = await search('target=chinese');
    expect(target.items.map((i: { id: string }) => i.id)).toEqual([articles.get('chinese')?.id]);
  });

  it('pages with next_cursor without repeats', async () => {
    const seen: string[] = [];
    let cursor = '';
    for (let page = 0; page < 10; page++) {
      const body = await search(`size=5&sort=date${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      seen.push(...body.items.map((i: { id: string }) => i.id));
      if (!body.next_cursor) break;
      cursor = body.next_cursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe((await search('size=1')).total);
  });

  it('returns facets unless facets=false', async () => {
    const body = await search('size=1');
    expect(body.facets.label.find((b: { key: string }) => b.key === 'xenophobic').count).toBeGreaterThan(0);
    expect(body.facets.source.length).toBeGreaterThan(1);
    expect((await search('size=1&facets=false')).facets).toBeUndefined();
  });
});
