import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../src/store/sqlite/index.js';
import { runKuzet, startKuzet, tempDir, waitFor } from '../helpers/cli.js';
import { type FixtureServer, startFixtureServer } from '../helpers/fixture-server.js';
import {
  FIXTURE_ARTICLES,
  FIXTURE_SITE_ROOT,
  FIXTURE_TELEGRAM_POSTS,
  FIXTURE_UNRELATED_ARTICLES,
  fixtureSourceFiles,
  newsSiteRoutes,
  telegramRoutes,
} from '../helpers/fixture-site.js';

const EXPECTED = FIXTURE_ARTICLES.length + FIXTURE_TELEGRAM_POSTS.length;

async function storedArticles(dataDir: string) {
  const store = createSqliteStore({ dataDir });
  await store.init();
  try {
    const all = [];
    for await (const batch of store.scan(null, 100)) all.push(...batch);
    return { all, sources: await store.listSources() };
  } finally {
    await store.close();
  }
}

describe('kuzet crawl --once (embedded mode, real process, fixture site on loopback)', () => {
  let site: FixtureServer;
  let sources: Awaited<ReturnType<typeof tempDir>>;
  let data: Awaited<ReturnType<typeof tempDir>>;
  let env: Record<string, string>;
  let slowArticles = false;

  beforeEach(async () => {
    slowArticles = false;
    const routes = { ...newsSiteRoutes(), ...telegramRoutes() };
    site = await startFixtureServer({ root: FIXTURE_SITE_ROOT, routes, delayMs: () => (slowArticles ? 400 : 0) });
    sources = await tempDir(fixtureSourceFiles(site.url));
    data = await tempDir();
    env = { KUZET_TELEGRAM_BASE_URL: site.url, KUZET_PER_HOST_DELAY_MS: '0', LOG_LEVEL: 'warn' };
  });
  afterEach(async () => {
    await site.close();
    await sources.remove();
    await data.remove();
  });

  it('stores every article and post once, classified, with source health; a second run fetches nothing new', async () => {
    const first = await runKuzet(['crawl', '--once', '--sources', sources.dir, '--data', data.dir], env);
    expect(first.code, first.stderr).toBe(0);
    const { all, sources: health } = await storedArticles(data.dir);
    expect(all).toHaveLength(EXPECTED);
    expect(new Set(all.map((a) => a.canonical_url)).size).toBe(EXPECTED);
    for (const article of all) {
      expect(article.classification?.classifier_version).toBeTruthy();
      expect(article.country).toBe('KZ');
    }
    expect(all.filter((a) => a.kind === 'telegram_post')).toHaveLength(FIXTURE_TELEGRAM_POSTS.length);
    for (const path of FIXTURE_UNRELATED_ARTICLES) {
      const unrelated = all.find((a) => new URL(a.url).pathname === path);
      expect(unrelated?.classification, path).toMatchObject({
        xenophobic: false,
        migration_policy: false,
        counter_speech: false,
        targets: [],
        evidence: [],
      });
    }
    const policy = all.find((a) => new URL(a.url).pathname === '/news/migrants-law');
    expect(policy?.classification?.migration_policy).toBe(true);
    const news = health.find((s) => s.id === 'fixture-news');
    expect(news?.health.last_success_at).toBeTruthy();
    expect(news?.health.items_new).toBe(FIXTURE_ARTICLES.length);

    const articleHits = () => FIXTURE_ARTICLES.reduce((n, p) => n + site.hits(p), 0);
    const before = articleHits();
    const second = await runKuzet(['crawl', '--once', '--sources', sources.dir, '--data', data.dir], env);
    expect(second.code, second.stderr).toBe(0);
    expect(articleHits()).toBe(before);
    const reports = second.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(reports.map((r) => r.items_new)).toEqual([0, 0]);
    expect((await storedArticles(data.dir)).all).toHaveLength(EXPECTED);
  }, 120_000);

  it('resumes after being killed mid-crawl without losing or duplicating anything', async () => {
    slowArticles = true;
    const crawl = startKuzet(
      ['crawl', '--once', '--sources', sources.dir, '--data', data.dir, '--only', 'fixture-news'],
      env,
    );
    // Generous: on a loaded machine the process alone can take half a minute to start.
    await waitFor('two stored articles', async () => (await storedArticles(data.dir)).all.length >= 2, 60_000);
    crawl.child.kill('SIGKILL');
    await crawl.exited;
    const partial = (await storedArticles(data.dir)).all;
    expect(partial.length).toBeLessThan(FIXTURE_ARTICLES.length);
    const storedPaths = partial.map((a) => new URL(a.url).pathname);
    const hitsBefore = new Map(storedPaths.map((p) => [p, site.hits(p)]));

    slowArticles = false;
    const rerun = await runKuzet(
      ['crawl', '--once', '--sources', sources.dir, '--data', data.dir, '--only', 'fixture-news'],
      env,
    );
    expect(rerun.code, rerun.stderr).toBe(0);
    const { all } = await storedArticles(data.dir);
    expect(all.map((a) => new URL(a.url).pathname).sort()).toEqual([...FIXTURE_ARTICLES].sort());
    for (const [path, hits] of hitsBefore) expect(site.hits(path), `${path} fetched again`).toBe(hits);
    const report = JSON.parse(rerun.stdout.trim());
    expect(report.items_new).toBe(FIXTURE_ARTICLES.length - partial.length);
  }, 120_000);
});
