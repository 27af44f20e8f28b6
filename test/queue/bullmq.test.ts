import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createBullmqQueues } from '../../src/queue/bullmq/index.js';
import { decodeJobId, encodeJobId } from '../../src/queue/bullmq/job-id.js';
import { createQueues } from '../../src/queue/index.js';
import { runQueueContract } from './contract.js';

const REDIS_URL = process.env.REDIS_URL;
const MISSING = 'REDIS_URL is not set: run the suite with `npm test`, which starts Redis, or export REDIS_URL';

function redisUrl(): string {
  if (!REDIS_URL) throw new Error(MISSING);
  return REDIS_URL;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const prefixes: string[] = [];
const newPrefix = () => {
  const prefix = `test-${randomUUID()}`;
  prefixes.push(prefix);
  return prefix;
};

let admin: Redis | undefined;
afterEach(async () => {
  if (!REDIS_URL) return;
  admin ??= new Redis(REDIS_URL);
  for (const prefix of prefixes.splice(0)) {
    const keys = await admin.keys(`${prefix}:*`);
    if (keys.length > 0) await admin.del(...keys);
  }
});
afterAll(async () => {
  await admin?.quit();
});

it('has a Redis to test against', () => {
  expect(REDIS_URL, MISSING).toBeTruthy();
});

runQueueContract('bullmq', (settings) =>
  createBullmqQueues({ redisUrl: redisUrl(), prefix: newPrefix(), ...settings }),
);

describe('bullmq queue extras', () => {
  it('is what createQueues picks with a Redis URL, under the given prefix', async () => {
    const prefix = newPrefix();
    const queues = createQueues({ redisUrl: redisUrl(), prefix });
    expect(queues.name).toBe('bullmq');
    await queues.add('prefixed', { ok: true }, { jobId: 'a:b' });
    admin ??= new Redis(redisUrl());
    expect((await admin.keys(`${prefix}:prefixed:*`)).length).toBeGreaterThan(0);
    await queues.close();
  });

  it('encodes job ids BullMQ would reject, reversibly', () => {
    for (const id of ['42', 'a:b', 'https://x.kz/%3A:1', '']) {
      const stored = encodeJobId(id);
      expect(stored).not.toContain(':');
      expect(`${Number.parseInt(stored, 10)}`).not.toBe(stored);
      expect(decodeJobId(stored)).toBe(id);
    }
  });

  it('refuses queue names with a colon, naming the adapter', async () => {
    const queues = createBullmqQueues({ redisUrl: redisUrl(), prefix: newPrefix() });
    await expect(queues.add('a:b', {})).rejects.toThrow(/^bullmq queue: .*must not contain ':'/);
    await queues.close();
  });

  it('closes every connection it opened', async () => {
    const prefix = newPrefix();
    const queues = createBullmqQueues({ redisUrl: redisUrl(), prefix });
    queues.work('idle', async () => {}, { concurrency: 2 });
    queues.work('other', async () => {});
    await queues.add('idle', {});
    await queues.drained('idle');
    expect(await connectionsNamed(prefix)).toBeGreaterThanOrEqual(3);
    await queues.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await connectionsNamed(prefix)).toBe(0);
  });
});

async function connectionsNamed(prefix: string): Promise<number> {
  admin ??= new Redis(redisUrl());
  const list = (await admin.client('LIST')) as string;
  return list.split('\n').filter((line) => line.includes(` name=${prefix}-`)).length;
}

describe('bullmq leases', () => {
  it('exclude each other across separate connections, as worker processes do', async () => {
    const prefix = newPrefix();
    const a = createBullmqQueues({ redisUrl: redisUrl(), prefix });
    const b = createBullmqQueues({ redisUrl: redisUrl(), prefix });
    try {
      const lease = await a.lease('crawl:orda', 60_000);
      expect(lease).not.toBeNull();
      expect(await b.lease('crawl:orda', 60_000)).toBeNull();
      await lease?.release();
      expect(await b.lease('crawl:orda', 60_000)).not.toBeNull();
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('expire when their holder died (stopped renewing), and fence a holder whose key vanished', async () => {
    const prefix = newPrefix();
    const queues = createBullmqQueues({ redisUrl: redisUrl(), prefix });
    admin ??= new Redis(redisUrl());
    try {
      // A dead process's lease: set once, never renewed.
      await admin.set(`${prefix}:lease:crawl:dead`, 'dead-holder', 'PX', 200);
      expect(await queues.lease('crawl:dead', 200)).toBeNull();
      await sleep(300);
      const taken = await queues.lease('crawl:dead', 60_000);
      expect(taken).not.toBeNull();
      await taken?.release();

      // Redis restarted without persistence: the key is gone, so the holder must stop.
      const held = await queues.lease('crawl:fenced', 300);
      expect(held?.lost.aborted).toBe(false);
      await admin.del(`${prefix}:lease:crawl:fenced`);
      await sleep(250);
      expect(held?.lost.aborted).toBe(true);
      expect(String(held?.lost.reason)).toMatch(/taken over or expired/);
      await held?.release();
    } finally {
      await queues.close();
    }
  });
});
