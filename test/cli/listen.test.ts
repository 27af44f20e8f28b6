import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { load } from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenApp, listenOrigin } from '../../src/cli/listen.js';
import type { ArticleStore } from '../../src/store/port.js';
import { createSqliteStore } from '../../src/store/sqlite/index.js';
import { ARTICLES } from '../store/fixtures.js';

/** A GET over real HTTP with a Host header of the caller's choosing (fetch would not send it). */
function getWithHost(url: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('listenOrigin', () => {
  it('is the address and port listened on; a wildcard address is the machine name; IPv6 in brackets', () => {
    expect(listenOrigin({ address: '127.0.0.1', family: 'IPv4', port: 8080 })).toBe('http://127.0.0.1:8080');
    expect(listenOrigin({ address: '0.0.0.0', family: 'IPv4', port: 80 }, 'Kuzet-1')).toBe('http://kuzet-1:80');
    expect(listenOrigin({ address: '::', family: 'IPv6', port: 9000 }, 'box')).toBe('http://box:9000');
    expect(listenOrigin({ address: '::1', family: 'IPv6', port: 9000 })).toBe('http://[::1]:9000');
  });
});

describe('a served instance never takes its links from the Host header', () => {
  let store: ArticleStore;
  const servers: Array<{ close: (cb: () => void) => void }> = [];
  beforeAll(async () => {
    store = createSqliteStore({ file: ':memory:' });
    await store.init();
    for (const a of ARTICLES) await store.putArticle(a);
  });
  afterAll(async () => {
    for (const s of servers) await new Promise<void>((resolve) => s.close(() => resolve()));
    await store.close();
  });

  const feedLinks = async (publicUrl?: string) => {
    const { server, publicUrl: used } = await listenApp(
      { store },
      { host: '127.0.0.1', port: 0, ...(publicUrl ? { publicUrl } : {}) },
    );
    servers.push(server);
    const { port } = server.address() as AddressInfo;
    const res = await getWithHost(`http://127.0.0.1:${port}/api/feed?label=xenophobic`, 'evil.example:666');
    expect(res.status).toBe(200);
    const $ = load(res.body, { xml: true });
    const links = $('link')
      .map((_, l) => $(l).attr('href'))
      .get()
      .filter((href: string) => !href.startsWith('https://example.kz/'));
    return { port, used, links, body: res.body };
  };

  it('links to the address it listens on without KUZET_PUBLIC_URL', async () => {
    const { port, used, links, body } = await feedLinks();
    const origin = `http://127.0.0.1:${port}`;
    expect(used).toBe(origin);
    expect(links).toContain(`${origin}/api/feed?label=xenophobic`);
    expect(links).toContain(`${origin}/articles/a4`);
    for (const href of links) expect(href.startsWith(`${origin}/`)).toBe(true);
    expect(body).not.toContain('evil.example');
  });

  it('links to KUZET_PUBLIC_URL when it is set', async () => {
    const { links, body } = await feedLinks('https://kuzet.example.org/watch');
    expect(links).toContain('https://kuzet.example.org/watch/api/feed?label=xenophobic');
    for (const href of links) expect(href.startsWith('https://kuzet.example.org/watch/')).toBe(true);
    expect(body).not.toContain('evil.example');
  });
});
