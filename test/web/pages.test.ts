import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/domain.js';
import { uiLang } from '../../src/web/i18n.js';
import { useSeededApp } from '../helpers/seed.js';

const seeded = useSeededApp();

async function page(path: string, headers: Record<string, string> = {}) {
  const res = await seeded.app.request(path, { headers });
  return { status: res.status, type: res.headers.get('content-type') ?? '', html: await res.text() };
}

/** No crawled markup survives as markup: only the escaped forms appear. */
function expectNoPayload(html: string) {
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/<img[^>]*onerror/i);
  expect(html).not.toMatch(/<svg[^>]*onload/i);
  expect(html).not.toMatch(/href="javascript:/i);
}

describe('server-rendered pages', () => {
  it('search page lists results with escaped payloads, evidence marks and why lines', async () => {
    const { status, type, html } = await page('/?label=xenophobic&collapse=false&ui=en');
    expect(status).toBe(200);
    expect(type).toMatch(/text\/html/);
    expectNoPayload(html);
    expect(html).toContain('&lt;script&gt;window.__xss=1&lt;/script&gt;');
    expect(html).toContain('<mark class="ev" data-category="dehumanising">саранча</mark>');
    expect(html).toContain('class="why"');
    expect(html).toMatch(/href="\/api\/export\?label=xenophobic&amp;collapse=false&amp;format=csv"/);
    expect(html).toMatch(/href="\/api\/feed\?label=xenophobic&amp;collapse=false&amp;format=atom&amp;ui=en"/);
    expect(html).toMatch(/href="\/api\/feed\?label=xenophobic&amp;collapse=false&amp;format=rss&amp;ui=en"/);
  });

  it('article page marks evidence and links to the original safely', async () => {
    const a = seeded.articles.get('xss') as Article;
    const { status, html } = await page(`/articles/${a.id}`);
    expect(status).toBe(200);
    expectNoPayload(html);
    expect(html).toContain('&lt;img src=x onerror=&quot;window.__xss=2&quot;&gt;');
    expect(html).toContain('<mark class="ev" data-category="dehumanising">саранча</mark>');
    expect(html).toContain(`href="${a.url}" rel="noopener noreferrer nofollow"`);
    expect(html).toContain('lexicon-test-1');
  });

  it('article page 404s in HTML', async () => {
    const { status, html } = await page('/articles/ffffffffffffffffffffffff');
    expect(status).toBe(404);
    expect(html).toContain('<!doctype html>');
  });

  it('shows a bad query as a message with status 400, echoing it escaped', async () => {
    const { status, html } = await page(`/?q=${encodeURIComponent('"<script>alert(1)</script>')}`);
    expect(status).toBe(400);
    expect(html).toContain('role="alert"');
    expectNoPayload(html);
    expect(html).toContain('value="&quot;&lt;script&gt;alert(1)&lt;/script&gt;"');
  });

  it('trends page holds the chart figures as a table and a CSV link for the same selection', async () => {
    const { status, html } = await page('/trends?label=xenophobic&interval=month');
    expect(status).toBe(200);
    expect(html).toMatch(/<figure id="volume" data-metric="count">/);
    expect(html).toMatch(/<tr data-bucket="2025-01-01" data-series="all" data-count="\d+" data-flagged="\d+"/);
    expect(html).toContain('href="/api/timeseries?label=xenophobic&amp;interval=month&amp;format=csv"');
    expect(html).toContain('href="/api/spikes?label=xenophobic&amp;format=atom&amp;ui=ru"');
    const daily = await page('/trends?label=xenophobic&interval=day&split=target');
    expect(daily.html).toContain(
      'href="/api/spikes?label=xenophobic&amp;split=target&amp;format=rss&amp;interval=day&amp;ui=ru"',
    );
  });

  it('sources page flags stale and failing sources', async () => {
    const { html } = await page('/sources?ui=en');
    expect(html).toMatch(/<tr class="failing" data-source="tg-silent">/);
    expect(html).toMatch(/<tr class="stale" data-source="tg-patriot">/);
    expect(html).toMatch(/<tr class="ok" data-source="vlast">/);
    expect(html).toContain('HTTP 503 from t.me');
  });

  it('speaks Russian by default, English on request or by Accept-Language', async () => {
    expect((await page('/sources')).html).toContain('<html lang="ru">');
    expect((await page('/sources?ui=en')).html).toContain('<html lang="en">');
    expect((await page('/sources', { 'accept-language': 'en-US,en;q=0.9' })).html).toContain('<html lang="en">');
    expect((await page('/sources?ui=ru', { 'accept-language': 'en' })).html).toContain('Состояние источников');
    expect(uiLang(new URL('http://x/'), 'de, kk;q=0.8, en;q=0.5')).toBe('ru');
  });

  it('serves its stylesheet and scripts from its own origin; only the trends page loads scripts, none inline', async () => {
    const css = await seeded.app.request('/static/app.css');
    expect(css.headers.get('content-type')).toMatch(/text\/css/);
    for (const name of ['uplot.js', 'trends.js']) {
      const js = await seeded.app.request(`/static/${name}`);
      expect(js.status, name).toBe(200);
      expect(js.headers.get('content-type')).toMatch(/text\/javascript/);
    }
    expect((await seeded.app.request('/static/nope.js')).status).toBe(404);
    for (const path of ['/', '/sources']) expect((await page(path)).html).not.toMatch(/<script/i);
    const trends = (await page('/trends')).html;
    expect(trends.match(/<script[^>]*>/g)).toEqual([
      '<script defer src="/static/uplot.js">',
      '<script defer src="/static/trends.js">',
    ]);
    expect(trends).not.toMatch(/<script defer src="[^"]+">[^<]/);
  });

  it('remembers the language chosen with ?ui= in a cookie', async () => {
    const res = await seeded.app.request('/sources?ui=en');
    expect(res.headers.get('set-cookie')).toMatch(/^kuzet_ui=en; Max-Age=31536000; Path=\/; HttpOnly; SameSite=Lax/);
    expect((await page('/sources', { cookie: 'kuzet_ui=en', 'accept-language': 'ru' })).html).toContain(
      '<html lang="en">',
    );
  });

  it('shows errors, groups, languages and dates in Russian', async () => {
    const bad = await page('/?ui=ru&from=2025-02-30&q=%22');
    expect(bad.status).toBe(400);
    expect(bad.html).toMatch(/«(С|Запрос)»: /);
    const range = await page('/trends?ui=ru&from=2025-03-01&to=2025-01-01');
    expect(range.html).toContain('«С»: начало периода позже его конца');
    const a = seeded.articles.get('xss') as Article;
    const article = (await page(`/articles/${a.id}?ui=ru&q=x&label=xenophobic`)).html;
    expect(article).toContain('href="/?ui=ru&amp;q=x&amp;label=xenophobic">← К поиску</a>');
    expect(article).toMatch(/<time datetime="[^"]+">\d{1,2} [а-я]+ \d{4} г\., \d{2}:\d{2} UTC<\/time>/);
    expect(article).toContain('<span>русский</span>');
  });
});
