#!/usr/bin/env node
// The test command (`npm test`): starts the services the suite needs (Redis, Elasticsearch, Chromium),
// runs vitest with any extra arguments (e.g. a file filter), stops what it started, and prints
// `N passed, N failed` as the last line. Exit code 0 only when tests ran and none failed.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureChromium } from './lib/chromium.mjs';
import { ensureElasticsearch } from './lib/elasticsearch.mjs';
import { SetupError, say, stopOnSignals } from './lib/process.mjs';
import { ensureRedis } from './lib/redis.mjs';
import { mergeReports, runVitest, summarize } from './lib/vitest.mjs';
import { ensureWarcReader } from './lib/warc-reader.mjs';

const repoRoot = dirname(dirname(fileURLToPath(import.meta.url)));
process.chdir(repoRoot);

const runDir = mkdtempSync(join(tmpdir(), 'kuzet-test-'));
chmodSync(runDir, 0o755);
const DEADLINE_MINUTES = Number(process.env.KUZET_TEST_DEADLINE_MINUTES ?? 20);
const FAULT_DIR = 'test/fault/';
const FAULT_FILES = `${FAULT_DIR}**`;
const services = [];
let vitest;
let stopping;

async function stopAll() {
  stopping ??= (async () => {
    await vitest?.stop();
    const started = services.splice(0).reverse();
    if (started.length > 0) say(`stopping ${started.map((service) => service.name).join(', ')}`);
    await Promise.allSettled(started.map((service) => service.stop()));
    rmSync(runDir, { recursive: true, force: true });
  })();
  return stopping;
}

stopOnSignals(stopAll);

async function main() {
  const started = await Promise.allSettled([ensureRedis(runDir, services), ensureElasticsearch(runDir, services)]);
  const failure = started.find((result) => result.status === 'rejected');
  if (failure) throw failure.reason;
  const [redis, elasticsearch] = started.map((result) => result.value);
  const chromium = ensureChromium();
  const env = {
    ...process.env,
    REDIS_URL: redis.url,
    ELASTICSEARCH_URL: elasticsearch.url,
    KUZET_PYTHON: ensureWarcReader(),
  };
  if (chromium) env.CHROMIUM_PATH = chromium;
  // The fault suite stops and starts its own Redis and Elasticsearch, which loads the machine: it runs after
  // the rest, alone, so timing-sensitive tests never share the CPU with an Elasticsearch starting up.
  const args = process.argv.slice(2);
  const phases = args.length > 0 ? [args] : [['--exclude', FAULT_FILES], [FAULT_DIR]];
  const deadline = Date.now() + DEADLINE_MINUTES * 60_000;
  const runs = [];
  for (const [i, phaseArgs] of phases.entries()) {
    const run = await runVitest(phaseArgs, runDir, env, {
      deadlineMs: Math.max(60_000, deadline - Date.now()),
      reportName: `vitest-report-${i}.json`,
      onStart: (handle) => {
        vitest = handle;
      },
    });
    runs.push(run);
    if (run.error || run.timedOut) break;
  }
  await stopAll();
  const error = runs.find((r) => r.error)?.error;
  const timedOut = runs.some((r) => r.timedOut);
  const code = runs.find((r) => r.code !== 0)?.code ?? 0;
  const report = mergeReports(runs.map((r) => r.report));
  if (error) return finish(`vitest did not start: ${error.message}`, '0 passed, 0 failed', 1);
  if (timedOut) {
    say(
      `vitest was still running after ${DEADLINE_MINUTES} min and was stopped: a test hangs (run files one by one to find it)`,
    );
  }
  const summary = summarize(report);
  for (const name of summary.brokenFiles) say(`test file failed before its tests ran: ${name}`);
  if (!report) return finish('vitest wrote no report (see its output above)', summary.line, 1);
  if (summary.passed + summary.failed === 0) return finish('no tests ran', summary.line, 1);
  const failedRun = summary.failed > 0 || code !== 0;
  return finish(
    failedRun && summary.failed === 0 ? `vitest exited with code ${code}` : '',
    summary.line,
    failedRun ? 1 : 0,
  );
}

function finish(problem, line, exitCode) {
  if (problem) say(problem);
  process.stdout.write(`${line}\n`);
  process.exitCode = exitCode;
}

main().catch(async (error) => {
  process.stderr.write(`[test] ${error instanceof SetupError ? error.message : (error?.stack ?? error)}\n`);
  await stopAll();
  process.stdout.write('0 passed, 0 failed\n');
  process.exitCode = 1;
});
