import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { crawlSource } from '../../src/crawl/index.js';
import { articleId, telegramPostUrl } from '../../src/dedupe/canonical-url.js';
import { type FixtureServer, startFixtureServer } from '../helpers/fixture-server.js';
import { FIXTURE_CHANNEL, telegramRoutes } from '../helpers/fixture-site.js';
import { MemoryState } from './memory-state.js';

const channel = FIXTURE_CHANNEL;

const routes = telegramRoutes();

describe('crawlSource on a Telegram channel preview', () => {
  let site: FixtureServer;
  beforeEach(async () => {
    site = await startFixtureServer({ root: 'test/fixtures/site', routes });
  });
  afterEach(async () => {
    await site.close();
  });

  it('reads three pages chained by ?before= and emits every post with text', async () => {
    const state = new MemoryState();
    const report = await crawlSource(channel, state.deps({ telegramBaseUrl: site.url, telegramBackfillPages: 5 }));
    expect(report.errors).toEqual([]);
    expect(report.ok).toBe(true);
    expect(site.hits('/s/kuzetnews?before=9')).toBe(1);
    expect(site.hits('/s/kuzetnews?before=5')).toBe(1);
    expect(site.hits('/s/kuzetnews?before=1')).toBe(0);
    const ids = state.docs.map((d) => d.telegram?.post_id).sort((a, b) => (a ?? 0) - (b ?? 0));
    expect(ids).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12]);
    expect(report.items_found).toBe(12);
    const post = (id: number) => state.docs.find((d) => d.telegram?.post_id === id);
    expect(post(9)).toMatchObject({
      kind: 'telegram_post',
      url: telegramPostUrl('kuzetnews', 9),
      canonical_url: 'https://t.me/kuzetnews/9',
      title: 'Сенат одобрил поправки о трудовой миграции.',
      published_at: '2024-05-10T09:15:00.000Z',
      lang: 'ru',
      telegram: {
        channel: 'KuzetNews',
        post_id: 9,
        views: 1200,
        forwarded_from: null,
        links: ['https://fixture.example/news/migrants-law'],
      },
    });
    expect(post(9)?.text).toBe(
      'Сенат одобрил поправки о трудовой миграции.\nПодробности на сайте: fixture.example/news/migrants-law #миграция',
    );
    expect(post(10)?.telegram).toMatchObject({ views: 3_400_000, forwarded_from: 'Минздрав РК' });
    expect(post(12)?.text).toBe('Фоторепортаж: как работает новый центр обслуживания иностранцев в Алматы');
    expect(post(12)?.telegram?.links).toEqual(['https://fixture.example/news/cp1251-header']);
    expect(post(6)?.text).toBe('Ответ на вопрос читателя о регистрации по месту пребывания.');
    expect(post(8)?.telegram?.views).toBeNull();
    expect(post(5)?.lang).toBe('kk');
    expect(post(2)?.lang).toBe('en');
  });

  it('stops backfilling at posts already stored and at telegramBackfillPages', async () => {
    const state = new MemoryState();
    state.ids.add(articleId(telegramPostUrl('kuzetnews', 7)));
    const report = await crawlSource(channel, state.deps({ telegramBaseUrl: site.url, telegramBackfillPages: 5 }));
    expect(site.hits('/s/kuzetnews?before=5')).toBe(0);
    expect(state.docs.map((d) => d.telegram?.post_id).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([
      5, 6, 8, 9, 10, 12,
    ]);
    expect(report.items_new).toBe(6);

    const again = new MemoryState();
    await crawlSource(channel, again.deps({ telegramBaseUrl: site.url, telegramBackfillPages: 0 }));
    expect(again.docs.map((d) => d.telegram?.post_id).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([9, 10, 12]);
    expect(site.hits('/s/kuzetnews?before=9')).toBe(1);
  });

  it('fetches only the first page when nothing new was posted', async () => {
    const state = new MemoryState();
    await crawlSource(channel, state.deps({ telegramBaseUrl: site.url }));
    const before = site.requests.length;
    const report = await crawlSource(channel, state.deps({ telegramBaseUrl: site.url }));
    expect(report).toMatchObject({ ok: true, items_new: 0 });
    expect(
      site.requests
        .slice(before)
        .map((r) => r.path)
        .filter((p) => p !== '/robots.txt'),
    ).toEqual(['/s/kuzetnews']);
  });

  it('reports a channel without posts as a failed source', async () => {
    const state = new MemoryState();
    const report = await crawlSource(
      { ...channel, channel: 'missingchannel' },
      state.deps({ telegramBaseUrl: site.url }),
    );
    expect(report.ok).toBe(false);
    expect(report.errors.join('\n')).toMatch(/missingchannel: HTTP 404/);
  });
});
