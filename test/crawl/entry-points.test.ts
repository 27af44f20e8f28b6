import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlSource } from '../../src/crawl/index.js';
import type { Source } from '../../src/domain.js';
import { type FixtureRoute, type FixtureServer, startFixtureServer } from '../helpers/fixture-server.js';
import { FIXTURE_SITE_ROOT, newsSiteRoutes, telegramRoutes } from '../helpers/fixture-site.js';
import { testSource } from '../helpers/source.js';
import { MemoryState } from './memory-state.js';

const HOMEPAGE =
  '<!DOCTYPE html>\n<html lang="ru"><head><title>Новости</title></head><body><h1>Главная</h1></body></html>';
const EMPTY_FEED =
  '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Все новости</title></channel></rss>';
const EMPTY_SITEMAP =
  '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>';

/** A site whose feeds fail the quiet ways real ones do: HTML for a "Bot", an empty feed, 403 for scripts. */
const routes: Record<string, FixtureRoute> = {
  ...newsSiteRoutes(),
  ...telegramRoutes(),
  '/robots.txt': { body: 'User-agent: *\nDisallow: /private/\n\nUser-agent: PickyBot\nDisallow: /\n' },
  '/homepage-feed': { body: HOMEPAGE },
  '/empty.rss': { body: EMPTY_FEED, headers: { 'content-type': 'application/rss+xml' } },
  '/empty-sitemap.xml': { body: EMPTY_SITEMAP, headers: { 'content-type': 'application/xml' } },
  '/forbidden.rss': { status: 403, body: '<html><body>403 Forbidden</body></html>' },
  '/private/feed.rss': { file: 'rss.xml' },
  '/empty-listing': { body: '<html><body><a href="/about">About</a></body></html>' },
  '/ua-feed': {
    handler: (req, res, server) => {
      const xml = /bot/i.test(req.headers['user-agent'] ?? '')
        ? HOMEPAGE
        : `<?xml version="1.0"?><rss version="2.0"><channel><item><link>${server.url}/news/almaty-market</link><pubDate>Fri, 03 May 2024 09:00:00 GMT</pubDate></item></channel></rss>`;
      res.writeHead(200, { 'content-type': xml === HOMEPAGE ? 'text/html; charset=utf-8' : 'application/rss+xml' });
      res.end(xml);
    },
  },
};

const source = (base: string, overrides: Partial<Source>): Source =>
  testSource('entry-test', { homepage: `${base}/`, ...overrides });

