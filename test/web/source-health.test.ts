import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/app.js';
import type { Source } from '../../src/domain.js';
import { loadSources, saveRejected } from '../../src/sources/index.js';
import type { ArticleStore } from '../../src/store/port.js';
import { createSqliteStore } from '../../src/store/sqlite/index.js';
import { tempDir } from '../helpers/cli.js';
import { testSource } from '../helpers/source.js';

const source = (id: string, overrides: Partial<Source> = {}): Source =>
  testSource(id, { feeds: [`https://${id}.example/rss`], ...overrides });

describe('source health on /sources and /api/sources', () => {
  let store: ArticleStore;
  let app: ReturnType<typeof createApp>;
  const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

  beforeAll(async () => {
    store = createSqliteStore({ file: ':memory:' });
    await store.init();
    await store.upsertSources(
      ['healthy', 'never-ok', 'new-source', 'old-success', 'switched-off'].map((id) =>
        source(id, id === 'switched-off' ? { enabled: false } : {}),
      ),
    );
    await store.recordHealth({ source_id: 'healthy', at: hoursAgo(0.5), ok: true, items_found: 30, items_new: 4 });
    await store.recordHealth({
      source_id: 'old-success',
      at: hoursAgo(24 * 5),
      ok: true,
      items_found: 3,
      items_new: 3,
    });
    await store.recordHealth({
      source_id: 'never-ok',
      at: hoursAgo(0.2),
      ok: false,
      items_found: 0,
      items_new: 0,
      error: 'https://never-ok.example/rss: served HTML, not a feed (Content-Type: text/html; charset=utf-8)',
    });
    const folder = await tempDir({
      'good.yaml': 'name: Good\nfeeds: [https://good.example/rss]\n',
      'typo.yaml': 'name: Typo\nfeed: [https://typo.example/rss]\n',
    });
    const { errors } = await loadSources(folder.dir);
    await folder.remove();
    await saveRejected(store, errors);
    app = createApp({ store });
  });
  afterAll(() => store.close());

  it('lists a status per source: a source that never succeeded is failing after one attempt', async () => {
    const body = await (await app.request('/api/sources')).json();
    const status = Object.fromEntries(body.items.map((s: { id: string; status: string }) => [s.id, s.status]));
    expect(status).toEqual({
      healthy: 'ok',
      'never-ok': 'failing',
      'new-source': 'pending',
      'old-success': 'stale',
      'switched-off': 'disabled',
    });
  });

  it('lists the rejected source files with their errors', async () => {
    const body = await (await app.request('/api/sources')).json();
    const typo = body.rejected.find((r: { field?: string }) => r.field === 'feed');
    expect(typo.file).toMatch(/typo\.yaml$/);
    expect(typo.message).toMatch(/typo\.yaml: feed: unknown key "feed" \(did you mean feeds\?\)$/);
    expect(Date.parse(typo.at)).not.toBeNaN();
    for (const r of body.rejected) expect(r.file).toMatch(/typo\.yaml$/);
  });

  it('shows never-succeeded sources as failing and the rejected files on the page, in English and Russian', async () => {
    const en = await (await app.request('/sources?ui=en')).text();
    expect(en).toMatch(/<tr class="failing" data-source="never-ok">\s*<td>.*<\/td>\s*<td class="status">failing<\/td>/);
    expect(en).toMatch(/<tr class="pending" data-source="new-source">[\s\S]*?not crawled yet/);
    expect(en).toContain('served HTML, not a feed (Content-Type: text/html; charset=utf-8)');
    expect(en).toContain('<h2>Rejected source files</h2>');
    expect(en).toMatch(/<tr class="rejected" data-file="[^"]*typo\.yaml">/);
    expect(en).toContain('unknown key &quot;feed&quot; (did you mean feeds?)');
    const ru = await (await app.request('/sources?ui=ru')).text();
    expect(ru).toContain('<h2>Отклонённые файлы источников</h2>');
    expect(ru).toMatch(/<tr class="failing" data-source="never-ok">[\s\S]*?<td class="status">сбои<\/td>/);
    expect(ru).toContain('ещё не обходился');
    // Kind, country and languages in words, not codes.
    expect(ru).toMatch(/never-ok · новостной сайт · Казахстан · русский/);
    expect(en).toMatch(/never-ok · news site · Kazakhstan · Russian/);
  });

  it('shows no rejected-files table when every file loaded', async () => {
    await saveRejected(store, []);
    const en = await (await app.request('/sources?ui=en')).text();
    expect(en).not.toContain('Rejected source files');
    expect((await (await app.request('/api/sources')).json()).rejected).toEqual([]);
  });
});
