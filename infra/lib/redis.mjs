// Redis for the test suite: REDIS_URL when it answers, else a throwaway redis-server on 127.0.0.1:6390.
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { aptInstall, commandExists, SetupError, say, startService, tail, waitUntil } from './process.mjs';

const PORT = 6390;

export async function redisAnswers(url) {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 2000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  redis.on('error', () => {});
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

/** Returns { url, service? }; service is set when this run started Redis and must stop it. */
export async function ensureRedis(runDir, services) {
  const given = process.env.REDIS_URL;
  if (given) {
    if (await redisAnswers(given)) {
      say(`using Redis at ${given}`);
      return { url: given };
    }
    say(`REDIS_URL=${given} does not answer PING; starting a local Redis instead`);
  }
  if (!commandExists('redis-server')) aptInstall(['redis-server'], 'the suite needs redis-server');
  const url = `redis://127.0.0.1:${PORT}`;
  if (await redisAnswers(url)) {
    throw new SetupError(
      `port ${PORT} already has a Redis (left over from an earlier run?): stop it, or set REDIS_URL=${url}`,
    );
  }
  const { service } = await launchRedis(runDir, PORT, services);
  return { url, service };
}

/**
 * Starts a throwaway redis-server on 127.0.0.1:`port` without persistence (a restart starts empty) and
 * waits until it answers; `services` (optional) collects it for stopping.
 */
export async function launchRedis(runDir, port, services = []) {
  if (!commandExists('redis-server')) aptInstall(['redis-server'], 'the suite needs redis-server');
  const url = `redis://127.0.0.1:${port}`;
  const logFile = join(runDir, `redis-${port}.log`);
  const service = startService({
    name: 'redis-server',
    command: 'redis-server',
    args: ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'],
    env: process.env,
    cwd: runDir,
    logFile,
  });
  services.push(service);
  await waitUntil(() => redisAnswers(url), {
    what: 'Redis',
    timeoutMs: 20_000,
    intervalMs: 100,
    service,
    describe: () => `redis log (${logFile}):\n${tail(logFile, 20)}`,
  });
  say(`started Redis at ${url}`);
  return { url, service };
}