describe('entry points that answer without content are failures', () => {
  let site: FixtureServer;
  beforeAll(async () => {
    site = await startFixtureServer({ root: FIXTURE_SITE_ROOT, routes });
  });
  afterAll(async () => {
    await site.close();
  });

  it('reports HTML served for a feed, an empty feed, an empty sitemap, 403, robots.txt and an empty listing', async () => {
    const state = new MemoryState();
    const report = await crawlSource(
      source(site.url, {
        feeds: [
          `${site.url}/homepage-feed`,
          `${site.url}/empty.rss`,
          `${site.url}/forbidden.rss`,
          `${site.url}/private/feed.rss`,
        ],
        sitemaps: [`${site.url}/empty-sitemap.xml`],
        listings: [`${site.url}/empty-listing`],
      }),
      state.deps(),
    );
    expect(report.ok).toBe(false);
    expect(state.docs).toEqual([]);
    const entry = (path: string) => report.entry_points.find((e) => e.url === `${site.url}${path}`);
    expect(entry('/homepage-feed')).toEqual({
      url: `${site.url}/homepage-feed`,
      kind: 'feed',
      ok: false,
      status: 200,
      content_type: 'text/html; charset=utf-8',
      items: null,
      newest_item_at: null,
      robots: 'allowed',
      error: 'served HTML, not a feed (Content-Type: text/html; charset=utf-8)',
    });
    expect(entry('/empty.rss')).toMatchObject({ ok: false, status: 200, error: 'feed parsed but has no items' });
    expect(entry('/forbidden.rss')).toMatchObject({ ok: false, status: 403, error: 'HTTP 403; skipped' });
    expect(entry('/private/feed.rss')).toMatchObject({
      ok: false,
      status: null,
      robots: 'disallowed',
      error: 'disallowed by robots.txt',
    });
    expect(entry('/empty-sitemap.xml')).toMatchObject({
      kind: 'sitemap',
      ok: false,
      error: 'sitemap parsed but lists no URLs',
    });
    expect(entry('/empty-listing')).toMatchObject({ kind: 'listing', ok: false, status: 200 });
    expect(site.hits('/private/feed.rss')).toBe(0);
    expect(report.errors).toContain(
      `${site.url}/homepage-feed: served HTML, not a feed (Content-Type: text/html; charset=utf-8)`,
    );
    expect(report.errors).toContain(`${site.url}/empty.rss: feed parsed but has no items`);
  });

  it('counts the items of a working entry point and their newest date', async () => {
    const state = new MemoryState();
    const report = await crawlSource(
      source(site.url, {
        feeds: [`${site.url}/rss`, `${site.url}/empty.rss`],
        sitemaps: [`${site.url}/sitemap-index.xml`],
      }),
      state.deps(),
    );
    expect(report.ok).toBe(true);
    const [feed, empty, sitemap] = report.entry_points;
    expect(feed).toMatchObject({
      kind: 'feed',
      ok: true,
      status: 200,
      content_type: 'application/rss+xml; charset=utf-8',
      items: 4,
      newest_item_at: '2024-05-03T11:00:00.000Z',
      error: null,
    });
    expect(empty.ok).toBe(false);
    expect(sitemap).toMatchObject({ kind: 'sitemap', ok: true, items: 2, newest_item_at: '2024-05-03T12:00:00.000Z' });
  });

  it('sends a source’s own user_agent, and robots.txt is read for that name', async () => {
    const bot = new MemoryState();
    const asBot = await crawlSource(source(site.url, { feeds: [`${site.url}/ua-feed`] }), bot.deps());
    expect(asBot.ok).toBe(false);
    expect(asBot.entry_points[0].error).toMatch(/^served HTML, not a feed/);

    const named = new MemoryState();
    const userAgent = 'Kuzet/0.1 (+https://github.com/kuzet/kuzet; media monitoring)';
    const report = await crawlSource(
      source(site.url, { feeds: [`${site.url}/ua-feed`], user_agent: userAgent }),
      named.deps(),
    );
    expect(report.ok).toBe(true);
    expect(named.docs.map((d) => new URL(d.url).pathname)).toEqual(['/news/almaty-market']);
    const sent = site.requests.slice(-3).map((r) => r.headers['user-agent']);
    expect(new Set(sent)).toEqual(new Set([userAgent]));

    const picky = await crawlSource(
      source(site.url, { feeds: [`${site.url}/rss`], user_agent: 'PickyBot/2.0' }),
      new MemoryState().deps(),
    );
    expect(picky.entry_points[0]).toMatchObject({ robots: 'disallowed', ok: false });
  });

  it('in check mode fetches each entry point once and follows nothing', async () => {
    const state = new MemoryState();
    const before = site.requests.length;
    const report = await crawlSource(
      source(site.url, {
        feeds: [`${site.url}/rss`],
        sitemaps: [`${site.url}/sitemap-index.xml`],
        listings: [`${site.url}/listing`],
      }),
      state.deps({}, { checkOnly: true }),
    );
    expect(report.ok).toBe(true);
    expect(report.items_new).toBe(0);
    expect(state.docs).toEqual([]);
    const paths = site.requests.slice(before).map((r) => r.path);
    expect(paths.sort()).toEqual(['/listing', '/robots.txt', '/rss', '/sitemap-index.xml']);
    expect(report.entry_points.map((e) => [e.kind, e.ok, e.items])).toEqual([
      ['feed', true, 4],
      ['sitemap', true, 2],
      ['listing', true, expect.any(Number)],
    ]);

    const channel = new MemoryState();
    const tg = await crawlSource(
      { ...source(site.url, {}), id: 'tg', kind: 'telegram', channel: 'kuzetnews' },
      channel.deps({ telegramBaseUrl: site.url }, { checkOnly: true }),
    );
    expect(tg.ok).toBe(true);
    expect(channel.docs).toEqual([]);
    expect(tg.entry_points[0]).toMatchObject({ kind: 'telegram', ok: true, items: expect.any(Number) });
    expect(tg.entry_points[0].newest_item_at).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(site.hits('/s/kuzetnews?before=9')).toBe(0);
  });
});
