/**
 * The distributed mode under faults, against its own Redis and Elasticsearch (spare ports, so they can be
 * stopped and started again): a worker killed mid-crawl, Redis lost and restarted empty, Elasticsearch
 * stopped and restarted. Every article must end up stored exactly once, no source may stay frozen, /health
 * must name the dependency that is down within a second, and every process must exit soon after SIGTERM.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchElasticsearch,
  type PreparedElasticsearch,
  prepareElasticsearch,
} from '../../infra/lib/elasticsearch.mjs';
import { launchRedis } from '../../infra/lib/redis.mjs';
import type { Service } from '../../infra/lib/services.d.mts';
import { createBullmqQueues } from '../../src/queue/bullmq/index.js';
import { createElasticsearchStore } from '../../src/store/elasticsearch/index.js';
import { type CliProcess, startKuzet, tempDir, waitFor } from '../helpers/cli.js';

const SOURCE = 'fault-news';
const PREFIX = 'fault';
const LEASE_MS = 2_000;
/** SIGTERM must end a process within the shutdown grace (8 s) plus start-up slack. */
const EXIT_WITHIN_MS = 12_000;

const WORDS = ['рынок', 'погода', 'футбол', 'цены', 'суд', 'театр', 'дорога', 'школа', 'урожай', 'выставка'];

function articlePage(n: number): string {
  const topic = WORDS[n % WORDS.length];
  const body = Array.from(
    { length: 3 },
    (_, k) =>
      `<p>Новость номер ${n}, абзац ${k + 1}: в городе обсуждают тему «${topic}» и ${WORDS[(n + k) % WORDS.length]}. ` +
      `Жители района ${n * 7 + k} рассказали корреспонденту о событии ${n}-${k} подробно и спокойно.</p>`,
  ).join('\n');
  return `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Сводка ${n}</title></head>
<body><main><article><h1>Сводка ${n}: ${topic}</h1>
<time datetime="2024-05-${String(1 + (n % 28)).padStart(2, '0')}T08:00:00Z">май 2024</time>
<div class="article-body">${body}</div></article></main></body></html>`;
}

