import { randomUUID } from 'node:crypto';
import { Client } from '@elastic/elasticsearch';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evidenceIndexNames } from '../../src/evidence/elasticsearch/index.js';
import { indexNames } from '../../src/store/elasticsearch/mappings.js';
import { type CliProcess, freePort, startKuzet, tempDir, waitFor } from '../helpers/cli.js';
import { type FixtureServer, startFixtureServer } from '../helpers/fixture-server.js';
import {
  FIXTURE_ARTICLES,
  FIXTURE_SITE_ROOT,
  FIXTURE_TELEGRAM_POSTS,
  fixtureSourceFiles,
  newsSiteRoutes,
  telegramRoutes,
} from '../helpers/fixture-site.js';

const { ELASTICSEARCH_URL, REDIS_URL } = process.env;
const EXPECTED = FIXTURE_ARTICLES.length + FIXTURE_TELEGRAM_POSTS.length;

async function getJson(url: string) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  return res.json();
}

describe('distributed mode: api, two workers and a scheduler over BullMQ and Elasticsearch', () => {
  const id = randomUUID().slice(0, 8);
  const prefixes = { KUZET_INDEX_PREFIX: `test-${id}`, KUZET_QUEUE_PREFIX: `test-${id}` };
  let site: FixtureServer;
  let sources: Awaited<ReturnType<typeof tempDir>>;
  let data: Awaited<ReturnType<typeof tempDir>>;
  const procs: CliProcess[] = [];
  let api = '';

  beforeAll(async () => {
    if (!ELASTICSEARCH_URL || !REDIS_URL) {
      throw new Error('ELASTICSEARCH_URL and REDIS_URL must be set: run the suite with `npm test`, which starts both');
    }
    site = await startFixtureServer({ root: FIXTURE_SITE_ROOT, routes: { ...newsSiteRoutes(), ...telegramRoutes() } });
    sources = await tempDir(fixtureSourceFiles(site.url));
    data = await tempDir();
    const port = await freePort();
    const env = {
      ...prefixes,
      ELASTICSEARCH_URL,
      REDIS_URL,
      KUZET_TELEGRAM_BASE_URL: site.url,
      KUZET_PER_HOST_DELAY_MS: '0',
    };
    const common = ['--sources', sources.dir, '--data', data.dir];
    procs.push(startKuzet(['serve', '--port', String(port), '--host', '127.0.0.1', ...common], env));
    procs.push(startKuzet(['worker', ...common], env));
    procs.push(startKuzet(['worker', ...common], env));
    procs.push(startKuzet(['scheduler', ...common], env));
    api = `http://127.0.0.1:${port}`;
  }, 60_000);

  afterAll(async () => {
    for (const proc of procs) if (proc.child.exitCode === null) proc.child.kill('SIGKILL');
    await Promise.all(procs.map((p) => p.exited));
    await site?.close();
    await sources?.remove();
    await data?.remove();
    if (ELASTICSEARCH_URL) {
      const es = new Client({ node: ELASTICSEARCH_URL });
      const prefix = prefixes.KUZET_INDEX_PREFIX;
      const names = [...Object.values(indexNames(prefix)), ...Object.values(evidenceIndexNames(prefix))];
      await es.indices.delete({ index: names, ignore_unavailable: true });
      await es.close();
    }
    if (REDIS_URL) {
      const redis = new Redis(REDIS_URL);
      const keys = await redis.keys(`${prefixes.KUZET_QUEUE_PREFIX}:*`);
      if (keys.length) await redis.del(...keys);
      await redis.quit();
    }
  }, 60_000);

  it('crawls the fixture site through the queues into Elasticsearch, each item once, searchable by the API', async () => {
    const health = await waitFor('the API to answer /health', () => getJson(`${api}/health`), 120_000);
    expect(health.store).toBe('elasticsearch');
    const result = await waitFor(
      'every article and post to be indexed',
      async () => {
        const page = await getJson(`${api}/api/search?collapse=false&size=100&facets=false`);
        return page.total >= EXPECTED ? page : null;
      },
      120_000,
      () => procs.map((p) => p.stderr().slice(-1500)).join('\n---\n'),
    );
    expect(result.total).toBe(EXPECTED);
    expect(new Set(result.items.map((i: { url: string }) => i.url)).size).toBe(EXPECTED);
    for (const item of result.items) expect(item.classifier_version).toBeTruthy();

    const found = await getJson(`${api}/api/search?q=${encodeURIComponent('мигрант*')}&collapse=false`);
    expect(found.total).toBeGreaterThan(0);
    const { items: list } = await getJson(`${api}/api/sources`);
    const news = list.find((s: { id: string }) => s.id === 'fixture-news');
    expect(news.health.last_success_at).toBeTruthy();
  }, 300_000);

  it('stops every process cleanly on SIGTERM', async () => {
    for (const proc of procs) proc.child.kill('SIGTERM');
    const results = await Promise.all(procs.map((p) => p.exited));
    for (const result of results) expect(result.code, result.stderr.slice(-2000)).toBe(0);
  }, 60_000);
});
