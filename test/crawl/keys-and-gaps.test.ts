import { afterEach, describe, expect, it } from 'vitest';
import { crawlSource } from '../../src/crawl/index.js';
import type { Source } from '../../src/domain.js';
import { type FixtureServer, startFixtureServer } from '../helpers/fixture-server.js';
import { FIXTURE_SITE_ROOT, FIXTURE_TELEGRAM_POSTS, telegramRoutes } from '../helpers/fixture-site.js';
import { source } from '../store/fixtures.js';
import { MemoryState } from './memory-state.js';

const page = (title: string, canonical: string) =>
  `<html><head><title>${title}</title><link rel="canonical" href="${canonical}"></head><body><article><h1>${title}</h1>` +
  `<p>${title}: в Алматы обсуждают квоты на привлечение иностранной рабочей силы и правила регистрации мигрантов. ` +
  'Эксперты говорят, что работодателям нужно больше времени, чтобы подать заявки и оформить разрешения.</p></article></body></html>';

function feed(base: string, links: string[]): string {
  const items = links.map((l) => `<item><title>${l}</title><link>${base}${l}</link></item>`).join('');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>${items}</channel></rss>`;
}

const news = (base: string): Source => source('keys', { name: 'Keys', homepage: undefined, feeds: [`${base}/rss`] });

describe('what the crawler keys stored articles on', () => {
  let site: FixtureServer;
  afterEach(() => site.close());

  it('stores every article even when all of them declare the homepage as canonical', async () => {
    const rss = { headers: { 'content-type': 'application/rss+xml' }, handler: undefined };
    site = await startFixtureServer({
      routes: {
        '/rss': { ...rss, body: '' },
        '/a/1': { body: page('Первая новость', '/') },
        '/a/2': { body: page('Вторая новость', '/') },
        '/a/3': { body: page('Третья новость', '/') },
      },
    });
    const routes = await startFixtureServer({
      routes: { '/rss': { headers: rss.headers, body: feed(site.url, ['/a/1', '/a/2', '/a/3']) } },
    });
    try {
      const state = new MemoryState();
      const source = { ...news(site.url), feeds: [`${routes.url}/rss`] };
      const report = await crawlSource(source, state.deps());
      expect(report.items_new).toBe(3);
      expect(state.docs.map((d) => new URL(d.url).pathname).sort()).toEqual(['/a/1', '/a/2', '/a/3']);
    } finally {
      await routes.close();
    }
  });

  it('does not fetch a redirected article again on the next crawl', async () => {
    site = await startFixtureServer({
      routes: {
        '/old/1': {
          handler: (_req, res) => {
            res.writeHead(301, { location: '/new/1' });
            res.end();
          },
        },
        '/new/1': { body: page('Перенесённая новость', '/new/1') },
      },
    });
    const feedServer = await startFixtureServer({
      routes: { '/rss': { headers: { 'content-type': 'application/rss+xml' }, body: feed(site.url, ['/old/1']) } },
    });
    try {
      const state = new MemoryState();
      const source = { ...news(site.url), feeds: [`${feedServer.url}/rss`] };
      expect((await crawlSource(source, state.deps())).items_new).toBe(1);
      expect(state.docs[0].canonical_url).toBe(`${site.url}/new/1`);
      const second = await crawlSource(source, state.deps());
      expect(second.items_new).toBe(0);
      expect(site.hits('/new/1')).toBe(1);
      expect(site.hits('/old/1')).toBe(1);
    } finally {
      await feedServer.close();
    }
  });
});

describe('Telegram history gaps', () => {
  let site: FixtureServer;
  afterEach(() => site.close());

  const channel: Source = {
    id: 'kuzetnews-tg',
    name: 'Kuzet News',
    kind: 'telegram',
    channel: 'kuzetnews',
    feeds: [],
    sitemaps: [],
    listings: [],
    languages: ['ru'],
    country: 'KZ',
    schedule: '30m',
    max_items: 100,
    enabled: true,
  };

  const postIds = (state: MemoryState) =>
    state.docs.map((d) => d.telegram?.post_id).sort((a, b) => (a ?? 0) - (b ?? 0));

  it('resumes paging back below the newest posts when an earlier crawl stopped early', async () => {
    site = await startFixtureServer({ root: FIXTURE_SITE_ROOT, routes: telegramRoutes() });
    const state = new MemoryState();
    await crawlSource(channel, state.deps({ telegramBaseUrl: site.url, telegramBackfillPages: 0 }));
    expect(postIds(state)).toEqual([9, 10, 12]);
    await crawlSource(channel, state.deps({ telegramBaseUrl: site.url, telegramBackfillPages: 1 }));
    expect(postIds(state)).toEqual([5, 6, 7, 8, 9, 10, 12]);
    await crawlSource(channel, state.deps({ telegramBaseUrl: site.url, telegramBackfillPages: 5 }));
    expect(postIds(state)).toEqual(FIXTURE_TELEGRAM_POSTS);
    const pagesBefore = site.hits('/s/kuzetnews');
    await crawlSource(channel, state.deps({ telegramBaseUrl: site.url, telegramBackfillPages: 5 }));
    expect(site.hits('/s/kuzetnews') - pagesBefore).toBe(1);
    expect(await state.getState('telegram-gaps:kuzetnews')).toBe('[]');
  });

  it('resumes below the last post taken when max_items cut a page short', async () => {
    // Telegram answers ?before=10 with posts 9 and older; post 9 is stored by then, so the older page stands in.
    const routes = { ...telegramRoutes(), '/s/kuzetnews?before=10': { file: 'tg/kuzetnews-before-9.html' } };
    site = await startFixtureServer({ root: FIXTURE_SITE_ROOT, routes });
    const state = new MemoryState();
    await crawlSource(
      { ...channel, max_items: 2 },
      state.deps({ telegramBaseUrl: site.url, telegramBackfillPages: 5 }),
    );
    expect(postIds(state)).toEqual([10, 12]);
    await crawlSource(channel, state.deps({ telegramBaseUrl: site.url, telegramBackfillPages: 5 }));
    expect(postIds(state)).toEqual(FIXTURE_TELEGRAM_POSTS);
  });
});
