import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { run } from '../../src/cli/commands/sources.js';
import { runKuzet, tempDir } from '../helpers/cli.js';
import { type FixtureRoute, type FixtureServer, startFixtureServer } from '../helpers/fixture-server.js';
import { FIXTURE_SITE_ROOT, telegramRoutes } from '../helpers/fixture-site.js';

const HOMEPAGE = '<!DOCTYPE html><html><head><title>Главная</title></head><body><p>Новости</p></body></html>';

const routes: Record<string, FixtureRoute> = {
  ...telegramRoutes(),
  '/robots.txt': { body: 'User-agent: *\nDisallow: /private/\n' },
  '/rss': { file: 'rss.xml', headers: { 'content-type': 'application/rss+xml; charset=utf-8' } },
  '/homepage-feed': { body: HOMEPAGE, headers: { 'content-type': 'text/html; charset=utf-8' } },
  '/empty.rss': {
    body: '<?xml version="1.0"?><rss version="2.0"><channel><title>Пусто</title></channel></rss>',
    headers: { 'content-type': 'application/rss+xml' },
  },
  '/forbidden.rss': { status: 403, body: '<html><body>Forbidden</body></html>' },
  '/private/feed.rss': { file: 'rss.xml' },
  '/s/silentchannel': { body: '<html><body><div class="tgme_channel_info">No posts</div></body></html>' },
};

const feedSource = (id: string, urls: string[], extra = '') =>
  `id: ${id}\nname: ${id}\nfeeds: [${urls.join(', ')}]\nlanguages: [ru]\n${extra}`;

