import { afterEach, describe, expect, it } from 'vitest';
import { crawlSource } from '../../src/crawl/index.js';
import type { Source } from '../../src/domain.js';
import { type FixtureServer, startFixtureServer } from '../helpers/fixture-server.js';
import { FIXTURE_SITE_ROOT, newsSiteRoutes } from '../helpers/fixture-site.js';
import { source as fixedSource } from '../store/fixtures.js';
import { MemoryState } from './memory-state.js';

const source = (base: string): Source =>
  fixedSource('fixture-news', { name: 'Fixture News', homepage: `${base}/`, feeds: [`${base}/rss`] });

describe('robots.txt that cannot be read (RFC 9309)', () => {
  let site: FixtureServer | undefined;
  afterEach(async () => {
    await site?.close();
  });

  it('crawls nothing from an origin whose robots.txt answers 5xx, and says why', async () => {
    site = await startFixtureServer({
      root: FIXTURE_SITE_ROOT,
      routes: { ...newsSiteRoutes(), '/robots.txt': { status: 503, body: 'maintenance' } },
    });
    const state = new MemoryState();
    const report = await crawlSource(source(site.url), state.deps({ perHostDelayMs: 0 }));
    expect(state.docs).toHaveLength(0);
    expect(site.hits('/rss')).toBe(0);
    expect(site.hits('/news/*')).toBe(0);
    expect(report.ok).toBe(false);
  });

  it('crawls as usual when robots.txt is missing (404)', async () => {
    site = await startFixtureServer({ root: FIXTURE_SITE_ROOT, routes: newsSiteRoutes() });
    const state = new MemoryState();
    const report = await crawlSource(source(site.url), state.deps({ perHostDelayMs: 0 }));
    expect(report.ok).toBe(true);
    expect(state.docs.length).toBeGreaterThan(0);
  });
});
