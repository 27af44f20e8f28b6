import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { serve } from '@hono/node-server';
import { createApp } from '../../api/app.js';
import { type LoadResult, markdownTable, runLoad } from '../../api/bench/load.js';
import { random } from '../../api/bench/random.js';
import { syntheticArticles, syntheticSources } from '../../api/bench/synthetic.js';
import { BROAD_QUERIES, rareQuery, TOPICAL_QUERIES, workload } from '../../api/bench/workload.js';
import { TOPICAL_RANK, VOCABULARY_SIZE, ZIPF_EXPONENT } from '../../api/bench/zipf.js';
import type { Article } from '../../domain.js';
import { parseQuery } from '../../search/parse.js';
import { createSqliteStore } from '../../store/sqlite/index.js';
import { parseFlags } from '../flags.js';

const BATCH = 1000;

const USAGE = `Usage: kuzet bench-api [--articles 100000] [--concurrency 50] [--duration 10] [--max-requests 200000] [--keep]

Builds a temporary SQLite store of synthetic articles (ru/kk/en, two years, clusters, classifications;
words drawn from Zipf-distributed vocabularies, see src/api/bench/zipf.ts),
serves the API from a separate process on 127.0.0.1, and drives it with concurrent HTTP clients:
GET /health (baseline), then a mix of searches, then a mix of time-series requests, each for
--duration seconds or --max-requests requests. Prints req/s and p50/p95/p99 latency as a markdown table.

  --articles N      synthetic articles to index (default 100000)
  --concurrency N   concurrent clients (default 50)
  --duration S      seconds per endpoint (default 10)
  --max-requests N  request cap per endpoint (default 200000)
  --data DIR        reuse (or build into) this data folder instead of a temporary one
  --keep            keep the temporary data folder`;

