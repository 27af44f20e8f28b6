import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { documentKey } from '../../src/dedupe/canonical-url.js';
import type { Source } from '../../src/domain.js';
import { enqueueDueRechecks, handleRecheck, RECHECK_QUEUE, type RecheckJob } from '../../src/pipeline/recheck.js';
import { runCrawl } from '../../src/pipeline/stages.js';
import { type EvidencePipeline, evidencePipeline, oneItemFeed } from '../helpers/evidence-pipeline.js';
import { type FixtureRoute, type FixtureServer, startFixtureServer } from '../helpers/fixture-server.js';

const page = (
  title: string,
  body: string,
) => `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>${title}</title>
<meta property="article:published_time" content="2024-05-03T10:00:00Z"><script>document.title='x'</script></head>
<body><nav><a href="/">Главная</a></nav><main><article><h1>${title}</h1><div class="article-body">
${body
  .split('\n')
  .map((p) => `<p>${p}</p>`)
  .join('\n')}
</div></article></main><footer>© Fixture</footer></body></html>`;

const HATE =
  'Хватит терпеть чурок! Всех мигрантов надо гнать из страны, понаехали тут.\nДепортировать их всех немедленно, пишет автор колонки в своём блоге, и ему вторят читатели.\nРедакция публикует текст без изменений, сохраняя авторский стиль и орфографию.';
const EDITED =
  'Колонка удалена по требованию редакции.\nРедакция приносит извинения читателям за публикацию текста, который нарушал правила издания.\nМы пересмотрим порядок проверки авторских материалов.';

const DAY = 86_400_000;

describe('re-checks of a flagged article', () => {
  let site: FixtureServer;
  let pipeline: EvidencePipeline;
  const routes: Record<string, FixtureRoute> = {};
  let source: Source;
  beforeEach(async () => {
    site = await startFixtureServer({ routes });
    const feed = oneItemFeed(site.url, '/news/column');
    routes['/rss'] = feed.rss;
    routes['/news/column'] = { body: page('Колонка читателя', HATE) };
    source = feed.source;
    pipeline = await evidencePipeline([source], {});
  });
  afterEach(async () => {
    await pipeline.close();
    await site.close();
  });

  async function recheckAt(ms: number): Promise<number> {
    const worker = pipeline.deps.queues.work<RecheckJob>(RECHECK_QUEUE, handleRecheck(pipeline.deps));
    const n = await enqueueDueRechecks(pipeline.deps.queues, pipeline.evidence, new Date(ms));
    await pipeline.deps.queues.drained(RECHECK_QUEUE);
    await worker.close();
    return n;
  }

  it('is scheduled after 1 and 7 days; the edit keeps the earlier version, a 410 marks it deleted with its text', async () => {
    const report = await runCrawl(source, pipeline.deps);
    expect(report.items_new).toBe(1);
    const id = documentKey(`${site.url}/news/column`);
    const stored = await pipeline.store.getArticle(id);
    expect(stored?.classification?.xenophobic).toBe(true);
    expect(stored?.extractor_version).toMatch(/^html-[0-9a-f]{8}\+src-[0-9a-f]{6}$/);
    const first = stored?.captures?.[0];
    expect(first).toMatchObject({ status: 200, url: `${site.url}/news/column` });
    const raw = await pipeline.evidence.captureBody(first?.digest ?? '');
    expect(raw?.toString()).toContain("<script>document.title='x'</script>");
    expect((await pipeline.evidence.getCapture(first?.id ?? ''))?.headers['content-type']).toContain('text/html');

    const captured = Date.parse(first?.fetched_at ?? '');
    expect(await pipeline.evidence.dueRechecks(new Date(captured + DAY - 1000).toISOString(), 10)).toEqual([]);
    expect(
      (await pipeline.evidence.dueRechecks(new Date(captured + 8 * DAY).toISOString(), 10)).map((r) => r.due_at),
    ).toEqual([new Date(captured + DAY).toISOString(), new Date(captured + 7 * DAY).toISOString()]);

    routes['/news/column'] = { body: page('Колонка читателя', EDITED) };
    expect(await recheckAt(captured + 2 * DAY)).toBe(1);
    const edited = await pipeline.store.getArticle(id);
    expect(edited?.text).toContain('Колонка удалена');
    expect(edited?.edited_at).toEqual(expect.any(String));
    expect(edited?.versions?.map((v) => v.text)).toEqual([stored?.text]);
    expect(edited?.captures).toHaveLength(2);
    expect(edited?.deleted_at ?? null).toBeNull();

    routes['/news/column'] = { status: 410, body: 'Gone' };
    expect(await recheckAt(captured + 8 * DAY)).toBe(1);
    const gone = await pipeline.store.getArticle(id);
    expect(gone?.deleted_at).toEqual(expect.any(String));
    expect(gone?.deleted_reason).toBe('HTTP 410');
    expect(gone?.text).toBe(edited?.text);
    expect(gone?.versions).toEqual(edited?.versions);
    expect(gone?.captures?.map((c) => c.status)).toEqual([200, 200, 410]);
    for (const c of gone?.captures ?? []) expect((await pipeline.evidence.getCapture(c.id))?.pinned).toBe(true);
    expect(await recheckAt(captured + 30 * DAY)).toBe(0);
    expect(site.hits('/news/column')).toBe(3);
  }, 60_000);
});
