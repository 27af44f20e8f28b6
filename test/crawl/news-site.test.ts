import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { crawlSource } from '../../src/crawl/index.js';
import type { Source } from '../../src/domain.js';
import { type FixtureServer, startFixtureServer } from '../helpers/fixture-server.js';
import { FIXTURE_SITE_ARTICLES, FIXTURE_SITE_ROOT, newsSiteRoutes } from '../helpers/fixture-site.js';
import { MemoryState } from './memory-state.js';

const ROOT = FIXTURE_SITE_ROOT;
const ARTICLES = FIXTURE_SITE_ARTICLES;
const siteRoutes = newsSiteRoutes;

function fixtureSource(base: string, overrides: Partial<Source> = {}): Source {
  return {
    id: 'fixture-news',
    name: 'Fixture News',
    kind: 'news',
    homepage: `${base}/`,
    feeds: [`${base}/rss`, `${base}/atom.xml`, `${base}/rdf.xml`],
    sitemaps: [`${base}/sitemap-index.xml`],
    listings: [`${base}/listing`],
    languages: ['ru', 'kk'],
    country: 'KZ',
    schedule: '30m',
    max_items: 100,
    enabled: true,
    ...overrides,
  };
}

describe('crawlSource on a news site', () => {
  let site: FixtureServer;
  beforeEach(async () => {
    site = await startFixtureServer({ root: ROOT, routes: siteRoutes() });
  });
  afterEach(async () => {
    await site.close();
  });

  it('emits every article once, with fields from the page, feeds and sitemaps', async () => {
    const state = new MemoryState();
    const report = await crawlSource(fixtureSource(site.url), state.deps());
    expect(report.errors).toEqual([]);
    expect(report.ok).toBe(true);
    const paths = state.docs.map((d) => new URL(d.url).pathname).sort();
    expect(paths).toEqual([...ARTICLES].sort());
    expect(report.items_new).toBe(8);
    expect(report.items_found).toBe(9);
    for (const path of ARTICLES) expect(site.hits(path)).toBe(1);
    const byPath = Object.fromEntries(state.docs.map((d) => [new URL(d.url).pathname, d]));
    expect(byPath['/news/migrants-law']).toMatchObject({
      source_id: 'fixture-news',
      kind: 'article',
      title: 'Сенат одобрил поправки о трудовой миграции',
      author: 'Айгерим Садыкова',
      published_at: '2024-05-01T04:00:00.000Z',
      lang: 'ru',
    });
    expect(byPath['/news/kk-koshi-qon'].lang).toBe('kk');
    expect(byPath['/en/labour-migration-report']).toMatchObject({ lang: 'en', author: 'Daniel Brooks' });
    expect(byPath['/news/cp1251-header'].title).toBe('Акимат открыл центр обслуживания иностранцев');
    expect(byPath['/news/cp1251-header'].text).toContain('консультацию юриста');
    expect(byPath['/news/cp1251-meta'].text).toContain('миграционной полиции');
    expect(byPath['/news/astana-workers'].published_at).toBe('2024-05-03T08:20:00.000Z');
    for (const doc of state.docs) {
      expect(doc.text.length).toBeGreaterThan(100);
      expect(doc.canonical_url).toMatch(/^https?:\/\//);
      expect(Date.parse(doc.fetched_at)).not.toBeNaN();
    }
  });

  it('honours robots.txt and sends the honest User-Agent on every request', async () => {
    const state = new MemoryState();
    await crawlSource(fixtureSource(site.url), state.deps());
    expect(site.hits('/private/secret-article')).toBe(0);
    expect(site.hits('/robots.txt')).toBe(1);
    for (const request of site.requests)
      expect(request.headers['user-agent']).toMatch(/^KuzetBot\/0\.1 \(\+https:\/\/github\.com\/kuzet\/kuzet/);
  });

  // Requests leave PACING_MS apart; the server sees them arrive with jitter on a loaded machine (a request that
  // arrives late shortens the next gap by as much), so the mean gap is checked against the pacing and each single
  // gap only against a floor that unpaced requests (a few ms apart) never reach.
  const PACING_MS = 200;
  const expectPaced = (times: number[]) => {
    const gaps = times.slice(1).map((t, i) => t - times[i]);
    expect((times[times.length - 1] - times[0]) / gaps.length).toBeGreaterThanOrEqual(PACING_MS * 0.75);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(PACING_MS / 4);
  };

  it('spaces requests to one host by perHostDelayMs, even with several in flight', async () => {
    const state = new MemoryState();
    await crawlSource(
      fixtureSource(site.url, { feeds: [`${site.url}/rss`], sitemaps: [], listings: [] }),
      state.deps({ perHostDelayMs: PACING_MS, maxConcurrencyPerHost: 3 }),
    );
    const pages = site.requests.filter((r) => r.path !== '/robots.txt').map((r) => r.at);
    expect(pages.length).toBe(4);
    expectPaced(pages);
  });

  it('spaces requests to one host across concurrent crawls of different sources', async () => {
    const feedOnly = (id: string, feed: string) =>
      fixtureSource(site.url, { id, feeds: [`${site.url}${feed}`], sitemaps: [], listings: [] });
    await Promise.all([
      crawlSource(feedOnly('one', '/rss'), new MemoryState().deps({ perHostDelayMs: PACING_MS })),
      crawlSource(feedOnly('two', '/atom.xml'), new MemoryState().deps({ perHostDelayMs: PACING_MS })),
    ]);
    const times = site.requests
      .filter((r) => r.path !== '/robots.txt')
      .map((r) => r.at)
      .sort((a, b) => a - b);
    expect(times.length).toBeGreaterThan(4);
    expectPaced(times);
  });

  it('fetches no article twice on a second run, and feeds and sitemaps answer 304', async () => {
    const state = new MemoryState();
    await crawlSource(fixtureSource(site.url), state.deps());
    expect([...state.values.keys()].sort()).toEqual(
      ['/atom.xml', '/rdf.xml', '/rss', '/sitemap-index.xml', '/sitemap-news.xml', '/sitemap-pages.xml']
        .map((p) => `http:${site.url}${p}`)
        .sort(),
    );
    const before = site.requests.length;
    const report = await crawlSource(fixtureSource(site.url), state.deps());
    const second = site.requests.slice(before);
    expect(report.ok).toBe(true);
    expect(report.items_new).toBe(0);
    expect(state.docs).toHaveLength(8);
    for (const path of ARTICLES) expect(site.hits(path)).toBe(1);
    expect(second.find((r) => r.path === '/rss')?.headers['if-none-match']).toMatch(/^"/);
    expect(second.find((r) => r.path === '/rdf.xml')?.headers['if-modified-since']).toBe(
      'Fri, 03 May 2024 07:00:00 GMT',
    );
    expect(second.some((r) => r.path === '/sitemap-pages.xml')).toBe(false);
  });

  it('emits each article exactly once overall when a crawl is aborted midway and run again', async () => {
    const state = new MemoryState();
    const controller = new AbortController();
    const first = await crawlSource(
      fixtureSource(site.url),
      state.deps(
        { maxConcurrencyPerHost: 1 },
        {
          signal: controller.signal,
          emit: async (doc) => {
            await state.emit(doc);
            if (state.docs.length === 3) controller.abort();
          },
        },
      ),
    );
    expect(first.items_new).toBe(3);
    expect(state.values.size).toBeLessThan(6);
    await crawlSource(fixtureSource(site.url), state.deps());
    const urls = state.docs.map((d) => new URL(d.url).pathname);
    expect(urls.sort()).toEqual([...ARTICLES].sort());
  });

  it('keeps going when emit fails for some documents, and picks them up next run', async () => {
    const state = new MemoryState();
    const report = await crawlSource(
      fixtureSource(site.url),
      state.deps(
        { maxRetries: 0 },
        {
          emit: async (doc) => {
            if (doc.url.includes('almaty-market')) throw new Error('store unavailable');
            await state.emit(doc);
          },
        },
      ),
    );
    expect(report.ok).toBe(true);
    expect(report.items_new).toBe(7);
    expect(report.errors.join('\n')).toMatch(/almaty-market.*store unavailable/);
    const feedKey = `http:${site.url}/rdf.xml`;
    expect(state.values.has(feedKey)).toBe(false);
    await crawlSource(fixtureSource(site.url), state.deps());
    expect(state.docs.map((d) => new URL(d.url).pathname).sort()).toEqual([...ARTICLES].sort());
  });

  it('follows only links matching article_url_pattern and stops at max_items', async () => {
    const state = new MemoryState();
    const report = await crawlSource(
      fixtureSource(site.url, {
        feeds: [`${site.url}/rss`],
        sitemaps: [],
        listings: [],
        article_url_pattern: '/news/',
        max_items: 1,
      }),
      state.deps(),
    );
    expect(report.items_new).toBe(1);
    expect(state.values.size).toBe(0);
    const next = await crawlSource(
      fixtureSource(site.url, {
        feeds: [`${site.url}/rss`],
        sitemaps: [],
        listings: [],
        article_url_pattern: '/news/',
        max_items: 5,
      }),
      state.deps(),
    );
    expect(next.items_new).toBe(1);
    expect(state.docs.map((d) => new URL(d.url).pathname).sort()).toEqual(['/news/kk-koshi-qon', '/news/migrants-law']);
    expect(site.hits('/en/labour-migration-report')).toBe(0);
  });
});
