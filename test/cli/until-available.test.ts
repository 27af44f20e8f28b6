/**
 * Start-up against an Elasticsearch that is not ready yet: a loopback server answers 503 (no master yet) to the
 * first requests and then passes them to the test cluster. Processes keep trying, log each attempt, and start;
 * an error that waiting will not cure ends the start at once.
 */
import { randomUUID } from 'node:crypto';
import { type AddressInfo, connect, createServer, type Server } from 'node:net';
import { Client } from '@elastic/elasticsearch';
import { afterEach, describe, expect, it } from 'vitest';
import { untilAvailable } from '../../src/cli/until-available.js';
import { createElasticsearchEvidenceStore, evidenceIndexNames } from '../../src/evidence/elasticsearch/index.js';
import type { Logger } from '../../src/log.js';
import { createElasticsearchStore } from '../../src/store/elasticsearch/index.js';
import { indexNames } from '../../src/store/elasticsearch/mappings.js';

const url = process.env.ELASTICSEARCH_URL;
if (!url)
  throw new Error('ELASTICSEARCH_URL is not set: run these tests through `npm test`, which starts Elasticsearch');
const node: string = url;

function recordingLog() {
  const lines: { level: string; msg: string; fields?: Record<string, unknown> }[] = [];
  const at = (level: string) => (msg: string, fields?: Record<string, unknown>) => lines.push({ level, msg, fields });
  const log: Logger = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
  return { log, lines };
}

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    await new Promise((resolve) => server.close(resolve));
  }
});

/**
 * Answers `status` with `errorType` on the first `failures` connections (closing each), then passes connections
 * through to the test cluster byte for byte.
 */
async function flakyElasticsearch(failures: number, status = 503, errorType = 'master_not_discovered_exception') {
  const target = new URL(node);
  let seen = 0;
  const server = createServer((socket) => {
    socket.on('error', () => socket.destroy());
    if (seen++ < failures) {
      socket.once('data', () => {
        const body = JSON.stringify({ error: { type: errorType, reason: 'not now' }, status });
        socket.end(
          `HTTP/1.1 ${status} Not Now\r\ncontent-type: application/json\r\nx-elastic-product: Elasticsearch\r\n` +
            `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
        );
      });
      return;
    }
    const upstream = connect(Number(target.port), target.hostname);
    upstream.on('error', () => socket.destroy());
    socket.pipe(upstream).pipe(socket);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function deleteIndices(prefix: string) {
  const client = new Client({ node });
  try {
    await client.indices.delete({ index: `${prefix}-*`, ignore_unavailable: true, allow_no_indices: true });
  } finally {
    await client.close();
  }
}

describe('start-up while Elasticsearch is not ready', () => {
  it.each([
    [503, 'master_not_discovered_exception', /overloaded or unavailable \(503\)/],
    [408, 'timeout', /overloaded or unavailable \(408\)/],
  ])(
    'keeps trying the article and evidence stores on %i, logging each attempt, and starts once the cluster answers',
    async (status, type, logged) => {
      const prefix = `test-startup-${randomUUID()}`;
      // More than one round of the client's own retries (each request is tried 4 times) absorbs; each store
      // has its own, so both wait.
      const store = createElasticsearchStore({ node: await flakyElasticsearch(60, status, type), indexPrefix: prefix });
      const evidence = createElasticsearchEvidenceStore({
        node: await flakyElasticsearch(20, status, type),
        indexPrefix: prefix,
      });
      const { log, lines } = recordingLog();
      try {
        const options = { log, waitMs: 30_000, firstDelayMs: 20, maxDelayMs: 100 };
        await untilAvailable('creating the article store', () => store.init(), options);
        await untilAvailable('creating the evidence store', () => evidence.init(), options);
        const client = new Client({ node });
        try {
          expect(await client.indices.exists({ index: Object.values(indexNames(prefix)) })).toBe(true);
          expect(await client.indices.exists({ index: Object.values(evidenceIndexNames(prefix)) })).toBe(true);
        } finally {
          await client.close();
        }
        const retries = lines.filter((l) => l.msg === 'not ready yet; trying again');
        for (const step of ['creating the article store', 'creating the evidence store']) {
          const first = retries.find((l) => l.fields?.step === step);
          expect(first?.level, step).toBe('warn');
          expect(first?.fields).toMatchObject({ step, attempt: 1 });
          expect(String(first?.fields?.error)).toMatch(logged);
        }
      } finally {
        await store.close();
        await evidence.close();
        await deleteIndices(prefix);
      }
    },
  );

  it('gives up after the wait with the cause and the setting that bounds it', async () => {
    const flaky = await flakyElasticsearch(Number.POSITIVE_INFINITY);
    const { log, lines } = recordingLog();
    const store = createElasticsearchStore({ node: flaky, indexPrefix: `test-startup-${randomUUID()}` });
    try {
      const failure = await untilAvailable('creating the article store', () => store.init(), {
        log,
        waitMs: 1500,
        firstDelayMs: 50,
        maxDelayMs: 50,
      }).catch((error: unknown) => error as Error);
      expect(failure).toBeInstanceOf(Error);
      expect(failure?.message).toMatch(
        /overloaded or unavailable \(503\); gave up after 1.5 s \(KUZET_STARTUP_WAIT_MS\)/,
      );
      // Each failed attempt but the last is logged (how many fit in the wait depends on the machine's load).
      expect(lines.filter((l) => l.level === 'warn').length).toBeGreaterThanOrEqual(1);
    } finally {
      await store.close();
    }
  });

  it('fails at once on an error that waiting will not cure', async () => {
    const refusing = await flakyElasticsearch(Number.POSITIVE_INFINITY, 403, 'security_exception');
    const { log, lines } = recordingLog();
    const store = createElasticsearchStore({ node: refusing, indexPrefix: `test-startup-${randomUUID()}` });
    try {
      await expect(
        untilAvailable('creating the article store', () => store.init(), { log, waitMs: 30_000 }),
      ).rejects.toThrow(/elasticsearch store: creating indices .* failed: 403/);
      expect(lines).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
