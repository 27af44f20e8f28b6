import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { documentKey } from '../../src/dedupe/canonical-url.js';
import type { Source } from '../../src/domain.js';
import { extractorVersion } from '../../src/extract/version.js';
import { runCrawl } from '../../src/pipeline/stages.js';
import { runKuzet } from '../helpers/cli.js';
import { type EvidencePipeline, evidencePipeline, oneItemFeed } from '../helpers/evidence-pipeline.js';
import { type FixtureRoute, type FixtureServer, startFixtureServer } from '../helpers/fixture-server.js';

const LEAD = 'Власти Казахстана изменили правила трудовой миграции для граждан стран Центральной Азии.';
const PAGE = `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Новые правила</title></head><body>
<main><article><h1>Новые правила трудовой миграции</h1><div class="article-body">
<p class="lead">${LEAD}</p>
<p>Министерство труда пояснило, что квоты на привлечение иностранной рабочей силы будут распределяться по регионам в зависимости от потребностей работодателей.</p>
<p>Эксперты считают, что изменения помогут сократить число нелегальных работников и упростят оформление разрешений.</p>
</div></article></main><footer>© Fixture</footer></body></html>`;

describe('kuzet reextract', () => {
  let site: FixtureServer;
  let pipeline: EvidencePipeline;
  let source: Source;
  beforeEach(async () => {
    const routes: Record<string, FixtureRoute> = { '/news/rules': { body: PAGE } };
    site = await startFixtureServer({ routes });
    const feed = oneItemFeed(site.url, '/news/rules');
    routes['/rss'] = feed.rss;
    source = feed.source;
    pipeline = await evidencePipeline([source], {});
  });
  afterEach(async () => {
    await pipeline.close();
    await site.close();
  });

  it('re-runs extraction over the kept page after an extractor change, reports what changed, and resumes', async () => {
    await runCrawl(source, pipeline.deps);
    const id = documentKey(`${site.url}/news/rules`);
    const before = await pipeline.store.getArticle(id);
    expect(before?.text).toContain('Эксперты считают');
    expect(before?.extractor_version).toBe(extractorVersion(source));
    const hits = site.hits('/news/rules');

    // The extractor changes for this source: its body is now only the lead paragraph.
    const changed: Source = { ...source, selectors: { body: '.lead' } };
    writeFileSync(
      join(pipeline.dataDir, 'fixture-news.yaml'),
      [
        'id: fixture-news',
        'name: Fixture News',
        `feeds: [${site.url}/rss]`,
        'languages: [ru]',
        'selectors:',
        '  body: .lead',
        '',
      ].join('\n'),
    );
    const args = ['reextract', '--data', pipeline.dataDir, '--sources', pipeline.dataDir];
    const run = await runKuzet(args, { LOG_LEVEL: 'warn' });
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({
      id,
      changed: ['text'],
      from: before?.extractor_version,
      to: extractorVersion(changed),
    });
    expect(lines.at(-1)).toMatchObject({ summary: true, articles: 1, reextracted: 1, changed: 1 });
    expect(run.stderr).toContain('1/1');
    expect(site.hits('/news/rules')).toBe(hits);

    const after = await pipeline.store.getArticle(id);
    expect(after?.text).toBe(LEAD);
    expect(after?.extractor_version).toBe(extractorVersion(changed));
    expect(after?.versions ?? []).toEqual([]);
    expect(after?.edited_at ?? null).toBeNull();
    expect(after?.captures).toEqual(before?.captures);
    expect(after?.classification?.classifier_version).toBe(pipeline.deps.classifier.version);

    const again = await runKuzet(args, { LOG_LEVEL: 'warn' });
    expect(JSON.parse(again.stdout.trim())).toMatchObject({ reextracted: 0, current: 1 });
  }, 180_000);
});
