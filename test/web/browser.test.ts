import type { ServerType } from '@hono/node-server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/app.js';
import type { Article } from '../../src/domain.js';
import type { ArticleStore } from '../../src/store/port.js';
import { launchChromium, SHOTS, serveOnLoopback } from '../helpers/chromium.js';
import { seededSqlite } from '../helpers/seed.js';

let store: ArticleStore;
let articles: Map<string, Article>;
let server: ServerType;
let base: string;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ store, articles } = await seededSqlite());
  const app = createApp({ store });
  ({ server, base } = await serveOnLoopback(app));
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'ru-RU' });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await store?.close();
});

const xssFlag = () => page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss);

describe('web UI in Chromium', () => {
  it('searches and shows highlighted evidence with the why line', async () => {
    await page.goto(`${base}/?ui=en`);
    await page.fill('input[name=q]', 'саранча');
    await page.click('button[type=submit]');
    await page.waitForSelector('ol.results li');
    expect(await page.locator('ol.results mark').first().textContent()).toBe('саранча');
    expect(await page.locator('ol.results .why').first().textContent()).toMatch(/^Flagged xenophobic/);
    expect(await xssFlag()).toBeUndefined();
    await page.screenshot({ path: `${SHOTS}/search.png`, fullPage: true });
  });

  it('filters by label', async () => {
    await page.goto(`${base}/?ui=en`);
    await page.check('input[name=label][value=migration_policy]');
    await page.click('button[type=submit]');
    await page.waitForSelector('ol.results li');
    expect(page.url()).toContain('label=migration_policy');
    const rows = await page.locator('ol.results li').count();
    const badges = await page.locator('ol.results li .badge.migration_policy').count();
    expect(rows).toBeGreaterThan(0);
    expect(badges).toBe(rows);
    await page.screenshot({ path: `${SHOTS}/search-label.png`, fullPage: true });
  });

  it('opens an article and shows its evidence marked; payloads stay inert', async () => {
    await page.goto(`${base}/?ui=en&q=${encodeURIComponent('саранча')}&collapse=false`);
    await page.locator('ol.results li h2 a', { hasText: 'script' }).click();
    await page.waitForSelector('article.full');
    expect(page.url()).toContain(`/articles/${articles.get('xss')?.id}`);
    const mark = page.locator('article.full .text mark.ev');
    expect(await mark.first().textContent()).toBe('саранча');
    expect(await mark.first().getAttribute('data-category')).toBe('dehumanising');
    expect(await page.locator('article.full h1').textContent()).toContain('<script>window.__xss=1</script>');
    expect(await page.locator('article.full img, article.full svg, article.full script').count()).toBe(0);
    expect(await page.locator('a[rel="noopener noreferrer nofollow"]').count()).toBeGreaterThan(0);
    expect(await xssFlag()).toBeUndefined();
    await page.screenshot({ path: `${SHOTS}/article.png`, fullPage: true });
  });

  it('draws a continuous daily chart over quiet days, integer y ticks for small counts, figures on hover', async () => {
    await page.goto(`${base}/trends?ui=ru&interval=day&from=2025-01-10&to=2025-02-12`);
    await page.waitForSelector('section.trend-charts[data-ready=true]');
    const volume = page.locator('#volume');
    expect(await volume.getAttribute('data-points')).toBe('34');
    expect(await page.locator('table.figures tbody tr').count()).toBe(34);
    expect(await page.locator('table.figures tbody tr[data-bucket="2025-01-20"]').getAttribute('data-count')).toBe('0');
    const ticks = ((await volume.getAttribute('data-y-ticks')) ?? '').split(',').map(Number);
    expect(ticks.length).toBeGreaterThan(1);
    expect(ticks.every((v) => Number.isInteger(v))).toBe(true);
    expect(new Set(ticks).size).toBe(ticks.length);
    expect(Number(await volume.getAttribute('data-x-ticks'))).toBeGreaterThan(2);
    expect(await page.locator('details.figures').getAttribute('open')).toBeNull();
    const over = (await page.locator('#volume .u-over').boundingBox()) as {
      x: number;
      y: number;
      width: number;
      height: number;
    };
    await page.mouse.move(over.x + (over.width * 4) / 33, over.y + over.height / 2);
    await page.waitForSelector('#volume .chart-tip:not([hidden])');
    expect(await volume.getAttribute('data-hover')).toBe('2025-01-14');
    const tip = (await page.locator('#volume .chart-tip').textContent()) ?? '';
    expect(tip).toContain('14 января 2025');
    expect(tip).toMatch(/материалов \d+, отмечено \d+, доля отмеченных (\d+%|—)/);
    expect(await xssFlag()).toBeUndefined();
    await page.screenshot({ path: `${SHOTS}/trends-day.png`, fullPage: true });
  });

  it('draws every week of a weekly chart, empty weeks included, split into translated series', async () => {
    await page.goto(`${base}/trends?ui=ru&interval=week&from=2025-01-01&to=2025-03-31&split=label`);
    await page.waitForSelector('section.trend-charts[data-ready=true]');
    expect(await page.locator('#volume').getAttribute('data-points')).toBe('14');
    const buckets = await page
      .locator('table.figures tbody tr')
      .evaluateAll((rows) => [...new Set(rows.map((r) => (r as HTMLElement).dataset.bucket))]);
    expect(buckets[0]).toBe('2024-12-30');
    expect(buckets).toHaveLength(14);
    const legend = await page.locator('.legend').textContent();
    expect(legend).toContain('ксенофобия');
    expect(legend).not.toMatch(/[a-z]/);
    expect(await page.locator('a.csv').getAttribute('href')).toContain('/api/timeseries?');
    await page.screenshot({ path: `${SHOTS}/trends-week.png`, fullPage: true });
  });

  it('shows the same figures as a table without JavaScript', async () => {
    const noScript = await browser.newPage({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    await noScript.goto(`${base}/trends?ui=ru&interval=week&from=2025-01-01&to=2025-03-31`);
    expect(await noScript.locator('details.figures').getAttribute('open')).toBe('');
    expect(await noScript.locator('table.figures tbody tr').count()).toBe(14);
    await noScript.close();
  });

  it('counts each facet as what clicking it returns', { timeout: 120_000 }, async () => {
    for (const start of [
      '/?ui=ru',
      '/?ui=ru&collapse=false',
      '/?ui=ru&label=xenophobic',
      '/?ui=ru&lang=ru&min_severity=1',
    ]) {
      await page.goto(`${base}${start}`);
      // The first two values of each facet.
      const facets = await page.locator('aside.facets section').evaluateAll((sections) =>
        sections.flatMap((section) =>
          Array.from(section.querySelectorAll('li:not(.on)'))
            .slice(0, 2)
            .map((li) => ({
              href: (li.querySelector('a') as HTMLAnchorElement).href,
              count: Number(li.querySelector('.count')?.textContent),
            })),
        ),
      );
      expect(facets.length).toBeGreaterThan(3);
      for (const f of facets) {
        await page.goto(f.href);
        const total = Number(((await page.locator('.summary .total').textContent()) ?? '').replace(/\D/g, ''));
        expect(total, f.href).toBe(f.count);
      }
    }
  });

  it('speaks Russian throughout: no label, group or language codes in the interface', async () => {
    const codes = /\b(xenophobic|migration_policy|counter_speech|migrants|central_asian|refugees|tajik|uzbek)\b/;
    const id = articles.get('xss')?.id;
    for (const path of [
      '/?ui=ru',
      '/?ui=ru&label=xenophobic&collapse=false',
      `/articles/${id}?ui=ru`,
      '/trends?ui=ru&split=target&interval=month',
      '/?ui=ru&q=(',
    ]) {
      await page.goto(`${base}${path}`);
      const ui = await page
        .locator('aside.facets, .meta, .why, dl.facts, .legend, table.figures td:nth-child(2), .error-box, .summary')
        .evaluateAll((els) => els.map((e) => (e.textContent ?? '').replace(/«[^»]*»/g, '')).join('\n'));
      expect(ui, path).not.toMatch(codes);
      expect(ui, path).not.toMatch(/Flagged|severity|must be|unknown/i);
    }
    await page.goto(`${base}/articles/${id}?ui=ru`);
    expect(await page.locator('article.full .meta time').textContent()).toMatch(/^\d{1,2} [а-я]+ \d{4} г\./);
    expect(await page.locator('.why').textContent()).toMatch(/^Отмечено как ксенофобия/);
  });

  it('shows source health with failing and stale rows', async () => {
    await page.goto(`${base}/sources?ui=en`);
    expect(await page.locator('tr.failing[data-source=tg-silent] .status').textContent()).toBe('failing');
    expect(await page.locator('tr.stale[data-source=tg-patriot]').count()).toBe(1);
    await page.screenshot({ path: `${SHOTS}/sources.png`, fullPage: true });
    await page.goto(`${base}/sources?ui=ru`);
    const facts = await page.locator('td .count').allTextContents();
    expect(facts.length).toBeGreaterThan(0);
    // "id · kind · country · languages": everything after the id in words, not codes.
    for (const line of facts)
      expect(line.split(' · ').slice(1).join(' · '), line).toMatch(/^[^A-Za-z]*(Telegram[^A-Za-z]*)?$/);
  });

  it('switches language and remembers the choice', async () => {
    await page.context().clearCookies();
    await page.goto(`${base}/sources`);
    expect(await page.getAttribute('html', 'lang')).toBe('ru');
    expect(await page.locator('h1').textContent()).toBe('Состояние источников');
    await page.click('a.lang-switch');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.locator('h1').textContent()).toBe('Source health');
    await page.goto(`${base}/sources`);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.context().clearCookies();
  });
});
