import type { ServerType } from '@hono/node-server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/app.js';
import { addUser } from '../../src/auth/users.js';
import type { ArticleStore } from '../../src/store/port.js';
import { launchChromium, SHOTS, serveOnLoopback } from '../helpers/chromium.js';
import { seededSqlite } from '../helpers/seed.js';

const LOG = { debug() {}, info() {}, warn() {}, error() {} };
let store: ArticleStore;
let server: ServerType;
let base: string;
let browser: Browser;
let page: Page;
let password = '';

beforeAll(async () => {
  ({ store } = await seededSqlite());
  password = (await addUser(store, 'dana', 'reviewer')).password;
  const app = createApp({ store, log: LOG, thresholds: { xenophobic: 0.8, migration_policy: 0.5 } });
  ({ server, base } = await serveOnLoopback(app));
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await store?.close();
});

const reviewsShown = async () => Number(await page.locator('.total-reviews').textContent());

describe('reviewing in Chromium', () => {
  it('signs in as a reviewer from the queue page, reviews the next item, and sees it in search, export and stats', async () => {
    await page.goto(`${base}/review/stats?ui=en`);
    expect(await reviewsShown()).toBe(0);

    await page.goto(`${base}/review?ui=en`);
    expect(page.url()).toContain('/signin?next=');
    await page.fill('input[name=name]', 'dana');
    await page.fill('input[name=password]', 'wrong password');
    await page.click('form.signin button[type=submit]');
    expect(await page.locator('.error-box').textContent()).toMatch(/Wrong user name or password/);
    await page.fill('input[name=password]', password);
    await page.click('form.signin button[type=submit]');
    await page.waitForSelector('ol.queue li');
    expect(new URL(page.url()).pathname).toBe('/review');
    expect(await page.locator('header .account strong').textContent()).toBe('dana');
    const first = await page.locator('ol.queue li').first().getAttribute('data-id');
    await page.screenshot({ path: `${SHOTS}/review-queue.png`, fullPage: true });

    await page.click('button.next');
    await page.waitForSelector('form#review');
    expect(page.url()).toContain(`/articles/${first}`);
    const xeno = page.locator('form#review input[name=xenophobic]');
    if (await xeno.isChecked()) await xeno.uncheck();
    await page.check('form#review input[name=migration_policy]');
    await page.selectOption('form#review select[name=severity]', '0');
    await page.fill('form#review input[name=targets]', 'migrants');
    await page.fill('form#review textarea[name=note]', 'Reported policy, not hate');
    await page.click('form#review button[type=submit]');
    await page.waitForSelector('.saved');
    expect(await page.locator('.human-verdict').textContent()).toMatch(/migration policy/);
    expect(await page.locator('ul.review-list li[data-reviewer=dana] .note').textContent()).toBe(
      'Reported policy, not hate',
    );
    await page.screenshot({ path: `${SHOTS}/review-article.png`, fullPage: true });

    await page.goto(`${base}/review?ui=en`);
    expect(await page.locator(`ol.queue li[data-id="${first}"]`).count()).toBe(0);

    await page.goto(`${base}/?ui=en`);
    await page.selectOption('select[name=reviewed]', 'true');
    await page.click('form.filters button[type=submit]');
    await page.waitForSelector('ol.results li');
    expect(await page.locator('ol.results li').count()).toBe(1);
    expect(await page.locator('ol.results .badge.human').textContent()).toMatch(/Human verdict: migration policy/);
    await page.screenshot({ path: `${SHOTS}/review-search.png`, fullPage: true });
    const csvHref = (await page.locator('.export a', { hasText: 'CSV' }).getAttribute('href')) ?? '';
    expect(csvHref).toContain('reviewed=true');
    const csv = await (await page.request.get(`${base}${csvHref}`)).text();
    const [header, row] = csv.trim().split('\r\n');
    const cells = row.split(',');
    const col = (name: string) => cells[header.split(',').indexOf(name)];
    expect(col('id')).toBe(first);
    expect(col('human_migration_policy')).toBe('true');
    expect(col('human_xenophobic')).toBe('false');
    expect(col('reviewers')).toBe('1');

    await page.goto(`${base}/review/stats?ui=en`);
    expect(await reviewsShown()).toBe(1);
    expect(
      await page.locator('table.stats tr[data-label=migration_policy][data-lang=all] td').nth(2).textContent(),
    ).toBe('1');
    await page.screenshot({ path: `${SHOTS}/review-stats.png`, fullPage: true });

    await page.click('header .account button[type=submit]');
    await page.waitForSelector('header a.account');
    await page.goto(`${base}/review?ui=en`);
    expect(page.url()).toContain('/signin');
  }, 120_000);
});
