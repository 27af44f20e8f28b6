import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Article } from '../../domain.js';
import { parseQuery } from '../../search/parse.js';
import type { ArticleStore } from '../../store/port.js';
import {
  BENCH_STORE_KINDS,
  type BenchStore,
  type BenchStoreKind,
  elasticsearchBenchStore,
  sqliteBenchStore,
} from './bench-stores.js';
import { markdownTable, percentile, runLoad, type ServerRun } from './load.js';
import { cpuMs, memoryMb } from './process-stats.js';
import { random } from './random.js';
import { syntheticArticles, syntheticSources } from './synthetic.js';
import { BROAD_QUERIES, rareQuery, TOPICAL_QUERIES, wideTimeseries, workload } from './workload.js';
import { TOPICAL_RANK, VOCABULARY_SIZE, ZIPF_EXPONENT } from './zipf.js';

const BATCH = 1000;

async function build(target: BenchStore, count: number): Promise<number> {
  const started = performance.now();
  const store = target.open();
  await store.init();
  const existing = await store.count();
  if (existing >= count) {
    await store.close();
    console.error(`bench-api: reusing ${existing} articles in ${target.label}`);
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
      console.error(
        `bench-api: ${target.label}: indexed ${n}/${count} (${((performance.now() - started) / 1000).toFixed(0)} s)`,
      );
  }
  if (batch.length) await store.putArticles(batch);
  await store.refresh();
  await store.close();
  return (performance.now() - started) / 1000;
}

