import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoContent } from '../../src/demo/site.js';
import { type CliProcess, freePort, startKuzet, waitFor } from '../helpers/cli.js';

let proc: CliProcess;
let base: string;
let browser: Browser;

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const started = Date.now();
  proc = startKuzet(['demo', '--port', String(port), '--host', '127.0.0.1'], { LOG_LEVEL: 'info' });
  await waitFor(
    'kuzet demo to serve',
    () => fetch(`${base}/health`).then((r) => r.ok),
    90_000,
    () => proc.stderr().slice(-3000),
  );
  // A newcomer sees it within a minute; the loaded test machine gets more room than that.
  expect(Date.now() - started).toBeLessThan(90_000);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (proc && proc.child.exitCode === null) {
    proc.child.kill('SIGINT');
    await proc.exited;
  }
});

describe('kuzet demo', () => {
  it('marks every demo story as invented, in the data and on the site', () => {
    const demo = loadDemoContent(new Date());
    expect(demo.site_name).toContain('вымышлен');
    expect(new Set(demo.stories.map((s) => s.lang))).toEqual(new Set(['ru', 'kk', 'en']));
    expect(new Set(demo.stories.map((s) => s.expect))).toEqual(new Set(['unrelated', 'policy', 'hate', 'counter']));
  });

  it('crawls every demo story with the normal crawler and lists its sources as invented', async () => {
    const sources = await (await fetch(`${base}/api/sources`)).json();
    expect(sources.items.map((s: { name: string }) => s.name).every((n: string) => n.includes('вымышлен'))).toBe(true);
    expect(sources.items.every((s: { health: { items_new: number } }) => s.health.items_new > 0)).toBe(true);
    const all = await (await fetch(`${base}/api/search?collapse=false&size=1`)).json();
    expect(all.total).toBe(loadDemoContent(new Date()).stories.length);
  });

  it('reaches a populated search page in Chromium, with flagged posts and their reasons', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'ru-RU' });
    await page.goto(`${base}/`);
    expect(await page.locator('ol.results > li').count()).toBe(20);
    expect(await page.locator('aside.facets li').count()).toBeGreaterThan(5);
    await page.goto(`${base}/?label=xenophobic`);
    expect(await page.locator('ol.results > li').count()).toBeGreaterThan(5);
    expect(await page.locator('ol.results .why').first().textContent()).toMatch(/^Отмечено как ксенофобия/);
    await page.screenshot({ path: 'test-results/screenshots/demo-search.png', fullPage: true });
    await page.close();
  }, 60_000);

  it('shows the planted spike on the daily trends chart and in the spike feed', async () => {
    const spikes = await (await fetch(`${base}/api/spikes?interval=day`)).json();
    expect(spikes.spikes.length).toBeGreaterThan(0);
    const spikeDay = spikes.spikes[0].bucket;
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${base}/trends?interval=day`);
    await page.waitForSelector('section.trend-charts[data-ready=true]');
    expect(await page.locator('#volume').getAttribute('data-spikes')).toContain(spikeDay);
    expect(await page.locator(`table.figures tr.spike[data-bucket="${spikeDay}"]`).count()).toBe(1);
    await page.screenshot({ path: 'test-results/screenshots/demo-trends.png', fullPage: true });
    await page.close();
  }, 60_000);

  it('stops on SIGINT', async () => {
    proc.child.kill('SIGINT');
    const exit = await proc.exited;
    expect(exit.code).toBe(0);
  }, 30_000);
});