describe('kuzet sources check', () => {
  let site: FixtureServer;
  let folder: Awaited<ReturnType<typeof tempDir>>;
  let env: Record<string, string>;
  beforeAll(async () => {
    site = await startFixtureServer({ root: FIXTURE_SITE_ROOT, routes });
    const u = (path: string) => `${site.url}${path}`;
    folder = await tempDir({
      'good.yaml': feedSource('good', [u('/rss'), u('/homepage-feed')]),
      'html-feed.yaml': feedSource('html-feed', [u('/homepage-feed')]),
      'empty-feed.yaml': feedSource('empty-feed', [u('/empty.rss')]),
      'forbidden.yaml': feedSource('forbidden', [u('/forbidden.rss')]),
      'robots.yaml': feedSource('robots', [u('/private/feed.rss')]),
      'switched-off.yaml': feedSource('switched-off', [u('/homepage-feed')], 'enabled: false\n'),
      'tg-live.yaml': 'id: tg-live\nname: Live\nkind: telegram\nchannel: kuzetnews\n',
      'tg-silent.yaml': 'id: tg-silent\nname: Silent\nkind: telegram\nchannel: silentchannel\n',
      'broken.yaml': 'id: broken\nname: Broken\nfeed: [https://example.kz/rss]\n',
    });
    env = { KUZET_TELEGRAM_BASE_URL: site.url, KUZET_PER_HOST_DELAY_MS: '0', LOG_LEVEL: 'silent' };
  });
  afterAll(async () => {
    await folder.remove();
    await site.close();
  });

  it('prints one row per entry point with status, Content-Type, items, newest date and robots verdict', async () => {
    const before = site.requests.length;
    const run = await runKuzet(['sources', 'check', '--sources', folder.dir], env);
    expect(run.code).toBe(1);
    const lines = run.stdout.split('\n');
    expect(lines[0].split(/\s{2,}/)).toEqual([
      'SOURCE',
      'ENTRY',
      'STATUS',
      'CONTENT-TYPE',
      'ITEMS',
      'NEWEST',
      'ROBOTS',
      'RESULT',
      'URL',
    ]);
    const row = (id: string, path: string) => {
      const line = lines.find((l) => l.startsWith(`${id} `) && l.endsWith(`${site.url}${path}`));
      expect(line, `${id} ${path}`).toBeDefined();
      return (line as string).split(/\s{2,}/);
    };
    expect(row('good', '/rss')).toEqual([
      'good',
      'feed',
      '200',
      'application/rss+xml',
      '4',
      '2024-05-03 11:00',
      'allowed',
      'ok',
      `${site.url}/rss`,
    ]);
    expect(row('good', '/homepage-feed').slice(1, 8)).toEqual([
      'feed',
      '200',
      'text/html',
      '—',
      '—',
      'allowed',
      'FAIL: served HTML, not a feed (Content-Type: text/html; charset=utf-8)',
    ]);
    expect(row('empty-feed', '/empty.rss')[7]).toBe('FAIL: feed parsed but has no items');
    expect(row('forbidden', '/forbidden.rss').slice(2, 8)).toEqual(
      ['403', 'text/plain', '—', '—', 'allowed', 'FAIL: HTTP 403; skipped'].map((c, i) =>
        i === 1 ? expect.any(String) : c,
      ),
    );
    expect(row('robots', '/private/feed.rss').slice(2, 8)).toEqual([
      '—',
      '—',
      '—',
      '—',
      'disallowed',
      'FAIL: disallowed by robots.txt',
    ]);
    expect(row('tg-live', '/s/kuzetnews').slice(1, 8)).toEqual([
      'telegram',
      '200',
      'text/html',
      expect.stringMatching(/^\d+$/),
      expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d$/),
      'allowed',
      'ok',
    ]);
    expect(row('tg-silent', '/s/silentchannel')[7]).toMatch(/^FAIL: no posts found/);
    expect(run.stdout).not.toContain('switched-off');
    expect(run.stdout).toContain(
      '7 sources checked: 2 with a working entry point, 5 without: empty-feed, forbidden, html-feed, robots, tg-silent',
    );
    expect(run.stderr).toMatch(/rejected: .*broken\.yaml: feed: unknown key "feed" \(did you mean feeds\?\)/);
    // Each entry point once, plus robots.txt; no article page and no older channel page.
    const paths = site.requests.slice(before).map((r) => r.path);
    expect(paths.filter((p) => p === '/homepage-feed')).toHaveLength(2);
    expect(paths.filter((p) => p.startsWith('/news/') || p.includes('before='))).toEqual([]);
  }, 120_000);

  /** The command in this process (the first test runs the real binary): its exit code and what it printed. */
  async function check(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
    const out = vi.spyOn(console, 'log').mockImplementation(() => {});
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const code = await run(['check', '--sources', folder.dir, ...args]);
      const text = (spy: typeof out) => spy.mock.calls.map((c) => c.join(' ')).join('\n');
      return { code, stdout: text(out), stderr: text(err) };
    } finally {
      out.mockRestore();
      err.mockRestore();
      vi.unstubAllEnvs();
    }
  }

  it('exits 0 when every source named by --only has a working entry point, and prints JSON on request', async () => {
    const ok = await check(['--only', 'good,tg-live']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('2 sources checked: 2 with a working entry point');
    const json = await check(['--only', 'html-feed', '--json']);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout.trim());
    expect(report).toMatchObject({ source_id: 'html-feed', name: 'html-feed', ok: false });
    expect(report.entry_points[0]).toMatchObject({
      kind: 'feed',
      status: 200,
      content_type: 'text/html; charset=utf-8',
      error: 'served HTML, not a feed (Content-Type: text/html; charset=utf-8)',
    });
  });

  it('checks a disabled source when named, without failing on it; rejects unknown ids and actions', async () => {
    const off = await check(['--only', 'switched-off']);
    expect(off.code).toBe(0);
    expect(off.stdout).toMatch(/^switched-off\s+feed\s+200\s+text\/html/m);
    const unknown = await check(['--only', 'nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("no source with id 'nope'");
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await run(['list'])).toBe(2);
    expect(err.mock.calls[0]?.[0]).toContain("unknown action 'list'");
    err.mockRestore();
  });
});
