import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runKuzet, tempDir } from '../helpers/cli.js';
import { type FixtureServer, startFixtureServer } from '../helpers/fixture-server.js';
import {
  FIXTURE_ARTICLES,
  FIXTURE_SITE_ROOT,
  FIXTURE_TELEGRAM_POSTS,
  fixtureSourceFiles,
  newsSiteRoutes,
  telegramRoutes,
} from '../helpers/fixture-site.js';

const SECRET = 'e2e-webhook-secret-0123';
const EXPECTED = FIXTURE_ARTICLES.length + FIXTURE_TELEGRAM_POSTS.length;

describe('kuzet crawl --once with a webhook (embedded)', () => {
  let site: FixtureServer;
  let sources: Awaited<ReturnType<typeof tempDir>>;
  let data: Awaited<ReturnType<typeof tempDir>>;
  let config: Awaited<ReturnType<typeof tempDir>>;
  const received: { id: string; valid: boolean }[] = [];
  const receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const timestamp = req.headers['x-kuzet-timestamp'] as string;
      const expected = `sha256=${createHmac('sha256', SECRET).update(`${timestamp}.${body}`).digest('hex')}`;
      received.push({ id: JSON.parse(body).article.id, valid: req.headers['x-kuzet-signature'] === expected });
      res.writeHead(204).end();
    });
  });

  beforeAll(async () => {
    site = await startFixtureServer({ root: FIXTURE_SITE_ROOT, routes: { ...newsSiteRoutes(), ...telegramRoutes() } });
    sources = await tempDir(fixtureSourceFiles(site.url));
    data = await tempDir();
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    config = await tempDir({
      'webhooks.yaml': `webhooks:\n  - id: everything\n    url: ${url}\n    secret_env: E2E_SECRET\n`,
      'broken.yaml': `webhooks:\n  - id: everything\n    url: ${url}\n    secret_env: NOT_SET_ANYWHERE\n`,
    });
  });
  afterAll(async () => {
    await site.close();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
    for (const dir of [sources, data, config]) await dir.remove();
  });

  const crawl = (file: string) =>
    runKuzet(['crawl', '--once', '--sources', sources.dir, '--data', data.dir], {
      KUZET_TELEGRAM_BASE_URL: site.url,
      KUZET_PER_HOST_DELAY_MS: '0',
      KUZET_WEBHOOKS_FILE: `${config.dir}/${file}`,
      KUZET_WEBHOOK_ALLOW_PRIVATE: 'true',
      E2E_SECRET: SECRET,
      LOG_LEVEL: 'warn',
    });

  it('delivers every stored article once, signed, before the command exits; a second run sends nothing', async () => {
    const first = await crawl('webhooks.yaml');
    expect(first.code, first.stderr).toBe(0);
    expect(received).toHaveLength(EXPECTED);
    expect(new Set(received.map((r) => r.id)).size).toBe(EXPECTED);
    expect(received.every((r) => r.valid)).toBe(true);
    const second = await crawl('webhooks.yaml');
    expect(second.code, second.stderr).toBe(0);
    expect(received).toHaveLength(EXPECTED);
  }, 120_000);

  it('refuses to start with a webhook whose secret is not set, saying which', async () => {
    const run = await crawl('broken.yaml');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('broken.yaml: webhook everything: set NOT_SET_ANYWHERE in the environment');
  });
});