async function build(dataDir: string, count: number): Promise<number> {
  const started = performance.now();
  const store = createSqliteStore({ dataDir });
  await store.init();
  const existing = await store.count();
  if (existing >= count) {
    await store.close();
    console.error(`bench-api: reusing ${existing} articles in ${dataDir}`);
    return 0;
  }
  await store.upsertSources(syntheticSources());
  let n = 0;
  let batch: Article[] = [];
  for (const article of syntheticArticles(42)) {
    if (n++ >= count) break;
    batch.push(article);
    if (batch.length < BATCH && n < count) continue;
    await store.putArticles(batch);
    batch = [];
    if (n % 10_000 === 0 || n === count)
      console.error(`bench-api: indexed ${n}/${count} (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  }
  if (batch.length) await store.putArticles(batch);
  await store.refresh();
  await store.close();
  return (performance.now() - started) / 1000;
}

/** Share of articles each query class matches, as `median% (min–max%)`. */
async function corpusProfile(dataDir: string): Promise<string> {
  const store = createSqliteStore({ dataDir });
  await store.init();
  const all = await store.count();
  const share = async (queries: string[]) => {
    const shares: number[] = [];
    for (const q of queries) {
      const r = await store.search({
        query: parseQuery(q),
        filters: {},
        sort: 'date',
        collapse: false,
        size: 1,
        facets: false,
      });
      shares.push((100 * r.total) / all);
    }
    shares.sort((a, b) => a - b);
    const pct = (x: number) => (x >= 1 ? x.toFixed(0) : x.toFixed(2));
    return `${pct(shares[shares.length >> 1])}% (${pct(shares[0])}–${pct(shares[shares.length - 1])}%)`;
  };
  const rnd = random(99);
  const rare = Array.from({ length: 30 }, () => rareQuery(rnd));
  const profile =
    `Corpus: ${VOCABULARY_SIZE.toLocaleString('en')} words per language (ru/kk/en), Zipf word frequencies (s = ${ZIPF_EXPONENT}), ` +
    `migration words from rank ${TOPICAL_RANK}. Articles matched per query (median, min–max): ` +
    `broad ${await share(BROAD_QUERIES)}, topical ${await share(TOPICAL_QUERIES)}, rare ${await share(rare)}. ` +
    'Search mix: 25% no query; of the rest 20% broad, 45% topical, 35% rare; random label, severity, lang, source and month filters.';
  await store.close();
  return profile;
}

/** Child mode: serve the API over an existing data folder and print the port. */
async function serveOnly(dataDir: string): Promise<number> {
  const store = createSqliteStore({ dataDir });
  await store.init();
  const server = serve({ fetch: createApp({ store }).fetch, hostname: '127.0.0.1', port: 0 }, (info) =>
    console.log(`PORT ${info.port}`),
  ) as Server;
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve) => process.once('SIGTERM', () => resolve()));
  await new Promise((resolve) => server.close(resolve));
  await store.close();
  return 0;
}

async function startServer(dataDir: string): Promise<{ child: ChildProcess; origin: string }> {
  const bin = new URL('../bin.js', import.meta.url).pathname;
  const child = spawn(process.execPath, [bin, 'bench-api', '--serve', dataDir], {
    env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on('line', (line) => {
      const m = /^PORT (\d+)$/.exec(line);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`bench-api: server process exited with ${code} before listening`)));
  });
  return { child, origin: `http://127.0.0.1:${port}` };
}

export async function run(argv: string[]): Promise<number> {
  const options = {
    articles: { type: 'string', default: '100000' },
    concurrency: { type: 'string', default: '50' },
    duration: { type: 'string', default: '10' },
    'max-requests': { type: 'string', default: '200000' },
    data: { type: 'string' },
    serve: { type: 'string' },
    keep: { type: 'boolean', default: false },
  } as const;
  const parsed = parseFlags<{
    articles: string;
    concurrency: string;
    duration: string;
    'max-requests': string;
    data?: string;
    serve?: string;
    keep: boolean;
  }>('bench-api', argv, options, USAGE, false);
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  if (values.serve) return serveOnly(values.serve);
  const count = Number(values.articles);
  const concurrency = Number(values.concurrency);
  const durationMs = Number(values.duration) * 1000;
  const maxRequests = Number(values['max-requests']);
  if (![count, concurrency, durationMs, maxRequests].every((v) => Number.isInteger(v) && v > 0)) {
    console.error(
      `bench-api: --articles, --concurrency, --duration and --max-requests must be positive integers\n\n${USAGE}`,
    );
    return 2;
  }
  const dataDir = values.data ?? mkdtempSync(join(tmpdir(), 'kuzet-bench-api-'));
  let child: ChildProcess | null = null;
  try {
    const buildSeconds = await build(dataDir, count);
    const dbMb = statSync(join(dataDir, 'kuzet.db')).size / 1e6;
    const profile = await corpusProfile(dataDir);
    const server = await startServer(dataDir);
    child = server.child;
    const results: LoadResult[] = [];
    for (const [name, kind] of [
      ['GET /health (baseline)', 'health'],
      ['GET /api/search', 'search'],
      ['GET /api/timeseries', 'timeseries'],
    ] as const) {
      await runLoad({
        name: 'warm-up',
        origin: server.origin,
        concurrency: 4,
        durationMs: 1000,
        maxRequests: 200,
        next: workload(kind, 7),
      });
      const result = await runLoad({
        name,
        origin: server.origin,
        concurrency,
        durationMs,
        maxRequests,
        next: workload(kind, 1),
      });
      if (result.firstError) console.error(`bench-api: ${name}: ${result.errors} errors, first: ${result.firstError}`);
      results.push(result);
    }
    console.log(`\n## kuzet bench-api\n`);
    console.log(
      `${count} synthetic articles in SQLite (${dbMb.toFixed(0)} MB${buildSeconds ? `, built in ${buildSeconds.toFixed(0)} s` : ''}); ${concurrency} concurrent clients, ${values.duration} s per endpoint; server in its own process; Node ${process.version}.\n`,
    );
    console.log(`${profile}\n`);
    console.log(markdownTable(results));
    return results.some((r) => r.errors > 0) ? 1 : 0;
  } finally {
    child?.kill('SIGTERM');
    if (!values.data && !values.keep) rmSync(dataDir, { recursive: true, force: true });
  }
}
