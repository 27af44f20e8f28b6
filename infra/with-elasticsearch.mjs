#!/usr/bin/env node
// Runs a command with ELASTICSEARCH_URL set: the one given if it answers, else an Elasticsearch 8.19 started
// here (as the test command does) and stopped afterwards. `npm run bench:api` uses it so the benchmark can set
// the distributed mode's store beside SQLite on any machine.
//
//   node infra/with-elasticsearch.mjs node src/cli/bin.js bench-api --stores sqlite,elasticsearch
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureElasticsearch } from './lib/elasticsearch.mjs';
import { SetupError, stopOnSignals } from './lib/process.mjs';

const [command, ...args] = process.argv.slice(2);
if (!command) {
  process.stderr.write('usage: node infra/with-elasticsearch.mjs COMMAND [ARGS...]\n');
  process.exit(2);
}
const runDir = mkdtempSync(join(tmpdir(), 'kuzet-es-'));
chmodSync(runDir, 0o755); // Elasticsearch runs as its own user and must reach its folder.
const services = [];

let child = null;
let stopping = null;
async function stopAll() {
  stopping ??= (async () => {
    await Promise.allSettled(services.splice(0).map((service) => service.stop()));
    rmSync(runDir, { recursive: true, force: true });
  })();
  return stopping;
}

// From the start, so a signal while Elasticsearch is still starting stops it too; once the command runs, the
// signal is passed on to it, and its exit stops Elasticsearch.
stopOnSignals(stopAll, (signal) => Boolean(child?.kill(signal)));

try {
  const { url } = await ensureElasticsearch(runDir, services);
  child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, ELASTICSEARCH_URL: url } });
  const code = await new Promise((resolve) => {
    child.once('error', (error) => {
      process.stderr.write(`[bench] could not run ${command}: ${error.message}\n`);
      resolve(1);
    });
    child.once('exit', (c, s) => resolve(c ?? (s ? 1 : 0)));
  });
  await stopAll();
  process.exitCode = code;
} catch (error) {
  process.stderr.write(`[bench] ${error instanceof SetupError ? error.message : (error?.stack ?? error)}\n`);
  await stopAll();
  process.exitCode = 1;
}
