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
    expect(html).toMatch(/href="\/api\/feed\?label=xenophobic&amp;collapse=false&amp;format=atom"/);
    expect(html).toMatch(/href="\/api\/feed\?label=xenophobic&amp;collapse=false&amp;format=rss"/);
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

  it('trends page renders SVG charts and a CSV link for the same selection', async () => {
    const { status, html } = await page('/trends?label=xenophobic&interval=month');
    expect(status).toBe(200);
    expect(html).toMatch(/<svg class="chart"/);
    expect(html).toMatch(/<path class="line s0" d="M/);
    expect(html).toContain('href="/api/timeseries?label=xenophobic&amp;interval=month&amp;format=csv"');
    expect(html).toContain('href="/api/spikes?label=xenophobic&amp;format=atom"');
    const daily = await page('/trends?label=xenophobic&interval=day&split=target');
    expect(daily.html).toContain(
      'href="/api/spikes?label=xenophobic&amp;split=target&amp;format=rss&amp;interval=day"',
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

  it('serves the stylesheet and no scripts', async () => {
    const css = await seeded.app.request('/static/app.css');
    expect(css.headers.get('content-type')).toMatch(/text\/css/);
    for (const path of ['/', '/trends', '/sources']) expect((await page(path)).html).not.toMatch(/<script/i);
  });
});
