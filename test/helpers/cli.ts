import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const BIN = path.resolve('src/cli/bin.js');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** A running `kuzet` process with its output collected as it arrives. */
export interface CliProcess {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<CliResult>;
}

/**
 * Starts `kuzet` with the test's environment. The services the test runner exports
 * (ELASTICSEARCH_URL, REDIS_URL) are passed on only when `env` names them, so a test is in the
 * embedded mode unless it asks for the distributed one.
 */
export function startKuzet(args: string[], env: Record<string, string> = {}): CliProcess {
  const { ELASTICSEARCH_URL: _es, REDIS_URL: _redis, ...inherited } = process.env;
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...inherited, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => (stdout += chunk));
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<CliResult>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

export function runKuzet(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return startKuzet(args, env).exited;
}

/** A temp folder with the given files; remove() deletes it. */
export async function tempDir(
  files: Record<string, string> = {},
): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'kuzet-test-'));
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(dir, name), content);
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** A TCP port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Polls `check` until it returns a truthy value or `timeoutMs` passes; then throws naming `what`,
 * with `context()` (e.g. a process's log tail) appended.
 */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | null | undefined | false>,
  timeoutMs = 60_000,
  context: () => string = () => '',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => null);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${context()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
