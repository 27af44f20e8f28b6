// Small process helpers for the test runner: logging, sync commands, apt installs, long-running services.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';

/** Progress messages go to stderr so the summary stays the last line of stdout. */
export function say(message) {
  process.stderr.write(`[test] ${message}\n`);
}

export class SetupError extends Error {}

/**
 * Stops the services a runner started before it exits on SIGINT or SIGTERM (with the shell's 130 or 143),
 * unless `first(signal)` returns true (it passed the signal on and exits by itself).
 */
export function stopOnSignals(stopAll, first = () => false) {
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ]) {
    process.on(signal, () => {
      if (first(signal)) return;
      say(`${signal}: stopping services`);
      void stopAll().finally(() => process.exit(code));
    });
  }
}

export function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** Runs a command to completion; returns { status, stdout, stderr } (status null when it could not start). */
export function runSync(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', ...options });
  return { status: result.error ? null : result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

export function commandExists(name) {
  return runSync('sh', ['-c', `command -v ${name}`]).status === 0;
}

/** apt-get install as root, running apt-get update once if the first attempt fails. */
export function aptInstall(packages, why) {
  if (!isRoot()) {
    throw new SetupError(`${why}: install ${packages.join(' ')} (apt-get install -y ${packages.join(' ')}) and re-run`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () => runSync('apt-get', ['install', '-y', ...packages], { env, stdio: 'inherit' });
  say(`installing ${packages.join(' ')} with apt-get (${why})`);
  if (install().status === 0) return;
  say('apt-get install failed; running apt-get update and trying again');
  runSync('apt-get', ['update'], { env, stdio: 'inherit' });
  if (install().status !== 0)
    throw new SetupError(`${why}: apt-get install -y ${packages.join(' ')} failed (see above)`);
}

/** Last `lines` lines of a text file, or '' when it does not exist. */
export function tail(file, lines = 40) {
  if (!existsSync(file)) return '';
  return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
}

/**
 * Starts a long-running service in its own process group, output to `logFile`.
 * stop() sends SIGTERM to the group, then SIGKILL after `graceMs`.
 */
export function startService({ name, command, args, env, cwd, uid, gid, logFile }) {
  const log = openSync(logFile, 'a');
  const child = spawn(command, args, { env, cwd, uid, gid, detached: true, stdio: ['ignore', log, log] });
  closeSync(log);
  let exited = false;
  const exit = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      exited = true;
      resolve({ code, signal });
    });
    child.on('error', (error) => {
      exited = true;
      resolve({ code: null, signal: null, error });
    });
  });
  const signalGroup = (signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  return {
    name,
    child,
    exit,
    hasExited: () => exited,
    async stop(graceMs = 15_000) {
      if (exited || child.pid === undefined) return;
      signalGroup('SIGTERM');
      const timer = setTimeout(() => signalGroup('SIGKILL'), graceMs);
      await exit;
      clearTimeout(timer);
      signalGroup('SIGKILL');
    },
  };
}

/**
 * Polls `check` until it returns true; fails early when `service` exits and after `timeoutMs`,
 * with `describe()` (e.g. a log tail) in the message.
 */
export async function waitUntil(check, { what, timeoutMs, intervalMs = 250, service, describe = () => '' }) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (service?.hasExited()) {
      const { code, signal, error } = await service.exit;
      const why = error ? error.message : `exit code ${code}${signal ? `, signal ${signal}` : ''}`;
      throw new SetupError(`${what}: ${service.name} stopped while starting (${why})\n${describe()}`);
    }
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new SetupError(`${what}: not ready after ${Math.round(timeoutMs / 1000)} s\n${describe()}`);
}