/** The news site: a sitemap of the `published()` newest articles and the article pages, a little slow. */
async function startSite(published: () => number) {
  const server = createHttpServer((req, res) => {
    const path = req.url ?? '/';
    const base = `http://${req.headers.host}`;
    if (path === '/sitemap.xml') {
      const urls = Array.from(
        { length: published() },
        (_, i) => `<url><loc>${base}/a/${i + 1}</loc><lastmod>2024-05-01</lastmod></url>`,
      ).join('');
      res.writeHead(200, { 'content-type': 'application/xml' });
      res.end(`<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls}</urlset>`);
      return;
    }
    const article = /^\/a\/(\d+)$/.exec(path);
    if (!article) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    setTimeout(() => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(articlePage(Number(article[1])));
    }, 40);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A free TCP port on 127.0.0.1 among `from..to`. */
async function freePortIn(from: number, to: number, also: (port: number) => number = (p) => p): Promise<number> {
  const free = (port: number) =>
    new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
  const start = from + Math.floor(Math.random() * (to - from + 1));
  for (let i = 0; i <= to - from; i++) {
    const port = from + ((start - from + i) % (to - from + 1));
    if ((await free(port)) && (await free(also(port)))) return port;
  }
  throw new Error(`no free port in ${from}..${to}`);
}

async function timed<T>(promise: Promise<T>): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  const value = await promise;
  return { value, ms: Date.now() - started };
}

describe('distributed mode under faults: worker killed, Redis and Elasticsearch restarted', () => {
  const runDir = mkdtempSync(join(tmpdir(), 'kuzet-fault-'));
  chmodSync(runDir, 0o755); // Elasticsearch runs as its own user and must reach its folder.
  const services: Service[] = [];
  const procs: CliProcess[] = [];
  let es: PreparedElasticsearch;
  let esPorts: { port: number; transportPort: number };
  let redisPort = 0;
  let esUrl = '';
  let redisUrl = '';
  let site: { url: string; close: () => Promise<void> };
  let published = 60;
  let sources: Awaited<ReturnType<typeof tempDir>>;
  let api = '';
  let redisService: Service;
  let esService: Service;

  const env = () => ({
    ELASTICSEARCH_URL: esUrl,
    REDIS_URL: redisUrl,
    KUZET_INDEX_PREFIX: PREFIX,
    KUZET_QUEUE_PREFIX: PREFIX,
    KUZET_LEASE_MS: String(LEASE_MS),
    KUZET_PER_HOST_DELAY_MS: '120',
  });
  const kuzet = (args: string[]) => {
    const proc = startKuzet([...args, '--sources', sources.dir, '--data', runDir], env());
    procs.push(proc);
    return proc;
  };
  const logs = () => procs.map((p) => p.stderr().slice(-1500)).join('\n---\n');

  /** Urls of the stored articles, read straight from the index (refreshed first). */
  async function storedUrls(): Promise<string[]> {
    const store = createElasticsearchStore({ node: esUrl, indexPrefix: PREFIX });
    try {
      await store.refresh();
      const urls: string[] = [];
      for await (const batch of store.scan(null, 500)) urls.push(...batch.map((a) => a.url));
      return urls;
    } finally {
      await store.close();
    }
  }

  async function health() {
    const store = createElasticsearchStore({ node: esUrl, indexPrefix: PREFIX });
    try {
      return (await store.listSources()).find((s) => s.id === SOURCE)?.health;
    } finally {
      await store.close();
    }
  }

  async function expectEachStoredOnce(count: number) {
    await waitFor(`${count} articles stored`, async () => (await storedUrls()).length >= count, 90_000, logs);
    const urls = await storedUrls();
    expect(urls).toHaveLength(count);
    expect(new Set(urls).size).toBe(count);
    const expected = Array.from({ length: count }, (_, i) => `${site.url}/a/${i + 1}`);
    expect([...urls].sort()).toEqual(expected.sort());
  }

  async function enqueueCrawl(id: string) {
    const queues = createBullmqQueues({ redisUrl, prefix: PREFIX });
    try {
      await queues.add('crawl', { source_id: SOURCE }, { jobId: `crawl-${SOURCE}-${id}` });
    } finally {
      await queues.close();
    }
  }

  async function getHealth() {
    return timed(
      fetch(`${api}/health`, { signal: AbortSignal.timeout(5000) }).then(async (r) => ({
        status: r.status,
        body: await r.json(),
      })),
    );
  }

  async function stopWithin(proc: CliProcess) {
    proc.child.kill('SIGTERM');
    const { value, ms } = await timed(proc.exited);
    expect(ms, value.stderr.slice(-2000)).toBeLessThan(EXIT_WITHIN_MS);
    return value;
  }

  beforeAll(async () => {
    redisPort = await freePortIn(6400, 6449);
    ({ url: redisUrl, service: redisService } = await launchRedis(runDir, redisPort, services));
    const esPort = await freePortIn(9270, 9279, (p) => p + 100);
    esPorts = { port: esPort, transportPort: esPort + 100 };
    es = prepareElasticsearch(runDir, 'fault-elasticsearch');
    ({ url: esUrl, service: esService } = await launchElasticsearch(es, esPorts, services));
    site = await startSite(() => published);
    sources = await tempDir({
      [`${SOURCE}.yaml`]: [
        `id: ${SOURCE}`,
        'name: Fault News',
        'kind: news',
        `homepage: ${site.url}/`,
        `sitemaps: [${site.url}/sitemap.xml]`,
        'languages: [ru]',
        'country: KZ',
        'schedule: 1d',
        'max_items: 500',
        '',
      ].join('\n'),
    });
  }, 240_000);

  afterAll(async () => {
    for (const proc of procs) if (proc.child.exitCode === null) proc.child.kill('SIGKILL');
    await Promise.all(procs.map((p) => p.exited));
    await site?.close();
    await sources?.remove();
    await Promise.allSettled(services.map((s) => s.stop(5_000)));
    rmSync(runDir, { recursive: true, force: true });
  }, 60_000);

  const workers: CliProcess[] = [];
  let server: CliProcess;
  const ready = (proc: CliProcess) =>
    waitFor('a worker to be ready', async () => proc.stderr().includes('kuzet runtime ready'), 60_000, logs);
  const alive = () => workers.filter((w) => w.child.exitCode === null && w.child.signalCode === null);
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('crawls again the source of a worker killed mid-crawl, within seconds, storing each article once', async () => {
    const port = await freePortIn(20000, 40000);
    api = `http://127.0.0.1:${port}`;
    server = kuzet(['serve', '--port', String(port), '--host', '127.0.0.1']);
    workers.push(kuzet(['worker']), kuzet(['worker']));
    await Promise.all(workers.map(ready));
    await enqueueCrawl('first');
    await waitFor(
      'the crawl to be under way',
      async () => (await health())?.crawling_since && (await storedUrls()).length >= 3,
      90_000,
      logs,
    );
    const holder = workers.find((w) => w.stderr().includes('"msg":"crawl started"'));
    if (!holder) throw new Error(`no worker logged the crawl\n${logs()}`);
    holder.child.kill('SIGKILL');
    await holder.exited;
    // The dead worker's crawl shows as in progress: a source that stays so is stuck, and visibly.
    expect((await health())?.crawling_since).toBeTruthy();
    expect((await storedUrls()).length).toBeLessThan(published);
    // Another worker joins; the two carry on through the outages below.
    workers.push(kuzet(['worker']));

    await expectEachStoredOnce(published);
    const after = await waitFor('the crawl to finish', async () => {
      const h = await health();
      return h?.crawling_since === null && h.last_outcome === 'ok' ? h : null;
    });
    expect(after.last_success_at).toBeTruthy();
    expect((await getHealth()).value.status).toBe(200);
    await Promise.all(alive().map(ready));
  }, 150_000);

  it('answers /health 503 at once and stops on SIGTERM while Redis is down; loses nothing when it returns empty', async () => {
    const [leaving] = alive();
    await redisService.stop(5_000);
    const down = await getHealth();
    expect(down.ms).toBeLessThan(1_000);
    expect(down.value.status).toBe(503);
    expect(down.value.body.dependencies).toMatchObject({ store: { ok: true }, redis: { ok: false } });

    const mark = leaving.stderr().length;
    await sleep(3_000);
    const complaints = leaving
      .stderr()
      .slice(mark)
      .split('\n')
      .filter((line) => line.includes('redis connection error'));
    expect(complaints.length, complaints.join('\n')).toBeLessThanOrEqual(2);
    await stopWithin(leaving);

    ({ service: redisService } = await launchRedis(runDir, redisPort, services));
    published += 10;
    await enqueueCrawl('after-redis');
    await expectEachStoredOnce(published);
    await waitFor('/health to recover', async () => (await getHealth()).value.status === 200, 20_000);
    // A second worker for the next outage, where one of the two is stopped.
    const joining = kuzet(['worker']);
    workers.push(joining);
    await ready(joining);
  }, 120_000);

  it('logs each failed attempt with its cause while Elasticsearch is down, and catches up once it is back', async () => {
    await esService.stop(15_000);
    const down = await getHealth();
    expect(down.ms).toBeLessThan(1_000);
    expect(down.value.status).toBe(503);
    expect(down.value.body.dependencies).toMatchObject({ store: { ok: false }, redis: { ok: true } });

    published += 10;
    await enqueueCrawl('during-es-outage');
    const attempt = await waitFor(
      'a failed attempt to be logged',
      async () =>
        alive()
          .flatMap((w) => w.stderr().split('\n'))
          .find((line) => line.includes('job attempt failed') && line.includes('"queue":"crawl"')),
      30_000,
      logs,
    );
    expect(JSON.parse(attempt).error).toMatch(/elasticsearch store: .* failed/);
    const [leaving] = alive();
    await stopWithin(leaving);
    // A worker started during the outage waits for Elasticsearch instead of exiting.
    const starting = kuzet(['worker']);
    workers.push(starting);
    await waitFor(
      'the new worker to wait',
      async () => starting.stderr().includes('not ready yet; trying again'),
      30_000,
      logs,
    );
    expect(starting.child.exitCode).toBeNull();

    ({ service: esService } = await launchElasticsearch(es, esPorts, services));
    await ready(starting);
    await enqueueCrawl('after-elasticsearch');
    await expectEachStoredOnce(published);
    await waitFor('/health to recover', async () => (await getHealth()).value.status === 200, 30_000);
  }, 240_000);

  it('stops every process within seconds of SIGTERM, having written only JSON log lines', async () => {
    await Promise.all([...alive(), server].map(stopWithin));
    for (const proc of procs) {
      for (const line of proc.stderr().split('\n').filter(Boolean)) {
        expect(() => JSON.parse(line), line).not.toThrow();
      }
    }
  }, 60_000);
});
