import { createBullmqQueues } from './bullmq/index.js';
import { createMemoryQueues } from './memory/index.js';
import type { JobQueues } from './port.js';
import type { QueueSettings } from './settings.js';

export type { JobOptions, JobQueues, QueueWorker } from './port.js';
export type { QueueSettings } from './settings.js';
export { createBullmqQueues, createMemoryQueues };

export interface QueuesConfig extends QueueSettings {
  /** Redis URL: BullMQ queues when set, in-process queues when absent. */
  redisUrl?: string;
  /** Redis key namespace (BullMQ only; default 'kuzet'). */
  prefix?: string;
}

/**
 * Picks the queue adapter from config: BullMQ on Redis when `redisUrl` is given, else in-process memory.
 *
 * @example
 * const queues = createQueues({ redisUrl: process.env.REDIS_URL });
 * console.log(queues.name); // 'bullmq' or 'memory'
 */
export function createQueues(config: QueuesConfig): JobQueues {
  const { redisUrl, prefix, ...settings } = config;
  if (redisUrl) return createBullmqQueues({ redisUrl, prefix, ...settings });
  return createMemoryQueues(settings);
}
