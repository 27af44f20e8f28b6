import { load } from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/app.js';
import type { ArticleStore } from '../../src/store/port.js';
import { createSqliteStore } from '../../src/store/sqlite/index.js';
import { localDate } from '../../src/web/i18n.js';
import { expectRejectedParams } from '../helpers/api.js';
import { makeArticle } from '../helpers/seed.js';

let store: ArticleStore;
let app: ReturnType<typeof createApp>;
const BASE = 'http://kuzet.test';
const day = (n: number) => new Date(Date.UTC(2025, 3, 1 + n)).toISOString().slice(0, 10);

/** 20 quiet days (one flagged post about Tajiks, two unflagged ones about Uzbeks), then a day of 9 flagged posts about Tajiks. */
beforeAll(async () => {
  store = createSqliteStore({ file: ':memory:' });
  await store.init();
  const clusters = new Map<string, string>();
  const post = (key: string, n: number, target: string, xenophobic: boolean) =>
    store.putArticle(
      makeArticle(
        {
          key,
          source: 'tg-patriot',
          lang: 'ru',
          date: day(n),
          title: '',
          text: `Пост ${key} про ${target}: ${xenophobic ? 'гнать их' : 'соседи'} (${n}).`,
          flag: { xenophobic, severity: xenophobic ? 3 : 0, targets: [target] },
        },
        clusters,
      ),
    );
  for (let n = 0; n < 20; n++) {
    await post(`q-${n}`, n, 'tajik', true);
    await post(`u-${n}-a`, n, 'uzbek', false);
    await post(`u-${n}-b`, n, 'uzbek', false);
  }
  for (let k = 0; k < 9; k++) await post(`spike-${k}`, 20, 'tajik', true);
  app = createApp({ store, publicUrl: BASE });
});
afterAll(() => store.close());

const get = (path: string, headers: Record<string, string> = {}) => app.request(`${BASE}${path}`, { headers });
/** Reports up to the spike day (the default range ends today). */
const TO = `to=${day(20)}`;

describe('GET /api/spikes', () => {
  it('finds the day flagged coverage of one target group jumped, with its baseline', async () => {
    const res = await get(`/api/spikes?split=target&${TO}`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ interval: 'day', split: 'target', window: 14, min_flagged: 5, z: 3 });
    expect([body.from, body.to]).toEqual([new Date(Date.UTC(2025, 3, 21 - 59)).toISOString().slice(0, 10), day(20)]);
    expect(body.spikes).toEqual([{ bucket: day(20), series: 'tajik', flagged: 9, count: 9, baseline: 1, score: 8 }]);
  });

  it('sees the same day in all coverage and nothing when the bar is higher', async () => {
    const all = await (await get(`/api/spikes?${TO}`)).json();
    expect(all.spikes.map((s: { bucket: string; series: string }) => [s.bucket, s.series])).toEqual([[day(20), 'all']]);
    const none = await (await get(`/api/spikes?split=target&min_flagged=11&${TO}`)).json();
    expect(none.spikes).toEqual([]);
    const filtered = await (await get(`/api/spikes?split=target&target=uzbek&${TO}`)).json();
    expect(filtered.spikes).toEqual([]);
    const before = await (await get(`/api/spikes?to=${day(19)}`)).json();
    expect(before.spikes).toEqual([]);
  });

  it('serves spikes as an Atom feed whose entries link to the flagged articles of that day and group', async () => {
    const res = await get(`/api/spikes?split=target&format=atom&lang=ru&${TO}`);
    expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const $ = load(await res.text(), { xml: true });
    expect($('feed > title').text()).toBe('Kuzet spikes: Language: Russian, by target group');
    const entry = $('entry');
    expect(entry).toHaveLength(1);
    expect(entry.find('id').text()).toMatch(new RegExp(`^urn:kuzet:spike:[0-9a-f]{12}:tajik:${day(20)}$`));
    expect(entry.find('title').text()).toBe(
      `9 flagged in Target group: Tajiks on ${localDate(day(20), 'en')} (usually 1)`,
    );
    const link = new URL(entry.find('link').attr('href') as string);
    expect(Object.fromEntries(link.searchParams)).toEqual({
      lang: 'ru',
      from: day(20),
      to: day(20),
      target: 'tajik',
      min_severity: '1',
    });
    const flagged = await (await get(`/api/search?${link.searchParams}&collapse=false&size=100`)).json();
    expect(flagged.total).toBe(9);
    const etag = res.headers.get('etag') as string;
    const again = await get(`/api/spikes?split=target&format=atom&lang=ru&${TO}`, { 'if-none-match': `W/${etag}` });
    expect(again.status).toBe(304);
  });

  it('speaks Russian in a Russian feed: filters, groups and dates in words, no key codes', async () => {
    const $ = load(await (await get(`/api/spikes?split=target&format=atom&lang=ru&ui=ru&${TO}`)).text(), {
      xml: true,
    });
    expect($('feed > title').text()).toBe('Kuzet: всплески: Язык: русский, по группам');
    const entry = $('entry');
    const words = `${entry.find('title').text()} ${entry.find('summary').text()}`;
    expect(words).toContain(localDate(day(20), 'ru'));
    expect(words).not.toMatch(/[A-Za-z]/);
    expect(new URL(entry.find('link').attr('href') as string).searchParams.get('ui')).toBe('ru');
  });

  it('reads the history before from, so a subscription from any day still sees the spike', async () => {
    const late = await (await get(`/api/spikes?split=target&from=${day(18)}&${TO}`)).json();
    expect(late.spikes.map((s: { bucket: string }) => s.bucket)).toEqual([day(20)]);
    const capped = await (await get(`/api/spikes?split=target&min_flagged=1&z=1&size=1&${TO}`)).json();
    expect(capped.spikes).toHaveLength(1);
  });

  it('links to the configured public URL, not to the Host header', async () => {
    const proxied = createApp({ store, publicUrl: 'https://kuzet.example.org' });
    const res = await proxied.request(`http://10.0.0.5:8080/api/spikes?format=atom&${TO}`, {
      headers: { host: 'evil.example' },
    });
    const $ = load(await res.text(), { xml: true });
    expect($('feed > link[rel="self"]').attr('href')).toBe(`https://kuzet.example.org/api/spikes?format=atom&${TO}`);
    expect($('entry > link').attr('href')).toMatch(/^https:\/\/kuzet\.example\.org\/\?/);
  });

  it('serves RSS too', async () => {
    const $ = load(await (await get('/api/spikes?format=rss&interval=week&window=3&min_flagged=1&z=1')).text(), {
      xml: true,
    });
    expect($('rss > channel > title').text()).toBe('Kuzet spikes: all coverage');
    for (const item of $('item').toArray())
      expect($(item).find('guid').text()).toMatch(/^urn:kuzet:spike:week:all:all:/);
  });

  it('rejects bad parameters with 400 naming the parameter', async () => {
    await expectRejectedParams(get, '/api/spikes', [
      ['interval=month', 'interval'],
      ['window=2', 'window'],
      ['min_flagged=0', 'min_flagged'],
      ['z=abc', 'z'],
      ['split=author', 'split'],
      ['format=csv', 'format'],
      ['size=0', 'size'],
      ['from=2024-01-01&to=2025-04-21', 'from'],
      ['interval=week&from=2010-01-01&to=2025-04-21', 'from'],
      ['from=2025-05-01&to=2025-04-21', 'from'],
      ['cursor=x', 'cursor'],
    ]);
  });
});
