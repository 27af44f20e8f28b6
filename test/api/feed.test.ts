import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { xmlText } from '../../src/alerts/feed.js';
import { createApp } from '../../src/api/app.js';
import type { Article } from '../../src/domain.js';
import { expectRejectedParams } from '../helpers/api.js';
import { makeArticle, seededSqlite, useSeededApp } from '../helpers/seed.js';

const BASE = 'http://kuzet.test';
const seeded = useSeededApp({ publicUrl: BASE });
const get = (path: string, headers: Record<string, string> = {}) => seeded.app.request(`${BASE}${path}`, { headers });
const xml = async (res: Response) => load(await res.text(), { xml: true });

describe('GET /api/feed', () => {
  it('serves a saved search as Atom, newest first, with labels, targets and why each was flagged', async () => {
    const res = await get('/api/feed?label=xenophobic&collapse=false');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const $ = await xml(res);
    expect($('feed > title').text()).toBe('Kuzet: Labels: xenophobic');
    expect($('feed > link[rel="self"]').attr('href')).toBe(`${BASE}/api/feed?label=xenophobic&collapse=false`);
    expect($('feed > link[rel="alternate"]').attr('href')).toBe(`${BASE}/?label=xenophobic&collapse=false`);
    const entries = $('entry').toArray();
    const flagged = [...seeded.articles.values()].filter((a) => a.classification?.xenophobic);
    expect(entries).toHaveLength(flagged.length);
    const updated = entries.map((e) => $(e).find('updated').text());
    expect(updated).toEqual([...updated].sort().reverse());
    expect($('feed > updated').text()).toBe(updated[0]);
    const locust = seeded.articles.get('locust-2') as Article;
    const entry = $(entries.find((e) => $(e).find('id').text() === `urn:kuzet:article:${locust.id}`));
    expect(entry.find('link[rel="alternate"]').attr('href')).toBe(locust.url);
    expect(entry.find('link[rel="related"]').attr('href')).toBe(`${BASE}/articles/${locust.id}`);
    expect(entry.find('published').text()).toBe(locust.published_at);
    expect(entry.find('author > name').text()).toBe('vlast');
    expect(
      entry
        .find('category')
        .map((_, c) => $(c).attr('term'))
        .get(),
    ).toEqual(['xenophobic', 'target:central_asian']);
    const summary = entry.find('summary').text();
    expect(summary).toContain('xenophobic (severity 2');
    expect(summary).toContain('«саранча»');
    expect(summary).toContain('Подписывайтесь на наш канал.');
  });

  it('keeps one article per near-duplicate cluster by default and honours size', async () => {
    const collapsed = await xml(await get('/api/feed?q=саранча'));
    const ids = collapsed('entry > id')
      .map((_, e) => collapsed(e).text())
      .get();
    const locustIds = ['locust-1', 'locust-2', 'locust-3'].map(
      (k) => `urn:kuzet:article:${seeded.articles.get(k)?.id}`,
    );
    expect(ids.filter((id) => locustIds.includes(id))).toHaveLength(1);
    const one = await xml(await get('/api/feed?size=1'));
    expect(one('entry')).toHaveLength(1);
  });

  it('serves RSS 2.0 with the same items', async () => {
    const res = await get('/api/feed?format=rss&label=migration_policy');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
    const $ = await xml(res);
    expect($('rss').attr('version')).toBe('2.0');
    const items = $('item').toArray();
    const policy = [...seeded.articles.values()].filter((a) => a.classification?.migration_policy);
    expect(items).toHaveLength(policy.length);
    for (const item of items) {
      expect(Number.isNaN(Date.parse($(item).find('pubDate').text()))).toBe(false);
      expect($(item).find('guid').attr('isPermaLink')).toBe('false');
      expect($(item).find('category').first().text()).toBe('migration_policy');
    }
  });

  it('escapes crawled markup: titles and text stay text', async () => {
    const res = await get('/api/feed?source=tg-patriot&collapse=false');
    const body = await res.text();
    expect(body).not.toContain('<script>');
    expect(body).not.toContain('<img');
    const $ = load(body, { xml: true });
    const xss = seeded.articles.get('xss') as Article;
    const entry = $('entry').filter((_, e) => $(e).find('id').text() === `urn:kuzet:article:${xss.id}`);
    expect(entry.find('title').text()).toBe(xss.title);
    expect(entry.find('summary').text()).toContain('"кавычки" & амперсанды');
  });

  it('escapes crawled markup twice in RSS, whose readers render titles and descriptions as HTML', async () => {
    const $ = load(await (await get('/api/feed?format=rss&source=tg-patriot&collapse=false')).text(), { xml: true });
    const xss = seeded.articles.get('xss') as Article;
    const item = $('item').filter((_, e) => $(e).find('guid').text() === `urn:kuzet:article:${xss.id}`);
    expect(item.find('title').text()).toBe(
      '&lt;script&gt;window.__xss=1&lt;/script&gt;Мигранты на рынке &lt;b&gt;труда&lt;/b&gt;',
    );
    const description = item.find('description').text();
    expect(description).not.toMatch(/<(img|svg|a)\b/);
    expect(description).toContain('&lt;img src=x onerror=&quot;window.__xss=2&quot;&gt;');
    expect(description).toMatch(/^Flagged xenophobic \(severity 2[^<]*<br><br>/);
    expect(item.find('dc\\:creator').text()).toBe('tg-patriot');
  });

  it('answers 304 to a matching If-None-Match and a new ETag when the search changes', async () => {
    const first = await get('/api/feed?label=xenophobic');
    const etag = first.headers.get('etag') as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await get('/api/feed?label=xenophobic', { 'if-none-match': `"other", ${etag}` });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const other = await get('/api/feed?label=migration_policy', { 'if-none-match': etag });
    expect(other.status).toBe(200);
    expect(other.headers.get('etag')).not.toBe(etag);
    expect((await get('/api/feed?label=xenophobic', { 'if-none-match': `W/${etag}` })).status).toBe(304);
    expect((await get('/api/feed?label=xenophobic', { 'if-none-match': '*' })).status).toBe(304);
  });

  it('keeps the ETag of an empty feed from one poll to the next', async () => {
    const empty = await get('/api/feed?q=несуществующееслово');
    const $ = load(await empty.text(), { xml: true });
    expect($('entry')).toHaveLength(0);
    expect($('feed > author > name').text()).toBe('Kuzet');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const again = await get('/api/feed?q=несуществующееслово', {
      'if-none-match': empty.headers.get('etag') as string,
    });
    expect(again.status).toBe(304);
  });

  it('rejects bad parameters with 400 naming the parameter', async () => {
    await expectRejectedParams(get, '/api/feed', [
      ['format=json', 'format'],
      ['size=0', 'size'],
      ['size=101', 'size'],
      ['label=hate', 'label'],
      ['q=(мигрант', 'q'],
      ['from=2025-02-30', 'from'],
      ['cursor=abc', 'cursor'],
    ]);
  });

  it('is listed in the OpenAPI document', async () => {
    const doc = await (await get('/api/openapi.json')).json();
    const names = doc.paths['/api/feed'].get.parameters.map((p: { name: string }) => p.name);
    expect(names).toEqual(expect.arrayContaining(['q', 'label', 'format', 'size', 'collapse']));
  });
});

describe('feed XML safety', () => {
  it('drops characters XML cannot carry and escapes the rest', () => {
    expect(xmlText('a < b & "c" \'d\'\u0007\u0000\uFFFE\uD800 ok 𝄞')).toBe(
      'a &lt; b &amp; &quot;c&quot; &apos;d&apos; ok 𝄞',
    );
  });

  it('keeps a feed well-formed when crawled text holds control characters, and titles untitled posts', async () => {
    const own = await seededSqlite();
    const post = (key: string, date: string, title: string, text: string) =>
      own.store.putArticle(makeArticle({ key, source: 'vlast', lang: 'ru', date, title, text, flag: null }, new Map()));
    await post(
      'control',
      '2029-03-01',
      '  Заголовок\u0008 с\n управляющим символом ',
      'Текст\u0000 с нулевым\u001b байтом.',
    );
    await post('untitled', '2029-04-01', '', 'Короткий\n пост.');
    const body = await (
      await createApp({ store: own.store, publicUrl: BASE }).request(`${BASE}/api/feed?format=rss`)
    ).text();
    await own.store.close();
    expect(body).not.toMatch(/[\u0000-\u0008\u001b]/);
    const $ = load(body, { xml: true });
    const titles = $('item > title')
      .map((_, t) => $(t).text())
      .get();
    expect(titles.slice(0, 2)).toEqual(['Короткий пост.', 'Заголовок с управляющим символом']);
    expect($('item > description').first().text()).toContain('Not classified yet');
  });
});
