import { Redis } from 'ioredis';
import { logger, repeatLimited } from '../../log.js';

/** Connection errors repeat several times a second while Redis is down: the first is logged, repeats counted. */
const warn = repeatLimited(logger('queue'), 'warn');

/**
 * An ioredis connection whose errors are logged rather than thrown as unhandled events; ioredis keeps
 * reconnecting in the background. Workers need `maxRetriesPerRequest: null` (blocking commands).
 * The connection is named `<prefix>-<role>` so CLIENT LIST shows who is connected.
 *
 * @example
 * const connection = redisConnection('redis://127.0.0.1:6379', 'worker', 'kuzet');
 */
export function redisConnection(url: string, role: 'producer' | 'worker', prefix: string): Redis {
  let redis: Redis;
  try {
    const connectionName = `${prefix}-${role}`;
    redis = new Redis(url, role === 'worker' ? { maxRetriesPerRequest: null, connectionName } : { connectionName });
  } catch (error) {
    throw new Error(`bullmq queue: cannot use Redis URL ${JSON.stringify(url)}: ${(error as Error).message}`);
  }
  redis.on('error', (error: Error) => {
    warn('redis connection error; retrying in the background', { role, error: error.message }, error.message);
  });
  return redis;
}

/** Closes a connection politely, falling back to disconnect when Redis is gone. */
export async function closeConnection(redis: Redis): Promise<void> {
  if (redis.status === 'end') return;
  if (redis.status !== 'ready') {
    redis.disconnect();
    return;
  }
  try {
    await redis.quit();
  } catch {
    redis.disconnect();
  }
}
