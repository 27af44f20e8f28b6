import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const DAY_MS = 86_400_000;
const START = Date.UTC(2024, 0, 1);

/**
 * A urlset of `count` article URLs under `origin`, listed oldest first (as many CMSs write them), each with
 * a lastmod (to the minute) a few minutes after the one before: about 90 bytes per URL, so 100,000 URLs make
 * ~9 MB, under the crawler's 10 MB response cap.
 *
 * @example
 * bigSitemap('http://127.0.0.1:8080', 2); // '<?xml …><urlset …><url><loc>http://127.0.0.1:8080/news/0</loc><lastmod>2024-01-01T00:00Z</lastmod></url>…'
 */
export function bigSitemap(origin: string, count: number): string {
  const parts = [
    '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n',
  ];
  for (let i = 0; i < count; i++) {
    const lastmod = `${new Date(START + Math.floor((i * 3 * DAY_MS) / 1000)).toISOString().slice(0, 16)}Z`;
    parts.push(`<url><loc>${origin}/news/${i}</loc><lastmod>${lastmod}</lastmod></url>\n`);
  }
  parts.push('</urlset>\n');
  return parts.join('');
}

/**
 * Serves `/sitemap.xml` (a `bigSitemap` of `count` URLs) on 127.0.0.1; every other path answers 404.
 *
 * @example
 * const site = await serveBigSitemap(100_000); // site.url + '/sitemap.xml'; await site.close();
 */
export async function serveBigSitemap(count: number): Promise<{ url: string; bytes: number; close(): Promise<void> }> {
  let body = Buffer.alloc(0);
  const server: Server = createServer((req, res) => {
    if (req.url !== '/sitemap.xml') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/xml; charset=utf-8', 'content-length': body.length });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  body = Buffer.from(bigSitemap(url, count));
  return {
    url,
    bytes: body.length,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
