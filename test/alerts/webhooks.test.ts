import { createHmac } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadWebhooks, type Webhook } from '../../src/alerts/webhooks/config.js';
import { deliverWebhook, isPrivateAddress, signature, WebhookRejected } from '../../src/alerts/webhooks/deliver.js';
import { articleMatcher } from '../../src/alerts/webhooks/match.js';
import { type FilterParams, toFilters } from '../../src/api/params.js';
import { loadClassifier } from '../../src/classify/index.js';
import type { Article, CrawledDocument } from '../../src/domain.js';
import { logger } from '../../src/log.js';
import { handleDocument, QUEUES, type StageDeps, startWebhookWorker } from '../../src/pipeline/stages.js';
import { createMemoryQueues } from '../../src/queue/index.js';
import { analyzeQuery } from '../../src/store/analyzed-query.js';
import { createSqliteStore } from '../../src/store/sqlite/index.js';
import { seededSqlite } from '../helpers/seed.js';

const SECRET = 'test-secret-0123456789';

interface Received {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A webhook receiver on 127.0.0.1 that answers each request with the next status of `statuses` (then 200). */
async function receiver(statuses: number[] = []) {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body });
      const status = statuses.shift() ?? 200;
      res.writeHead(status, status === 302 ? { location: '/elsewhere' } : {}).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const hook = (url: string, search: Partial<Pick<Webhook, 'query' | 'filters'>> = {}): Webhook => ({
  id: 'editors',
  url,
  secret: SECRET,
  query: null,
  filters: {},
  ...search,
});

describe('articleMatcher', () => {
  it('agrees with the store on which articles a search returns', async () => {
    const { store, articles } = await seededSqlite();
    try {
      const searches: FilterParams[] = [
        {},
        { q: 'саранча' },
        { q: 'мигрант* AND NOT квот*' },
        { q: '"рабочие места"' },
        { label: ['xenophobic'], min_severity: 2 },
        { label: ['migration_policy', 'counter_speech'], lang: ['kk', 'en'] },
        { source: ['vlast'], from: '2025-01-15', to: '2025-02-03' },
        { target: ['central_asian'], country: ['KZ'] },
      ];
      // One matcher per article, tried against every search (as one article meets every webhook).
      const matchers = [...articles.values()].map((a) => ({ id: a.id, matches: articleMatcher(a) }));
      for (const search of searches) {
        const { query, filters } = toFilters(search);
        const result = await store.search({ query, filters, sort: 'date', collapse: false, size: 100, facets: false });
        const expected = result.hits.map((h) => h.id).sort();
        const analyzed = analyzeQuery(query);
        const matched = matchers.filter((m) => m.matches(analyzed, filters)).map((m) => m.id);
        expect(matched.sort(), JSON.stringify(search)).toEqual(expected);
      }
    } finally {
      await store.close();
    }
  });
});

describe('loadWebhooks', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kuzet-webhooks-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));
  const load = async (yaml: string, env: NodeJS.ProcessEnv = { EDITORS_SECRET: SECRET }) => {
    const file = join(dir, 'webhooks.yaml');
    await writeFile(file, yaml);
    return loadWebhooks(file, env);
  };
  const entry = (extra = '') =>
    `webhooks:\n  - id: editors\n    url: https://newsroom.example.kz/hooks/kuzet\n    secret_env: EDITORS_SECRET\n${extra}`;

  it('reads each webhook with its secret and analysed search', async () => {
    const [h] = await load(
      entry('    search: {q: "мигрант*", label: [xenophobic], min_severity: 2, lang: [kk, ru]}\n'),
    );
    expect(h).toMatchObject({ id: 'editors', secret: SECRET, query: { type: 'prefix', word: 'мигрант' } });
    expect(h.filters).toEqual({ labels: ['xenophobic'], min_severity: 2, langs: ['kk', 'ru'] });
  });

  it('names the file, the entry and the field of every mistake', async () => {
    await expect(load(entry(), {})).rejects.toThrow(/webhooks\.yaml: webhook editors: set EDITORS_SECRET/);
    await expect(load(entry(), { EDITORS_SECRET: 'short' })).rejects.toThrow(/16 characters or more/);
    await expect(load(entry('    search: {label: [hate]}\n'))).rejects.toThrow(
      /webhook editors: search\.label: must be/,
    );
    await expect(load(entry('    search: {q: "(мигрант"}\n'))).rejects.toThrow(/webhook editors: search\.q: /);
    await expect(load(entry('    search: {sort: date}\n'))).rejects.toThrow(/search\.sort: unknown parameter/);
    await expect(load(entry().replace('https://', 'ftp://'))).rejects.toThrow(/webhooks\.0\.url: must be an http/);
    await expect(load(entry().replace('https://', 'https://user:pw@'))).rejects.toThrow(/must not hold a user name/);
    await expect(load(`${entry()}${entry().replace('webhooks:\n', '')}`)).rejects.toThrow(/the id is used twice/);
    await expect(load(entry('    secret: inline\n'))).rejects.toThrow(/webhooks\.0/);
    await expect(loadWebhooks(join(dir, 'missing.yaml'), {})).rejects.toThrow(/missing\.yaml: cannot read/);
  });
});

