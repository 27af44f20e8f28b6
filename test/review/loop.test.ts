import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/app.js';
import { addUser } from '../../src/auth/users.js';
import type { Article } from '../../src/domain.js';
import type { ArticleStore } from '../../src/store/port.js';
import { seed } from '../helpers/seed.js';
import { STORE_KINDS } from '../helpers/stores.js';

const LOG = { debug() {}, info() {}, warn() {}, error() {} };
const NOT_FLAGGED = { xenophobic: false, migration_policy: false, counter_speech: false, severity: 0, targets: [] };
const HATE = { xenophobic: true, migration_policy: false, counter_speech: false, severity: 2, targets: ['migrants'] };

describe.each(STORE_KINDS)('review queue, filters, export and agreement: %s store', (_name, open) => {
  let store: ArticleStore;
  let cleanup: () => Promise<void>;
  let app: Hono;
  let articles: Map<string, Article>;
  const tokens: Record<string, string> = {};

  const call = async (path: string, who: string | null, init: RequestInit = {}) =>
    app.request(`http://kuzet.test${path}`, {
      ...init,
      headers: {
        ...(who ? { authorization: `Bearer ${tokens[who]}` } : {}),
        ...(init.body ? { 'content-type': 'application/json' } : {}),
      },
    });
  const json = async (path: string, who: string | null = null) => {
    const res = await call(path, who);
    expect(res.status, path).toBe(200);
    return res.json();
  };
  const queue = async (who: string, query = '') =>
    (await json(`/api/review/queue?size=100${query}`, who)).items as Array<{
      id: string;
      reason: string;
      lang: string;
    }>;
  const review = async (who: string, key: string, verdict: unknown) => {
    const res = await call(`/api/articles/${articles.get(key)?.id}/reviews`, who, {
      method: 'POST',
      body: JSON.stringify(verdict),
    });
    expect(res.status).toBe(201);
  };
  const id = (key: string) => articles.get(key)?.id as string;

  beforeAll(async () => {
    ({ store, cleanup } = await open());
    articles = await seed(store);
    app = createApp({ store, log: LOG, thresholds: { xenophobic: 0.8, migration_policy: 0.5 } });
    for (const name of ['dana', 'aibek', 'root']) tokens[name] = (await addUser(store, name, 'reviewer')).token;
    tokens.vera = (await addUser(store, 'vera', 'viewer')).token;
  }, 60_000);
  afterAll(() => cleanup());

  it('queues every unreviewed article once, nearest the thresholds first, filtered by language and label; reviewers only', async () => {
    expect((await call('/api/review/queue', null)).status).toBe(401);
    expect((await call('/api/review/queue', 'vera')).status).toBe(403);
    expect((await call('/api/review/queue?size=0', 'dana')).status).toBe(400);
    const items = await queue('dana');
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    expect(items.length).toBeGreaterThan(5);
    const hate = items.findIndex((i) => i.id === id('en-hate'));
    const weather = items.findIndex((i) => i.id === id('weather'));
    expect(hate).toBeGreaterThanOrEqual(0);
    expect(hate).toBeLessThan(weather);
    expect((await queue('dana', '&lang=kk')).every((i) => i.lang === 'kk')).toBe(true);
    const flagged = await queue('dana', '&label=migration_policy');
    expect(flagged.length).toBeGreaterThan(0);
    expect(flagged.length).toBeLessThan(items.length);
  });

  it('never gives a reviewer an item twice; offers a second opinion; an article takes at most two reviewers', async () => {
    await review('dana', 'en-hate', HATE);
    expect((await queue('dana')).map((i) => i.id)).not.toContain(id('en-hate'));
    expect((await queue('aibek')).find((i) => i.id === id('en-hate'))?.reason).toBe('second_opinion');
    const target = id('quota');
    expect((await call(`/api/review/assign/${target}`, 'dana', { method: 'POST' })).status).toBe(200);
    expect((await call(`/api/review/assign/${target}`, 'aibek', { method: 'POST' })).status).toBe(200);
    const third = await call(`/api/review/assign/${target}`, 'root', { method: 'POST' });
    expect(third.status).toBe(409);
    expect((await queue('root')).map((i) => i.id)).not.toContain(target);
    expect((await queue('dana'))[0]).toMatchObject({ id: target, reason: 'assigned' });
    expect((await call('/api/review/assign/missing-article', 'dana', { method: 'POST' })).status).toBe(404);
  });

  it('puts items two reviewers disagree on first for a third reviewer', async () => {
    await review('dana', 'chinese', NOT_FLAGGED);
    await review('aibek', 'chinese', HATE);
    const first = (await queue('root'))[0];
    expect(first).toMatchObject({ id: id('chinese'), reason: 'disagreement' });
    expect((await queue('dana')).map((i) => i.id)).not.toContain(id('chinese'));
  });

  it('filters search and export on reviewed and disagreement, each item carrying the human verdict', async () => {
    const ids = async (query: string) =>
      ((await json(`/api/search?collapse=false&size=100&${query}`)).items as Array<{ id: string }>)
        .map((i) => i.id)
        .sort();
    expect(await ids('reviewed=true')).toEqual([id('chinese'), id('en-hate')].sort());
    const unreviewed = await ids('reviewed=false');
    expect(unreviewed).not.toContain(id('chinese'));
    expect(unreviewed.length).toBe(articles.size - 2);
    expect(await ids('disagreement=reviewers')).toEqual([id('chinese')]);
    expect(await ids('disagreement=any&lang=ru')).toContain(id('chinese'));
    expect((await call('/api/search?reviewed=maybe', null)).status).toBe(400);
    expect((await call('/api/search?disagreement=loud', null)).status).toBe(400);
    const item = (await json('/api/search?reviewed=true&q=parasites')).items[0];
    expect(item.human).toMatchObject({ reviewers: 1, verdict: { severity: 2 } });
    expect(item.labels).toContain('xenophobic');

    const lines = (await (await call('/api/export?format=ndjson&reviewed=true&collapse=false', null)).text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const byId = new Map(lines.map((l) => [l.id, l]));
    expect(byId.get(id('en-hate'))).toMatchObject({
      human_xenophobic: true,
      human_severity: 2,
      human_targets: ['migrants'],
      reviewers: 1,
    });
    expect(byId.get(id('chinese'))).toMatchObject({ human_xenophobic: null, reviewers: 2, reviewers_disagree: true });
    const csv = await (await call('/api/export?format=csv&reviewed=false', null)).text();
    expect(csv.split('\r\n')[0]).toMatch(/,human_xenophobic,human_migration_policy,.*,reviewers,reviewers_disagree$/);
  });

  it('reports agreement per label and language, and changes as reviews come in', async () => {
    const before = await json('/api/review/stats');
    const row = (s: { rows: Array<{ label: string; lang: string }> }) =>
      s.rows.find((r) => r.label === 'xenophobic' && r.lang === 'all') as unknown as Record<string, number | null>;
    expect(before.reviews).toBe(3);
    expect(row(before)).toMatchObject({ reviewed: 3, pairs: 1 });
    await review('root', 'chinese', NOT_FLAGGED);
    const after = await json('/api/review/stats');
    expect(after.reviews).toBe(4);
    expect(row(after).reviewed).toBe(4);
    expect(after.stream.map((s: { label: string }) => s.label)).toEqual([
      'xenophobic',
      'migration_policy',
      'counter_speech',
    ]);
    expect((await json(`/api/articles/${id('chinese')}`)).human).toMatchObject({ reviewers: 3, verdict: NOT_FLAGGED });
  });
});
