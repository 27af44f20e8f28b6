import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import iconv from 'iconv-lite';

/** How one path is answered. Text bodies and files have `{{base}}` replaced by the server's base URL. */
export interface FixtureRoute {
  status?: number;
  headers?: Record<string, string>;
  /** Literal body (wins over `file`). */
  body?: string | Buffer;
  /** File under the fixture root. */
  file?: string;
  /** Re-encode the (UTF-8) text with iconv-lite before sending, e.g. `windows-1251`. */
  encoding?: string;
  /** Send a content ETag and answer `If-None-Match` with 304. */
  etag?: boolean;
  /** Full control; the default handling is skipped. */
  handler?: (req: IncomingMessage, res: ServerResponse, server: FixtureServer) => void | Promise<void>;
}

export interface RecordedRequest {
  method: string;
  /** Path with query string. */
  path: string;
  headers: IncomingMessage['headers'];
  /** Date.now() when the request arrived. */
  at: number;
}

export interface FixtureServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  requests: RecordedRequest[];
  /**
   * Requests for a path: `/a` counts `/a` with any query string, `/a?x=1` only that exact URL, and a
   * trailing `*` matches by prefix.
   */
  hits(path: string): number;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.rss': 'application/rss+xml; charset=utf-8',
  '.atom': 'application/atom+xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.gz': 'application/gzip',
};

async function readFixture(root: string, urlPath: string): Promise<{ file: string; data: Buffer } | null> {
  const clean = path.normalize(decodeURIComponent(urlPath)).replace(/^(\.\.[/\\])+/, '');
  for (const candidate of [clean, `${clean}.html`, path.join(clean, 'index.html')]) {
    const file = path.join(root, candidate);
    if (!file.startsWith(root)) return null;
    const data = await readFile(file).catch(() => null);
    if (data) return { file, data };
  }
  return null;
}

/**
 * A real HTTP server on 127.0.0.1 serving files from `root` (an extensionless path also finds `<path>.html`)
 * plus explicit `routes` keyed by path (with query string for exact matches). Every request is recorded.
 *
 * @example
 * const site = await startFixtureServer({ root: 'test/fixtures/site', routes: { '/rss': { file: 'rss.xml', etag: true } } });
 * // … crawl site.url …; expect(site.hits('/news/a')).toBe(1); await site.close();
 */
export async function startFixtureServer(
  options: {
    root?: string;
    routes?: Record<string, FixtureRoute>;
    /** Milliseconds to wait before answering each request (read per request, so a test can change it). */
    delayMs?: (path: string) => number;
  } = {},
): Promise<FixtureServer> {
  const root = options.root ? path.resolve(options.root) : '';
  const routes = options.routes ?? {};
  const sockets = new Set<Socket>();
  const requests: RecordedRequest[] = [];
  let server: Server;
  const self: FixtureServer = {
    url: '',
    requests,
    hits: (p) =>
      requests.filter((r) => {
        if (p.endsWith('*')) return r.path.startsWith(p.slice(0, -1));
        return p.includes('?') ? r.path === p : r.path.split('?')[0] === p;
      }).length,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const pathWithQuery = req.url ?? '/';
    const pathname = pathWithQuery.split('?')[0];
    requests.push({ method: req.method ?? 'GET', path: pathWithQuery, headers: req.headers, at: Date.now() });
    const route = routes[pathWithQuery] ?? routes[pathname] ?? {};
    const delay = options.delayMs?.(pathWithQuery) ?? 0;
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    if (route.handler) return route.handler(req, res, self);
    let body: Buffer | null = null;
    let type = 'text/html; charset=utf-8';
    if (route.body !== undefined) {
      body = Buffer.isBuffer(route.body) ? route.body : Buffer.from(route.body);
    } else if (root) {
      const found = await readFixture(root, route.file ? `/${route.file}` : pathname);
      if (found) {
        body = found.data;
        type = TYPES[path.extname(found.file)] ?? 'application/octet-stream';
      }
    }
    if (!body) {
      res.writeHead(route.status ?? 404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    const isText = !Buffer.isBuffer(route.body) && !type.startsWith('application/gzip');
    if (isText) body = Buffer.from(body.toString('utf8').replaceAll('{{base}}', self.url));
    if (route.encoding) body = iconv.encode(body.toString('utf8'), route.encoding);
    const headers: Record<string, string> = { 'content-type': type, ...route.headers };
    if (route.etag) {
      const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
      headers.etag = etag;
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, { etag });
        res.end();
        return;
      }
    }
    res.writeHead(route.status ?? 200, headers);
    res.end(body);
  };

  server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(err));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  self.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return self;
}