describe('deliverWebhook', () => {
  let server: Awaited<ReturnType<typeof receiver>>;
  afterEach(() => server?.close());

  it('POSTs the body signed with HMAC-SHA256 over the timestamp and the body', async () => {
    server = await receiver();
    const body = JSON.stringify({ event: 'article.matched' });
    const status = await deliverWebhook(hook(`${server.url}/hook`), body, { deliveryId: 'd-1', allowPrivate: true });
    expect(status).toBe(200);
    const [r] = server.received;
    expect(r.body).toBe(body);
    expect(r.headers['x-kuzet-delivery']).toBe('d-1');
    const timestamp = r.headers['x-kuzet-timestamp'] as string;
    const expected = createHmac('sha256', SECRET).update(`${timestamp}.${body}`).digest('hex');
    expect(r.headers['x-kuzet-signature']).toBe(`sha256=${expected}`);
    expect(signature(SECRET, timestamp, body)).toBe(`sha256=${expected}`);
  });

  it('refuses private addresses, by literal or by what the name resolves to, unless allowed; follows no redirect', async () => {
    server = await receiver([302]);
    const port = new URL(server.url).port;
    for (const url of [server.url, `http://localhost:${port}/`, 'http://[::1]:9/', 'http://[::ffff:7f00:1]:9/']) {
      const error = await deliverWebhook(hook(url), '{}', { deliveryId: 'd' }).catch((e: Error) => e);
      expect(error, url).toBeInstanceOf(WebhookRejected);
      expect((error as Error).message, url).toMatch(/private address/);
    }
    expect(server.received).toHaveLength(0);
    await expect(
      deliverWebhook(hook(server.url), '{}', { deliveryId: 'd', allowPrivate: true }),
    ).rejects.toBeInstanceOf(WebhookRejected);
    expect(server.received.map((r) => r.path)).toEqual(['/']);
  });

  it('knows the private ranges, IPv6 forms of IPv4 included', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '198.18.0.1',
      '0.0.0.0',
      '::1',
      '::',
      '::7f00:1',
      '::ffff:127.0.0.1',
      '::ffff:0:7f00:1',
      '64:ff9b::a9fe:a9fe',
      '2002:7f00:1::',
      'fd00::1',
      'fe80::1',
      'fec0::1',
      '2001:0:4136:e378:8000:63bf:3fff:fdd2',
      '2001:db8::1',
      '192.0.2.10',
      '198.51.100.7',
      '203.0.113.99',
      '240.0.0.1',
      '255.255.255.255',
      '100::1',
      'not an address',
    ])
      expect(isPrivateAddress(address), address).toBe(true);
    for (const address of ['93.184.216.34', '2a00:1450:4001:81b::200e', '::ffff:93.184.216.34'])
      expect(isPrivateAddress(address), address).toBe(false);
  });

  it('asks for a retry on 5xx, 429 and timeouts, and gives up on other 4xx', async () => {
    server = await receiver([503, 429, 404]);
    const send = () => deliverWebhook(hook(server.url), '{}', { deliveryId: 'd', allowPrivate: true });
    for (const status of [503, 429]) {
      const error = await send().catch((e: Error) => e);
      expect(error).not.toBeInstanceOf(WebhookRejected);
      expect((error as Error).message).toContain(`HTTP ${status}`);
    }
    await expect(send()).rejects.toBeInstanceOf(WebhookRejected);
    const slow = createServer(() => {});
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(slow.address() as AddressInfo).port}`;
    const late = await deliverWebhook(hook(url), '{}', { deliveryId: 'd', allowPrivate: true, timeoutMs: 200 }).catch(
      (e: Error) => e,
    );
    slow.closeAllConnections();
    slow.close();
    expect(late).toBeInstanceOf(Error);
    expect(late).not.toBeInstanceOf(WebhookRejected);
  });
});

describe('webhooks in the pipeline', () => {
  it('delivers each matching article once, retrying a failed delivery, and nothing that does not match', async () => {
    const server = await receiver([500]);
    const store = createSqliteStore({ file: ':memory:' });
    await store.init();
    const queues = createMemoryQueues({ backoffMs: 20 });
    const { query, filters } = toFilters({ q: 'мигрант*', label: ['xenophobic'] });
    const deps: StageDeps = {
      store,
      classifier: await loadClassifier(),
      queues,
      sources: () => new Map(),
      log: logger('test'),
      documents: 'inline',
      webhooks: {
        hooks: [hook(`${server.url}/hook`, { query: analyzeQuery(query), filters })],
        allowPrivate: true,
        publicUrl: 'https://kuzet.example.org',
      },
    };
    const doc = (path: string, text: string): CrawledDocument => ({
      source_id: 'vlast',
      url: `https://vlast.example.kz/${path}`,
      kind: 'article',
      title: '',
      text,
      published_at: '2025-05-01T08:00:00.000Z',
      author: null,
      canonical_url: null,
      lang: 'ru',
      fetched_at: '2025-05-01T09:00:00.000Z',
    });
    const worker = startWebhookWorker(deps, 1);
    try {
      const handle = handleDocument(deps);
      const hate = doc('hate', 'Мигранты — это саранча, гнать их всех из страны!');
      await handle(hate);
      await handle(hate);
      await handle(doc('policy', 'Правительство утвердило квоту на привлечение иностранной рабочей силы на 2026 год.'));
      await queues.drained(QUEUES.webhooks);
      expect(server.received).toHaveLength(2);
      const [failed, delivered] = server.received;
      expect(delivered.headers['x-kuzet-delivery']).toBe(failed.headers['x-kuzet-delivery']);
      const payload = JSON.parse(delivered.body);
      const stored = (await store.getArticle(payload.article.id)) as Article;
      expect(payload).toMatchObject({
        event: 'article.matched',
        webhook_id: 'editors',
        article: {
          url: 'https://vlast.example.kz/hate',
          xenophobic: true,
          classifier_version: stored.classification?.classifier_version,
          kuzet_url: `https://kuzet.example.org/articles/${stored.id}`,
        },
      });
      expect(payload.article.why).toMatch(/^Flagged xenophobic/);
      expect(payload.article.evidence.length).toBeGreaterThan(0);
    } finally {
      await worker?.close();
      await queues.close();
      await store.close();
      await server.close();
    }
  });
});
