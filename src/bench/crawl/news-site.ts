/**
 * The crawl benchmark's site: `count` real-looking article pages (news-pages.ts) behind RSS feeds of 200 items,
 * with a robots.txt allowing all, served on 127.0.0.1 from a child process so the server's work is not counted
 * as the crawler's. Pages are rendered once, up front, and served from memory.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { type NewsArticle, newsArticles, newsFeed, newsPage } from './news-pages.js';

export const FEED_ITEMS = 200;

export interface NewsSite {
  url: string;
  feeds: string[];
  articles: NewsArticle[];
  close(): Promise<void>;
}

/** Feed paths of a site with `count` articles. */
export function feedPaths(count: number): string[] {
  return Array.from({ length: Math.ceil(count / FEED_ITEMS) }, (_, i) => `/feed-${i}.xml`);
}

/** Serves the site in this process; resolves to its base URL. Used by the child process below. */
export async function serveNewsSite(count: number, port = 0): Promise<{ url: string; close: () => Promise<void> }> {
  const articles = newsArticles(count);
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const routes = new Map<string, { type: string; body: Buffer }>();
  const html = 'text/html; charset=utf-8';
  articles.forEach((a, i) => {
    routes.set(`/news/${a.slug}`, { type: html, body: Buffer.from(newsPage(articles, i, base)) });
  });
  feedPaths(count).forEach((path, i) => {
    const slice = articles.slice(i * FEED_ITEMS, (i + 1) * FEED_ITEMS);
    routes.set(path, { type: 'application/xml; charset=utf-8', body: Buffer.from(newsFeed(slice, base)) });
  });
  routes.set('/robots.txt', { type: 'text/plain; charset=utf-8', body: Buffer.from('User-agent: *\nAllow: /\n') });
  server.on('request', (req, res) => {
    const route = routes.get((req.url ?? '/').split('?')[0]);
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': route.type, 'content-length': route.body.length }).end(route.body);
  });
  return { url: base, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/**
 * Starts the site in a child process (its CPU is not the crawler's).
 *
 * @example
 * const site = await startNewsSite(2000); // site.feeds: 10 feed URLs; await site.close();
 */
export async function startNewsSite(count: number): Promise<NewsSite> {
  const child: ChildProcess = fork(fileURLToPath(new URL('./news-site-main.ts', import.meta.url)), [String(count)], {
    execArgv: ['--import', import.meta.resolve('tsx')],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (message) => resolve(String(message)));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`benchmark site exited with code ${code} before serving`)));
  });
  return {
    url,
    feeds: feedPaths(count).map((path) => `${url}${path}`),
    articles: newsArticles(count),
    close: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
