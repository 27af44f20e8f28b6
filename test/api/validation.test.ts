import { randomUUID } from 'node:crypto';
import { Client } from '@elastic/elasticsearch';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/app.js';
import { createElasticsearchStore } from '../../src/store/elasticsearch/index.js';
import { indexNames } from '../../src/store/elasticsearch/mappings.js';
import type { ArticleStore } from '../../src/store/port.js';
import { seed, seededSqlite } from '../helpers/seed.js';

const node = process.env.ELASTICSEARCH_URL;
const forged = (key: string, position: object) =>
  encodeURIComponent(Buffer.from(JSON.stringify({ key, ...position })).toString('base64url'));

/** Parameters each store must refuse the same way, before the store is asked. */
const REFUSED: Array<[path: string, param: string]> = [
  ...['/api/search', '/api/timeseries', '/api/feed', '/api/spikes', '/api/export', '/', '/trends'].flatMap(
    (path): Array<[string, string]> => [
      [`${path}?to=9999-12-31`, 'to'],
      [`${path}?from=0001-01-01`, 'from'],
      [`${path}?to=2199-12-31T23:00:00-05:00`, 'to'],
    ],
  ),
  [`/api/search?collapse=true&q=мигрант&cursor=${forged('relevance|c', { offset: 1e300 })}`, 'cursor'],
  [`/api/search?collapse=true&q=мигрант&cursor=${forged('relevance|c', { offset: 1_000_001 })}`, 'cursor'],
  [`/api/search?collapse=false&cursor=${forged('date|a', { after: [] })}`, 'cursor'],
  [`/api/search?collapse=false&cursor=${forged('date|a', { after: ['zzz', 'id'] })}`, 'cursor'],
  [`/api/export?collapse=false&cursor=${forged('date|a', { after: ['zzz', 'id'] })}`, 'cursor'],
  [`/?collapse=false&cursor=${forged('date|a', { after: [] })}`, 'cursor'],
];

describe('one validation for both stores', () => {
  const apps: Record<string, Hono> = {};
  const stores: ArticleStore[] = [];
  const prefix = `test-${randomUUID()}`;

  beforeAll(async () => {
    if (!node) throw new Error('ELASTICSEARCH_URL is not set: run the suite with `npm test`');
    const sqlite = await seededSqlite();
    const es = createElasticsearchStore({ node, indexPrefix: prefix });
    await es.init();
    await seed(es);
    stores.push(sqlite.store, es);
    apps.sqlite = createApp({ store: sqlite.store });
    apps.elasticsearch = createApp({ store: es });
  }, 60_000);

  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    if (node) {
      const client = new Client({ node });
      await client.indices.delete({ index: Object.values(indexNames(prefix)), ignore_unavailable: true });
      await client.close();
    }
  });

  it.each(REFUSED)('%s → the same 400 naming %s from SQLite and Elasticsearch', async (path, param) => {
    const answers = await Promise.all(
      ['sqlite', 'elasticsearch'].map(async (name) => {
        const res = await apps[name].request(path);
        return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
      }),
    );
    expect(answers[0].status, answers[0].body).toBe(400);
    expect(answers[1]).toEqual(answers[0]);
    if (answers[0].type?.includes('json')) expect(JSON.parse(answers[0].body).error.param).toBe(param);
    else expect(answers[0].body).toContain(param);
  });

  it('accepts the first and last day of the accepted years on both stores', async () => {
    for (const name of ['sqlite', 'elasticsearch']) {
      for (const path of ['/api/search?from=1900-01-01&to=2199-12-31', '/api/timeseries?to=2199-12-31']) {
        const res = await apps[name].request(path);
        expect(res.status, `${name} ${path}: ${await res.clone().text()}`).toBe(200);
      }
    }
  });
});
