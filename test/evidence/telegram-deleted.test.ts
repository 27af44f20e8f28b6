import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { documentKey, telegramPostUrl } from '../../src/dedupe/canonical-url.js';
import { runCrawl } from '../../src/pipeline/stages.js';
import { type EvidencePipeline, evidencePipeline } from '../helpers/evidence-pipeline.js';
import { type FixtureRoute, type FixtureServer, startFixtureServer } from '../helpers/fixture-server.js';
import { FIXTURE_CHANNEL } from '../helpers/fixture-site.js';

const channel = FIXTURE_CHANNEL;

const FIRST = readFileSync('test/fixtures/site/tg/kuzetnews.html', 'utf8');
const EDITED_TEXT = 'Фоторепортаж: центр обслуживания иностранцев в Алматы закрыт на ремонт';
/** The same newest page a crawl later: post 10 deleted, post 12 edited. */
const SECOND = FIRST.replace(
  /<div class="tgme_widget_message_wrap js-widget_message_wrap">\s*<div [^>]*data-post="KuzetNews\/10"[\s\S]*?(?=<div class="tgme_widget_message_wrap js-widget_message_wrap">)/,
  '',
).replace('Фоторепортаж: как работает новый центр обслуживания иностранцев в Алматы', EDITED_TEXT);

const id = (post: number) => documentKey(telegramPostUrl('kuzetnews', post));

describe('a Telegram channel crawled twice', () => {
  let site: FixtureServer;
  let pipeline: EvidencePipeline;
  const routes: Record<string, FixtureRoute> = {};
  beforeEach(async () => {
    routes['/s/kuzetnews'] = { body: FIRST };
    site = await startFixtureServer({ routes });
    pipeline = await evidencePipeline([channel], { telegramBaseUrl: site.url, telegramBackfillPages: 0 });
  });
  afterEach(async () => {
    await pipeline.close();
    await site.close();
  });

  it('marks a post gone from the re-fetched range deleted, keeps its text and capture, and keeps an edited post’s earlier version', async () => {
    expect(SECOND).not.toContain('KuzetNews/10"');
    const first = await runCrawl(channel, pipeline.deps);
    expect(first.items_new).toBe(3);
    const before10 = await pipeline.store.getArticle(id(10));
    expect(before10?.captures).toHaveLength(1);
    const captured = before10?.captures?.[0];
    expect((await pipeline.evidence.captureBody(captured?.digest ?? ''))?.toString()).toBe(FIRST);

    routes['/s/kuzetnews'] = { body: SECOND };
    await runCrawl(channel, pipeline.deps);

    const deleted = await pipeline.store.getArticle(id(10));
    expect(deleted?.deleted_at).toEqual(expect.any(String));
    expect(deleted?.deleted_reason).toBe('missing from the channel preview');
    expect(deleted?.text).toBe(before10?.text);
    // Its first capture, and the page that no longer shows it.
    expect(deleted?.captures?.[0]).toEqual(captured);
    expect(deleted?.captures).toHaveLength(2);
    expect((await pipeline.evidence.captureBody(deleted?.captures?.[1]?.digest ?? ''))?.toString()).toBe(SECOND);
    expect((await pipeline.evidence.getCapture(captured?.id ?? ''))?.pinned).toBe(true);

    const edited = await pipeline.store.getArticle(id(12));
    expect(edited?.text).toBe(EDITED_TEXT);
    expect(edited?.edited_at).toEqual(expect.any(String));
    expect(edited?.versions).toEqual([
      expect.objectContaining({
        text: 'Фоторепортаж: как работает новый центр обслуживания иностранцев в Алматы',
        replaced_at: edited?.edited_at,
        capture_id: captured?.id,
      }),
    ]);
    expect(edited?.captures).toHaveLength(2);
    expect((await pipeline.store.getArticle(id(9)))?.deleted_at ?? null).toBeNull();

    const search = await pipeline.store.search({
      query: null,
      filters: { deleted: true },
      sort: 'date',
      collapse: false,
      size: 10,
      facets: false,
    });
    expect(search.hits.map((h) => h.id)).toEqual([id(10)]);

    // A third crawl of the same page changes nothing: the deletion keeps its first date, the edit is not repeated.
    await runCrawl(channel, pipeline.deps);
    expect((await pipeline.store.getArticle(id(10)))?.deleted_at).toBe(deleted?.deleted_at);
    expect((await pipeline.store.getArticle(id(10)))?.captures).toHaveLength(2);
    expect((await pipeline.store.getArticle(id(12)))?.versions).toHaveLength(1);
  }, 60_000);
});
