import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serve as serveHttp } from '@hono/node-server';
import { loadConfig } from '../../config.js';
import { DEMO_CHANNEL, demoSite, loadDemoContent } from '../../demo/site.js';
import { runCrawl } from '../../pipeline/stages.js';
import { parseCommand } from '../flags.js';
import { listenApp } from '../listen.js';
import { openRuntime, untilSignal } from '../runtime.js';

const USAGE = `Usage: kuzet demo [--port N] [--host H] [--data DIR]

Shows Kuzet working with no internet: serves a bundled demo site on 127.0.0.1 (invented Russian, Kazakh and
English news and Telegram posts, some unrelated, some on migration policy, some hateful, some counter-speech,
with a spike of hateful posts four days ago), crawls it with the normal crawler into a fresh database (in a
temporary folder unless --data is given), then serves the UI on --port (default 8080). Every demo text is invented.`;

function sourceFiles(base: string): Record<string, string> {
  const common = ['country: KZ', 'schedule: 1d', 'max_items: 200', ''];
  return {
    'demo-news.yaml': [
      'id: demo-news',
      'name: Демо-Вести (вымышленное издание)',
      'kind: news',
      `homepage: ${base}/`,
      `feeds: [${base}/rss.xml]`,
      'languages: [ru, kk, en]',
      ...common,
    ].join('\n'),
    'demo-telegram.yaml': [
      'id: demo-telegram',
      'name: Демо-канал «Голос двора» (вымышленный)',
      'kind: telegram',
      `channel: ${DEMO_CHANNEL}`,
      'languages: [ru, kk, en]',
      ...common,
    ].join('\n'),
  };
}

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommand(argv, { port: { type: 'string' }, host: { type: 'string' } }, USAGE, (v) => ({
    port: v.port,
    host: v.host,
  }));
  if (!parsed) return Number(process.exitCode ?? 0);
  const site = serveHttp({ fetch: demoSite(loadDemoContent(new Date())).fetch, hostname: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => site.once('listening', resolve));
  const base = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;

  const temp = await mkdtemp(path.join(tmpdir(), 'kuzet-demo-'));
  const sourcesDir = path.join(temp, 'sources');
  await mkdir(sourcesDir);
  for (const [name, text] of Object.entries(sourceFiles(base))) await writeFile(path.join(sourcesDir, name), text);
  const dataDir = typeof parsed.values.data === 'string' ? parsed.values.data : path.join(temp, 'data');
  // Always embedded: the demo is one process with its own database, whatever services the environment names.
  const { ELASTICSEARCH_URL: _es, REDIS_URL: _redis, ...env } = process.env;
  const config = loadConfig(env, {
    dataDir,
    sourcesDir,
    port: parsed.values.port,
    host: parsed.values.host,
    telegramBaseUrl: base,
    perHostDelayMs: '0',
  });
  const runtime = await openRuntime(config, { data: 'create' });
  const { log } = runtime;
  log.info('demo site serving invented stories', { url: base });
  const started = Date.now();
  for (const source of runtime.sources.values()) await runCrawl(source, { ...runtime.stageDeps, documents: 'inline' });
  await runtime.store.refresh();
  log.info('demo crawl done', { articles: await runtime.store.count(), ms: Date.now() - started });

  const { server } = await listenApp({ store: runtime.store, log }, config);
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}`;
  console.log(
    `Kuzet demo (invented stories) at ${url}/\n  search: ${url}/?label=xenophobic\n  trends: ${url}/trends?interval=day\n  sources: ${url}/sources\nCtrl-C stops it.`,
  );
  const signal = await untilSignal();
  log.info('shutting down', { signal });
  setTimeout(() => process.exit(1), 10_000).unref();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await new Promise<void>((resolve) => site.close(() => resolve()));
  await runtime.close();
  if (typeof parsed.values.data !== 'string') await rm(temp, { recursive: true, force: true });
  return 0;
}