/** Share of articles each query class matches, as `median% (min–max%)`. */
async function corpusProfile(store: ArticleStore): Promise<string> {
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

/** Milliseconds until `path` first answers 2xx (polled). */
async function until(origin: string, path: string, started: number): Promise<number> {
  let last = 'no answer';
  while (performance.now() - started < SERVER_START_LIMIT_MS) {
    try {
      const res = await fetch(`${origin}${path}`);
      await res.text();
      if (res.ok) return performance.now() - started;
      last = `HTTP ${res.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`bench-api: ${path} did not answer 2xx within ${SERVER_START_LIMIT_MS / 1000} s (last: ${last})`);
}

/** How long the server process may take to answer (the column index of millions of articles loads first). */
const SERVER_START_LIMIT_MS = 10 * 60_000;

/** A load run with the server process's CPU per request and resident memory after it. */
async function measured(pid: number, target: BenchStore, options: Parameters<typeof runLoad>[0]): Promise<ServerRun> {
  const perRequest = (before: number | null, after: number | null, requests: number) =>
    before === null || after === null || !requests ? null : (after - before) / requests;
  const before = { server: cpuMs(pid), store: await target.storeCpuMs() };
  const result = await runLoad(options);
  const after = { server: cpuMs(pid), store: await target.storeCpuMs() };
  if (result.firstError)
    console.error(`bench-api: ${target.label}: ${options.name}: ${result.errors} errors, first: ${result.firstError}`);
  return {
    ...result,
    clients: options.concurrency,
    cpuMsPerRequest: perRequest(before.server, after.server, result.requests),
    storeCpuMsPerRequest: perRequest(before.store, after.store, result.requests),
    rssMb: memoryMb(pid)?.rss ?? null,
  };
}

async function startServer(target: BenchStore): Promise<{ child: ChildProcess; origin: string }> {
  const bin = new URL('../../cli/bin.js', import.meta.url).pathname;
  const child = spawn(process.execPath, [bin, 'bench-api', ...target.serveArgs], {
    env: { ...process.env, ...target.serveEnv, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
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

/** Options of `kuzet bench-api` (see its usage). */
export type DriveOptions = {
  articles: string;
  stores: string;
  concurrency: string;
  duration: string;
  'max-requests': string;
  cold: string;
  wide: string;
  data?: string;
  keep: boolean;
};

interface Settings {
  count: number;
  levels: number[];
  durationMs: number;
  maxRequests: number;
  cold: number;
  wide: number;
}

/** What one store's run measured. */
interface StoreReport {
  target: BenchStore;
  size: string;
  buildSeconds: number;
  profile: string;
  healthMs: number;
  searchMs: number;
  idleRssMb: number | null;
  peakRssMb: number | null;
  results: ServerRun[];
}

const ENDPOINTS = [
  ['GET /health (baseline)', 'health'],
  ['GET /api/search', 'search'],
  ['GET /api/timeseries', 'timeseries'],
] as const;

/** Builds (or reuses) the store, serves the API over it from its own process and drives it. */
async function measureStore(target: BenchStore, settings: Settings): Promise<StoreReport> {
  const buildSeconds = await build(target, settings.count);
  const size = await target.describeSize();
  const profile = await corpusProfile(target.open());
  const spawned = performance.now();
  const server = await startServer(target);
  const pid = server.child.pid as number;
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  try {
    const healthMs = await until(server.origin, '/health', spawned);
    const searchMs = await until(server.origin, '/api/search?size=1&facets=false', spawned);
    const idle = memoryMb(pid);
    const results: ServerRun[] = [];
    const run = (options: Omit<Parameters<typeof runLoad>[0], 'origin'>) =>
      measured(pid, target, { ...options, origin: server.origin });
    for (const [name, kind] of ENDPOINTS.slice(1)) {
      if (!settings.cold) break;
      results.push(
        await run({
          name: `${name} (first ${settings.cold} on the fresh server)`,
          concurrency: 1,
          durationMs: Math.max(settings.durationMs, 120_000),
          maxRequests: settings.cold,
          next: workload(kind, 7),
        }),
      );
    }
    for (const clients of settings.levels) {
      for (const [name, kind] of ENDPOINTS) {
        results.push(
          await run({
            name,
            concurrency: clients,
            durationMs: settings.durationMs,
            maxRequests: settings.maxRequests,
            next: workload(kind, 1),
          }),
        );
      }
    }
    if (settings.wide) {
      results.push(
        await run({
          name: `GET /api/timeseries, ${settings.wide} distinct daily series since 2000 (wide)`,
          concurrency: 1,
          durationMs: 30 * 60_000,
          maxRequests: settings.wide,
          next: wideTimeseries(),
        }),
      );
    }
    return {
      target,
      size,
      buildSeconds,
      profile,
      healthMs,
      searchMs,
      idleRssMb: idle?.rss ?? null,
      peakRssMb: memoryMb(pid)?.peak ?? null,
      results,
    };
  } finally {
    server.child.kill('SIGTERM');
    await exited;
  }
}

function printReport(report: StoreReport, duration: string): void {
  const mb = (x: number | null | undefined) => (x == null ? 'n/a' : `${x.toFixed(0)} MB`);
  console.log(`\n### ${report.target.label}\n`);
  console.log(
    `${report.size}${report.buildSeconds ? `, built in ${report.buildSeconds.toFixed(0)} s` : ', reused'}; ` +
      `${duration} s per endpoint and client count; the API server in its own process.\n`,
  );
  console.log(
    `Server start-up: /health answers after ${(report.healthMs / 1000).toFixed(2)} s, the first search after ${(report.searchMs / 1000).toFixed(2)} s; ` +
      `server RSS ${mb(report.idleRssMb)} idle, ${mb(report.peakRssMb)} at peak.\n`,
  );
  console.log(markdownTable(report.results));
}

/** p95 and throughput of each store side by side, for the runs every store made. */
function comparisonTable(reports: StoreReport[]): string {
  const key = (r: ServerRun) => `${r.name}|${r.clients}`;
  const [first] = reports;
  const rows = first.results.map((r) => {
    const cells = reports.map((report) => report.results.find((x) => key(x) === key(r)));
    const p95 = cells.map((c) => (c ? percentile(c.latencies, 95).toFixed(1) : 'n/a'));
    const rate = cells.map((c) => (c ? (c.requests / c.seconds).toFixed(0) : 'n/a'));
    return `| ${r.name} | ${r.clients} | ${p95.join(' | ')} | ${rate.join(' | ')} |`;
  });
  const labels = reports.map((r) => r.target.label);
  return [
    `| endpoint | clients | ${labels.map((l) => `${l} p95 ms`).join(' | ')} | ${labels.map((l) => `${l} req/s`).join(' | ')} |`,
    `|---|---:|${labels.map(() => '---:').join('|')}|${labels.map(() => '---:').join('|')}|`,
    ...rows,
  ].join('\n');
}

/**
 * Builds or reuses each store, starts a server process over it and drives it; resolves to the exit code.
 *
 * @example
 * await drive({ articles: '100000', stores: 'sqlite,elasticsearch', concurrency: '1,8,50', duration: '10', 'max-requests': '200000', cold: '200', wide: '0', keep: false }, USAGE);
 */
export async function drive(values: DriveOptions, usage: string): Promise<number> {
  const settings: Settings = {
    count: Number(values.articles),
    levels: values.concurrency.split(',').map(Number),
    durationMs: Number(values.duration) * 1000,
    maxRequests: Number(values['max-requests']),
    cold: Number(values.cold),
    wide: Number(values.wide),
  };
  const { count, levels, durationMs, maxRequests, cold, wide } = settings;
  if (
    ![count, ...levels, durationMs, maxRequests].every((v) => Number.isInteger(v) && v > 0) ||
    ![cold, wide].every((v) => Number.isInteger(v) && v >= 0)
  ) {
    console.error(
      `bench-api: --articles, --concurrency (a list), --duration and --max-requests must be positive integers, --cold and --wide whole numbers\n\n${usage}`,
    );
    return 2;
  }
  const kinds = [...new Set(values.stores.split(',').map((k) => k.trim()))];
  const unknown = kinds.filter((k) => !BENCH_STORE_KINDS.includes(k as BenchStoreKind));
  if (!kinds.length || unknown.length) {
    console.error(
      `bench-api: --stores takes ${BENCH_STORE_KINDS.join(', ')} (comma-separated), not "${unknown.join(',')}"\n\n${usage}`,
    );
    return 2;
  }
  const elasticsearchUrl = process.env.ELASTICSEARCH_URL;
  if (kinds.includes('elasticsearch') && !elasticsearchUrl) {
    console.error('bench-api: --stores elasticsearch needs ELASTICSEARCH_URL (npm run bench:api starts one)');
    return 2;
  }
  const keep = Boolean(values.data) || values.keep;
  const targets = kinds.map((kind) =>
    kind === 'sqlite'
      ? sqliteBenchStore(values.data ?? mkdtempSync(join(tmpdir(), 'kuzet-bench-api-')))
      : elasticsearchBenchStore(elasticsearchUrl as string, `bench-api-${count}`),
  );
  const reports: StoreReport[] = [];
  try {
    for (const target of targets) reports.push(await measureStore(target, settings));
  } finally {
    if (!keep) for (const target of targets) await target.remove();
  }
  console.log('\n## kuzet bench-api\n');
  console.log(
    `${count} synthetic articles in ${reports.map((r) => r.target.label).join(' and ')}; Node ${process.version}; ` +
      `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GB RAM.\n`,
  );
  console.log(`${reports[0].profile}\n`);
  for (const report of reports) printReport(report, values.duration);
  if (reports.length > 1) {
    console.log('\n### Side by side (same corpus, same query mix, same run)\n');
    console.log(comparisonTable(reports));
  }
  return reports.some((r) => r.results.some((x) => x.errors > 0)) ? 1 : 0;
}
