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

  it('loads the trends chart', async () => {
    await page.goto(`${base}/trends?ui=en&interval=month&split=lang`);
    await page.waitForSelector('svg.chart');
    expect(await page.locator('#volume svg path.line').count()).toBeGreaterThan(1);
    expect(await page.locator('#share svg circle.point').count()).toBeGreaterThan(3);
    expect(await page.locator('a.csv').getAttribute('href')).toContain('/api/timeseries?');
    await page.screenshot({ path: `${SHOTS}/trends.png`, fullPage: true });
  });

  it('shows source health with failing and stale rows', async () => {
    await page.goto(`${base}/sources?ui=en`);
    expect(await page.locator('tr.failing[data-source=tg-silent] .status').textContent()).toBe('failing');
    expect(await page.locator('tr.stale[data-source=tg-patriot]').count()).toBe(1);
    await page.screenshot({ path: `${SHOTS}/sources.png`, fullPage: true });
  });

  it('switches language', async () => {
    await page.goto(`${base}/sources`);
    expect(await page.getAttribute('html', 'lang')).toBe('ru');
    expect(await page.locator('h1').textContent()).toBe('Состояние источников');
    await page.click('a.lang-switch');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.locator('h1').textContent()).toBe('Source health');
  });
});
