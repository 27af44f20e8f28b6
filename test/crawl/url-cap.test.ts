import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bigSitemap } from '../../src/bench/crawl/big-sitemap.js';
import { crawlSource } from '../../src/crawl/index.js';
import { stateKey } from '../../src/crawl/run.js';
import { documentKey } from '../../src/dedupe/canonical-url.js';
import { emptyHealth, nextHealth } from '../../src/store/health.js';
import { type FixtureServer, startFixtureServer } from '../helpers/fixture-server.js';
import { testSource } from '../helpers/source.js';
import { MemoryState } from './memory-state.js';

const article = (n: number) =>
  `<html><head><title>Story ${n}</title></head><body><article><h1>Story ${n}</h1><p>${'Prices at the Almaty bazaar rose again this week, traders said. '.repeat(6)}</p></article></body></html>`;

const feed = (base: string) =>
  `<rss><channel>${Array.from({ length: 30 }, (_, i) => `<item><link>${base}/feed/${i}</link></item>`).join('')}</channel></rss>`;

describe('the per-crawl URL cap', () => {
  let site: FixtureServer;
  beforeAll(async () => {
    const articles = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`/news/${i}`, { body: article(i) }]));
    site = await startFixtureServer({
      routes: {
        ...articles,
        '/sitemap.xml': {
          handler: (_req, res, self) => {
            res.writeHead(200, { 'content-type': 'application/xml', etag: '"v1"' });
            res.end(bigSitemap(self.url, 500));
          },
        },
        '/rss.xml': { handler: (_req, res, self) => void res.end(feed(self.url)) },
      },
    });
  });
  afterAll(async () => {
    await site.close();
  });

  it('stops a sitemap at the cap, keeps its newest URLs, logs why and notes the crawl as capped', async () => {
    const state = new MemoryState();
    const source = testSource('capped', { sitemaps: [`${site.url}/sitemap.xml`], max_items: 3, max_listed_urls: 50 });
    const report = await crawlSource(source, state.deps());
    expect(report.items_found).toBe(50);
    // The sitemap lists its URLs oldest first: the three fetched are the newest.
    expect(site.hits('/news/*')).toBe(3);
    expect(
      site.requests
        .filter((r) => r.path.startsWith('/news/'))
        .map((r) => r.path)
        .sort(),
    ).toEqual(['/news/497', '/news/498', '/news/499']);
    expect(report.capped).toMatch(/sitemap\.xml: URL cap: 500 listed, 50 read \(at most 50 .*max_listed_urls\)/);
    expect(report.entry_points[0]).toMatchObject({ ok: true, items: 500, error: expect.stringMatching(/URL cap/) });
    expect(state.logs).toContainEqual({
      level: 'warn',
      msg: 'URL cap reached',
      fields: expect.objectContaining({ listed: 500, read: 50, cap: 50 }),
    });
    // Its ETag is not kept, so the next crawl reads the sitemap again rather than taking a 304 for "nothing new".
    expect(state.values.has(stateKey(`${site.url}/sitemap.xml`))).toBe(false);
  });

  it('shares one cap among all entry points of a crawl, from the setting when the source has none', async () => {
    const state = new MemoryState();
    for (let i = 0; i < 500; i++) state.ids.add(documentKey(`${site.url}/news/${i}`));
    for (let i = 0; i < 30; i++) state.ids.add(documentKey(`${site.url}/feed/${i}`));
    const source = testSource('shared', { feeds: [`${site.url}/rss.xml`], sitemaps: [`${site.url}/sitemap.xml`] });
    const report = await crawlSource(source, state.deps({ maxListedUrls: 40 }));
    expect(report.items_found).toBe(40);
    expect(report.capped).toMatch(/URL cap: \d+ listed, \d+ read \(at most 40 /);
  });

  it('is kept as the note of a successful crawl in the source health', () => {
    const health = nextHealth(emptyHealth('capped'), {
      source_id: 'capped',
      at: '2026-01-01T00:00:00.000Z',
      ok: true,
      items_found: 50,
      items_new: 3,
      note: 'https://x.kz/sitemap.xml: URL cap: 500 listed, 50 read',
    });
    expect(health).toMatchObject({ last_outcome: 'ok', last_note: expect.stringMatching(/URL cap/) });
  });
});
