import type { ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlSource } from '../../src/crawl/index.js';
import type { Source } from '../../src/domain.js';
import { type FixtureRoute, type FixtureServer, startFixtureServer } from '../helpers/fixture-server.js';
import { testSource } from '../helpers/source.js';
import { MemoryState } from './memory-state.js';

const MB = 1024 * 1024;
let bigBytesSent = 0;

/** Streams `total` bytes of HTML-looking filler with back-pressure, counting what actually left the server. */
function streamBig(res: ServerResponse, total: number, declare: boolean): void {
  res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    ...(declare ? { 'content-length': String(total) } : {}),
  });
  const chunk = Buffer.alloc(64 * 1024, '<p>filler</p>');
  let sent = 0;
  let closed = false;
  res.on('close', () => {
    closed = true;
  });
  const pump = () => {
    while (!closed && sent < total) {
      sent += chunk.length;
      bigBytesSent += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    if (!closed) res.end();
  };
  pump();
}

const truncatedFeed = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Broken</title>
${['binary', 'big', 'big-declared', 'loop', 'hang', 'malformed', 'garbage', 'server-error', 'photo.jpg']
  .map((p) => `<item><title>${p}</title><link>{{base}}/bad/${p}</link></item>`)
  .join('\n')}
<item><title>Торговцы рынка</title><link>{{base}}/news/almaty-market</link></item>
<item><title>Cut off here</title><link>{{base}}/news/astana-`;

const routes: Record<string, FixtureRoute> = {
  '/bad/truncated.xml': { body: truncatedFeed, headers: { 'content-type': 'application/rss+xml' } },
  '/bad/not-a-feed.xml': {
    body: '<html><body><h1>Not Found</h1><p>Try our homepage</p></body></html>',
    headers: { 'content-type': 'text/xml' },
  },
  '/bad/garbage-sitemap.xml': { body: '\u0000\u0001garbage<<<', headers: { 'content-type': 'application/xml' } },
  '/bad/binary': {
    body: Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)),
    headers: { 'content-type': 'text/html' },
  },
  '/bad/big': { handler: (_req, res) => streamBig(res, 50 * MB, false) },
  '/bad/big-declared': { handler: (_req, res) => streamBig(res, 50 * MB, true) },
  '/bad/loop': { status: 302, body: 'moved', headers: { location: '/bad/loop2' } },
  '/bad/loop2': { status: 302, body: 'moved', headers: { location: '/bad/loop' } },
  '/bad/hang': { handler: () => {} },
  '/bad/malformed': {
    body: `<html><head><title>Мигранты и рынок труда</title><body><div><p>Рабочие из соседних стран всё чаще выбирают Казахстан: за год число выданных разрешений выросло на треть, сообщает министерство труда.<p>Эксперты объясняют рост спросом на строителей и водителей в крупных городах, а также упрощением процедур</div></span></b><p>Работодатели просят ускорить оформление документов и расширить квоты для сезонных работников<table><tr><td>незакрытая таблица`,
  },
  '/bad/garbage': { body: '<<<>>><div><script>var x = 1;</script>' },
  '/bad/server-error': { status: 503, body: 'try later' },
  '/bad/photo.jpg': { body: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), headers: { 'content-type': 'image/jpeg' } },
  '/sitemap.xml.gz': {
    handler: (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/x-gzip' });
      res.end(
        gzipSync(
          Buffer.from(
            `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>http://${_req.headers.host}/news/astana-workers</loc></url></urlset>`,
          ),
        ),
      );
    },
  },
};

const source = (base: string, overrides: Partial<Source>): Source =>
  testSource('bad-site', { name: 'Bad Site', homepage: base, ...overrides });

describe('crawlSource with bad input', () => {
  let site: FixtureServer;
  beforeAll(async () => {
    site = await startFixtureServer({ root: 'test/fixtures/site', routes });
  });
  afterAll(async () => {
    await site.close();
  });

  it('skips each broken page with a clear reason and still emits the good ones', async () => {
    const state = new MemoryState();
    const started = Date.now();
    const report = await crawlSource(
      source(site.url, {
        feeds: [`${site.url}/bad/truncated.xml`, `${site.url}/bad/not-a-feed.xml`],
        sitemaps: [`${site.url}/bad/garbage-sitemap.xml`],
      }),
      state.deps({ requestTimeoutSecs: 1, maxRetries: 1, maxResponseBytes: 1 * MB, maxRedirects: 3 }),
    );
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(report.ok).toBe(true);
    const paths = state.docs.map((d) => new URL(d.url).pathname).sort();
    expect(paths).toEqual(['/bad/malformed', '/news/almaty-market']);
    expect(state.docs.find((d) => d.url.endsWith('/bad/malformed'))?.text).toContain('Работодатели просят');
    const errors = report.errors.join('\n');
    const line = (path: string) =>
      report.errors.find((e) => e.startsWith(`${site.url}${path}:`)) ?? `(no error for ${path})`;
    expect(line('/bad/truncated.xml')).toMatch(/truncated \(no closing root tag\); the 10 complete entries are used/);
    expect(line('/bad/not-a-feed.xml')).toMatch(/served HTML, not a feed \(Content-Type: text\/xml\)$/);
    expect(line('/bad/garbage-sitemap.xml')).toMatch(
      /served a non-XML body, not a sitemap \(Content-Type: application\/xml\)$/,
    );
    expect(line('/bad/binary')).toMatch(/binary content .* served as text\/html; skipped/);
    expect(line('/bad/big')).toMatch(/exceeds 1048576 bytes; download cut off/);
    expect(line('/bad/big-declared')).toMatch(/52428800 bytes \(Content-Length\), over the 1048576-byte limit/);
    expect(line('/bad/loop')).toMatch(/redirect loop: .* redirected more than 3 times/);
    expect(line('/bad/hang')).toMatch(/timed out/);
    expect(line('/bad/garbage')).toMatch(/no article text found; skipped/);
    expect(line('/bad/server-error')).toMatch(/503.*\(after 1 retries\)/);
    expect(line('/bad/photo.jpg')).toMatch(/serves image\/jpeg, not a page or feed; skipped/);
    expect(site.hits('/bad/server-error')).toBe(2);
    expect(site.hits('/bad/big')).toBe(1);
    expect(bigBytesSent).toBeLessThan(20 * MB);
    expect(errors).not.toMatch(/astana-/);
  });

  it('fails a source whose every entry point is unreachable, saying why', async () => {
    const state = new MemoryState();
    const report = await crawlSource(
      source(site.url, { feeds: [`${site.url}/bad/hang`, 'http://127.0.0.1:9/feed.xml'] }),
      state.deps({ requestTimeoutSecs: 0.5, maxRetries: 0 }),
    );
    expect(report.ok).toBe(false);
    expect(report.items_found).toBe(0);
    expect(report.errors.some((e) => e.startsWith(`${site.url}/bad/hang:`) && /timed out/.test(e))).toBe(true);
    expect(
      // robots.txt cannot be read either: nothing on that origin is fetched (RFC 9309), and the error says why.
      report.errors.some(
        (e) => e.startsWith('http://127.0.0.1:9/feed.xml:') && /robots\.txt unreachable.*refused/i.test(e),
      ),
    ).toBe(true);
  });

  it('reads gzip sitemaps', async () => {
    const state = new MemoryState();
    const report = await crawlSource(source(site.url, { sitemaps: [`${site.url}/sitemap.xml.gz`] }), state.deps());
    expect(report.errors).toEqual([]);
    expect(state.docs.map((d) => new URL(d.url).pathname)).toEqual(['/news/astana-workers']);
  });
});
