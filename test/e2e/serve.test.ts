import { afterEach, describe, expect, it } from 'vitest';
import { type CliProcess, freePort, startKuzet, tempDir, waitFor } from '../helpers/cli.js';
import { type FixtureServer, startFixtureServer } from '../helpers/fixture-server.js';
import {
  FIXTURE_ARTICLES,
  FIXTURE_SITE_ROOT,
  fixtureSourceFiles,
  newsSiteRoutes,
  telegramRoutes,
} from '../helpers/fixture-site.js';

async function getJson(url: string) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  return res.json();
}

describe('kuzet serve (embedded mode, real process)', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function serve(
    sourcesDir: string,
    env: Record<string, string> = {},
  ): Promise<{ api: string; proc: CliProcess }> {
    const data = await tempDir();
    const port = await freePort();
    const proc = startKuzet(
      ['serve', '--port', String(port), '--host', '127.0.0.1', '--data', data.dir, '--sources', sourcesDir],
      {
        KUZET_PER_HOST_DELAY_MS: '0',
        ...env,
      },
    );
    cleanups.push(data.remove);
    cleanups.push(async () => {
      if (proc.child.exitCode === null) proc.child.kill('SIGKILL');
      await proc.exited;
    });
    const api = `http://127.0.0.1:${port}`;
    await waitFor('the API to answer /health', () => getJson(`${api}/health`), 60_000);
    return { api, proc };
  }

  it('serves the API and crawls its sources on schedule, then stops cleanly on SIGTERM', async () => {
    const site: FixtureServer = await startFixtureServer({
      root: FIXTURE_SITE_ROOT,
      routes: { ...newsSiteRoutes(), ...telegramRoutes() },
    });
    cleanups.push(() => site.close());
    const sources = await tempDir(fixtureSourceFiles(site.url));
    cleanups.push(sources.remove);
    const { api, proc } = await serve(sources.dir, { KUZET_TELEGRAM_BASE_URL: site.url });

    const health = await getJson(`${api}/health`);
    expect(health.status).toBe('ok');
    const found = await waitFor(
      'crawled articles to be searchable',
      async () => {
        const result = await getJson(`${api}/api/search?q=${encodeURIComponent('мигранты')}&collapse=false`);
        return result.total > 0 ? result : null;
      },
      90_000,
      () => proc.stderr().slice(-4000),
    );
    expect(found.items[0].classifier_version).toBeTruthy();
    await waitFor(
      'every fixture article',
      async () => {
        const { items: list } = await getJson(`${api}/api/sources`);
        const news = list.find((s: { id: string }) => s.id === 'fixture-news');
        return news?.health.items_new === FIXTURE_ARTICLES.length;
      },
      90_000,
      () => proc.stderr().slice(-4000),
    );

    proc.child.kill('SIGTERM');
    const result = await proc.exited;
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('shutting down');
  }, 200_000);

  it('stops a crawl in progress on SIGTERM instead of finishing it', async () => {
    const site: FixtureServer = await startFixtureServer({
      root: FIXTURE_SITE_ROOT,
      routes: newsSiteRoutes(),
      delayMs: (path) => (path.startsWith('/news/') || path.startsWith('/en/') ? 1500 : 0),
    });
    cleanups.push(() => site.close());
    const sources = await tempDir({ 'fixture-news.yaml': fixtureSourceFiles(site.url)['fixture-news.yaml'] });
    cleanups.push(sources.remove);
    const { proc } = await serve(sources.dir);
    const articleHits = () => FIXTURE_ARTICLES.reduce((n, p) => n + site.hits(p), 0);
    await waitFor(
      'the crawl to reach article pages',
      async () => articleHits() > 0,
      60_000,
      () => proc.stderr(),
    );
    proc.child.kill('SIGTERM');
    const result = await proc.exited;
    expect(result.code).toBe(0);
    expect(articleHits()).toBeLessThan(FIXTURE_ARTICLES.length);
  }, 200_000);

  it('keeps serving when every source is unreachable, and reports why per source', async () => {
    const sources = await tempDir({
      'offline-news.yaml': 'id: offline-news\nname: Offline News\nkind: news\nfeeds: [https://news.invalid/rss]\n',
      'offline-tg.yaml': 'id: offline-tg\nname: Offline Channel\nkind: telegram\nchannel: offline\n',
      'broken.yaml': 'id: broken\nname: Broken\nkind: news\nfeed: [https://news.invalid/rss]\n',
    });
    cleanups.push(sources.remove);
    const { api, proc } = await serve(sources.dir, { KUZET_TELEGRAM_BASE_URL: 'http://telegram.invalid' });

    const failing = await waitFor(
      'both sources to report a failure',
      async () => {
        const { items: list } = await getJson(`${api}/api/sources`);
        return list.every((s: { health: { last_error: string | null } }) => s.health.last_error) ? list : null;
      },
      90_000,
      () => proc.stderr().slice(-4000),
    );
    expect(failing.map((s: { id: string }) => s.id).sort()).toEqual(['offline-news', 'offline-tg']);
    // Never succeeded: failing after the first attempt, not stale; the rejected file is listed with its error.
    for (const s of failing) expect(s.status).toBe('failing');
    const { rejected } = await getJson(`${api}/api/sources`);
    expect(rejected.map((r: { message: string }) => r.message).join('\n')).toMatch(
      /broken\.yaml: feed: unknown key "feed" \(did you mean feeds\?\)/,
    );
    const page = await (await fetch(`${api}/sources?ui=en`)).text();
    expect(page).toMatch(/<tr class="failing" data-source="offline-news">/);
    expect(page).toContain('Rejected source files');
    expect((await getJson(`${api}/health`)).status).toBe('ok');
    expect(proc.stderr()).toContain('source file rejected');
    expect(proc.stderr()).toContain('did you mean feeds');
    expect(proc.stderr()).toMatch(/crawl finished.*offline-news/);
  }, 200_000);
});
