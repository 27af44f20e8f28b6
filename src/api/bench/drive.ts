import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Article } from '../../domain.js';
import { parseQuery } from '../../search/parse.js';
import { createSqliteStore } from '../../store/sqlite/index.js';
import { markdownTable, runLoad, type ServerRun } from './load.js';
import { cpuMs, memoryMb } from './process-stats.js';
import { random } from './random.js';
import { syntheticArticles, syntheticSources } from './synthetic.js';
import { BROAD_QUERIES, rareQuery, TOPICAL_QUERIES, wideTimeseries, workload } from './workload.js';
import { TOPICAL_RANK, VOCABULARY_SIZE, ZIPF_EXPONENT } from './zipf.js';

const BATCH = 1000;

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

/** Milliseconds until `path` first answers 2xx (polled). */
async function until(origin: string, path: string, started: number): Promise<number> {
  for (;;) {
    try {
      const res = await fetch(`${origin}${path}`);
      await res.text();
      if (res.ok) return performance.now() - started;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A load run with the server process's CPU per request and resident memory after it. */
async function measured(pid: number, options: Parameters<typeof runLoad>[0]): Promise<ServerRun> {
  const before = cpuMs(pid);
  const result = await runLoad(options);
  const after = cpuMs(pid);
  if (result.firstError)
    console.error(`bench-api: ${options.name}: ${result.errors} errors, first: ${result.firstError}`);
  return {
    ...result,
    clients: options.concurrency,
    cpuMsPerRequest: before === null || after === null || !result.requests ? null : (after - before) / result.requests,
    rssMb: memoryMb(pid)?.rss ?? null,
  };
}

async function startServer(dataDir: string): Promise<{ child: ChildProcess; origin: string }> {
  const bin = new URL('../../cli/bin.js', import.meta.url).pathname;
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

/** Options of `kuzet bench-api` (see its usage). */
export type DriveOptions = {
  articles: string;
  concurrency: string;
  duration: string;
  'max-requests': string;
  cold: string;
  wide: string;
  data?: string;
  keep: boolean;
};

/**
 * Builds or reuses the data folder, starts the server process and drives it; resolves to the exit code.
 *
 * @example
 * await drive({ articles: '100000', concurrency: '1,8,50', duration: '10', 'max-requests': '200000', cold: '200', wide: '0', keep: false });
 */
export async function drive(values: DriveOptions, usage: string): Promise<number> {
  const count = Number(values.articles);
  const levels = values.concurrency.split(',').map(Number);
  const durationMs = Number(values.duration) * 1000;
  const maxRequests = Number(values['max-requests']);
  const cold = Number(values.cold);
  const wide = Number(values.wide);
  if (
    ![count, ...levels, durationMs, maxRequests].every((v) => Number.isInteger(v) && v > 0) ||
    ![cold, wide].every((v) => Number.isInteger(v) && v >= 0)
  ) {
    console.error(
      `bench-api: --articles, --concurrency (a list), --duration and --max-requests must be positive integers, --cold and --wide whole numbers\n\n${usage}`,
    );
    return 2;
  }
  const dataDir = values.data ?? mkdtempSync(join(tmpdir(), 'kuzet-bench-api-'));
  let child: ChildProcess | null = null;
  try {
    const buildSeconds = await build(dataDir, count);
    const dbMb = statSync(join(dataDir, 'kuzet.db')).size / 1e6;
    const profile = await corpusProfile(dataDir);
    const spawned = performance.now();
    const server = await startServer(dataDir);
    child = server.child;
    const pid = child.pid as number;
    const healthMs = await until(server.origin, '/health', spawned);
    const searchMs = await until(server.origin, '/api/search?size=1&facets=false', spawned);
    const idle = memoryMb(pid);
    const results: ServerRun[] = [];
    const endpoints = [
      ['GET /health (baseline)', 'health'],
      ['GET /api/search', 'search'],
      ['GET /api/timeseries', 'timeseries'],
    ] as const;
    for (const [name, kind] of endpoints.slice(1)) {
      if (!cold) break;
      results.push(
        await measured(pid, {
          name: `${name} (first ${cold} on the fresh server)`,
          origin: server.origin,
          concurrency: 1,
          durationMs: Math.max(durationMs, 120_000),
          maxRequests: cold,
          next: workload(kind, 7),
        }),
      );
    }
    for (const clients of levels) {
      for (const [name, kind] of endpoints) {
        results.push(
          await measured(pid, {
            name,
            origin: server.origin,
            concurrency: clients,
            durationMs,
            maxRequests,
            next: workload(kind, 1),
          }),
        );
      }
    }
    if (wide) {
      results.push(
        await measured(pid, {
          name: `GET /api/timeseries, ${wide} distinct daily series since 2000 (wide)`,
          origin: server.origin,
          concurrency: 1,
          durationMs: 30 * 60_000,
          maxRequests: wide,
          next: wideTimeseries(),
        }),
      );
    }
    const peak = memoryMb(pid)?.peak ?? null;
    const mb = (x: number | null | undefined) => (x == null ? 'n/a' : `${x.toFixed(0)} MB`);
    console.log('\n## kuzet bench-api\n');
    console.log(
      `${count} synthetic articles in SQLite (${dbMb.toFixed(0)} MB${buildSeconds ? `, built in ${buildSeconds.toFixed(0)} s` : ''}); ` +
        `${values.duration} s per endpoint and client count; server in its own process; Node ${process.version}; ` +
        `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GB RAM.\n`,
    );
    console.log(`${profile}\n`);
    console.log(
      `Server start-up: /health answers after ${(healthMs / 1000).toFixed(2)} s, the first search after ${(searchMs / 1000).toFixed(2)} s ` +
        `(the column index loads in the background); RSS ${mb(idle?.rss)} idle, ${mb(peak)} at peak.\n`,
    );
    console.log(markdownTable(results));
    return results.some((r) => r.errors > 0) ? 1 : 0;
  } finally {
    child?.kill('SIGTERM');
    if (!values.data && !values.keep) rmSync(dataDir, { recursive: true, force: true });
  }
}
