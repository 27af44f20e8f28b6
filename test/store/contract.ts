import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bands } from '../../src/dedupe/minhash.js';
import { type Article, type ArticleSummary, classifiedText } from '../../src/domain.js';
import type { QueryNode, SearchRequest, SearchResult } from '../../src/search/query.js';
import { StoreRequestError } from '../../src/store/errors.js';
import type { ArticleStore } from '../../src/store/port.js';
import { ARTICLES, article, classification, HOSTILE_TITLE, source } from './fixtures.js';
import { runReviewContract } from './review-contract.js';

export type MakeStore = () => Promise<{ store: ArticleStore; cleanup: () => Promise<void> }>;

const term = (value: string, prefix = false): QueryNode => ({ type: 'term', value, ...(prefix ? { prefix } : {}) });
const request = (over: Partial<SearchRequest> = {}): SearchRequest => ({
  query: null,
  filters: {},
  sort: 'date',
  collapse: false,
  size: 50,
  facets: false,
  ...over,
});
const ids = (r: SearchResult) => r.hits.map((h) => h.id).sort();
const ALL_BY_DATE = ['a8', 'a7', 'a6', 'a5', 'a4', 'a3', 'a2', 'a1'];
const MIGRANT_DOCS = ['a1', 'a2', 'a3', 'a7', 'a8'];

/** Opens a store per describe block and closes it after; `seed` fills it. */
export function useStore(makeStore: MakeStore, seed: (store: ArticleStore) => Promise<void> = async () => {}) {
  const ctx = {} as { store: ArticleStore; cleanup: () => Promise<void> };
  beforeAll(async () => {
    Object.assign(ctx, await makeStore());
    await ctx.store.init();
    await seed(ctx.store);
    await ctx.store.refresh();
  }, 60_000);
  afterAll(async () => {
    await ctx.store?.close();
    await ctx.cleanup?.();
  }, 60_000);
  return ctx;
}

async function allPages(store: ArticleStore, base: SearchRequest): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 50; page++) {
    const r = await store.search({ ...base, cursor });
    seen.push(...r.hits.map((h) => h.id));
    if (!r.next_cursor) return seen;
    cursor = r.next_cursor;
  }
  throw new Error('cursor did not end');
}

const SELECT: Record<string, (key: string) => SearchRequest['filters']> = {
  label: (k) => ({ labels: [k as 'xenophobic'] }),
  lang: (k) => ({ langs: [k] }),
  source: (k) => ({ sources: [k] }),
  target: (k) => ({ targets: [k] }),
  severity: (k) => ({ min_severity: Number(k) }),
  country: (k) => ({ countries: [k] }),
};

/** Checks that every facet value of each selection counts what selecting that value returns; how many were checked. */
async function expectFacetsAsClicked(
  search: (over: Partial<SearchRequest>) => Promise<SearchResult>,
  selections: Array<Partial<SearchRequest>>,
): Promise<number> {
  let checked = 0;
  for (const base of selections) {
    const r = await search({ ...base, size: 1, facets: true });
    for (const [name, buckets] of Object.entries(r.facets ?? {})) {
      for (const b of buckets) {
        const filters = { ...base.filters, ...SELECT[name](b.key) };
        const clicked = await search({ ...base, filters, size: 1, facets: false });
        expect(clicked.total, `${JSON.stringify(base)} ${name}=${b.key}`).toBe(b.count);
        checked++;
      }
    }
  }
  return checked;
}

/**
 * The storage port contract: every adapter's test file runs it once.
 *
 * @example
 * runStoreContract('sqlite', async () => ({ store: createSqliteStore({ file: ':memory:' }), cleanup: async () => {} }));
 */
export function runStoreContract(name: string, makeStore: MakeStore): void {
  describe(`store contract: ${name}`, () => {
    describe('search semantics', () => {
      const ctx = useStore(makeStore, async (store) => {
        for (const a of ARTICLES) expect((await store.putArticle(a)).created).toBe(true);
      });
      const search = (over: Partial<SearchRequest>) => ctx.store.search(request(over));

      it('finds inflected Russian forms by stem: мигрант, мигрантов, мигрантам', async () => {
        expect(ids(await search({ query: term('мигрант') }))).toEqual(MIGRANT_DOCS);
        expect(ids(await search({ query: term('мигрантов') }))).toEqual(MIGRANT_DOCS);
        expect(ids(await search({ query: term('Мигрантам') }))).toEqual(MIGRANT_DOCS);
      });

      it('finds Kazakh words with әғқңөұүһі and their case forms', async () => {
        expect(ids(await search({ query: term('мигранттарға') }))).toEqual(MIGRANT_DOCS);
        expect(ids(await search({ query: term('саясаты') }))).toEqual(['a3']);
        expect(ids(await search({ query: term('Қазақстанға') }))).toEqual(['a3']);
        expect(ids(await search({ query: term('үкімет') }))).toEqual(['a3']);
      });

      it('matches prefixes on normalised words', async () => {
        expect(ids(await search({ query: term('гастарб', true) }))).toEqual(['a4']);
        expect(ids(await search({ query: term('МИГР', true) }))).toEqual(MIGRANT_DOCS);
        expect(ids(await search({ query: term('migr', true) }))).toEqual(['a5']);
      });

      it('matches phrases as consecutive stems, in order', async () => {
        expect(ids(await search({ query: { type: 'phrase', terms: ['трудовых', 'мигрантов'] } }))).toEqual([
          'a1',
          'a2',
        ]);
        expect(ids(await search({ query: { type: 'phrase', terms: ['мигранты', 'трудовые'] } }))).toEqual([]);
        expect(ids(await search({ query: term('Көші-қон') }))).toEqual(['a3']);
      });

      it('combines with AND, OR and NOT, including a query that is only a negation', async () => {
        expect(ids(await search({ query: { type: 'and', children: [term('мигрант'), term('алматы')] } }))).toEqual([
          'a1',
          'a2',
        ]);
        expect(ids(await search({ query: { type: 'or', children: [term('гастарбайтер'), term('погода')] } }))).toEqual([
          'a4',
          'a6',
        ]);
        const notRights = {
          type: 'and',
          children: [term('мигрант'), { type: 'not', child: term('правозащитники') }],
        } as QueryNode;
        expect(ids(await search({ query: notRights }))).toEqual(['a1', 'a2', 'a3', 'a7']);
        expect(ids(await search({ query: { type: 'not', child: term('мигрант') } }))).toEqual(['a4', 'a5', 'a6']);
        const orNot = { type: 'or', children: [term('погода'), { type: 'not', child: term('мигрант') }] } as QueryNode;
        expect(ids(await search({ query: orNot }))).toEqual(['a4', 'a5', 'a6']);
      });

      it('treats query syntax characters as text and a query with no words as matching nothing', async () => {
        expect((await search({ query: term('"мигрант* OR NEAR(') })).total).toBe(0);
        expect((await search({ query: term('!!!') })).total).toBe(0);
        expect(ids(await search({ query: term('мигрант"') }))).toEqual(MIGRANT_DOCS);
      });

      it('filters by labels, severity, targets, sources, langs and countries', async () => {
        expect(ids(await search({ filters: { labels: ['xenophobic'] } }))).toEqual(['a4', 'a7']);
        expect(ids(await search({ filters: { labels: ['migration_policy', 'counter_speech'] } }))).toEqual([
          'a1',
          'a2',
          'a3',
          'a5',
          'a8',
        ]);
        expect(ids(await search({ filters: { min_severity: 2 } }))).toEqual(['a4', 'a7']);
        expect(ids(await search({ filters: { targets: ['central_asians'] } }))).toEqual(['a4']);
        expect(ids(await search({ filters: { targets: ['migrant_workers', 'central_asians'] } }))).toEqual([
          'a4',
          'a5',
        ]);
        expect(ids(await search({ filters: { sources: ['fergana'] } }))).toEqual(['a5', 'a6']);
        expect(ids(await search({ filters: { langs: ['kk'] } }))).toEqual(['a3']);
        expect(ids(await search({ filters: { countries: ['UZ'] } }))).toEqual(['a5', 'a6']);
        expect(
          ids(await search({ query: term('мигрант'), filters: { sources: ['tengri'], labels: ['xenophobic'] } })),
        ).toEqual(['a7']);
      });

      it('filters by article ids given or excluded (what the review filters resolve to)', async () => {
        expect(ids(await search({ filters: { ids: ['a2', 'a5', 'missing'] } }))).toEqual(['a2', 'a5']);
        expect(ids(await search({ filters: { ids: [] } }))).toEqual([]);
        expect(ids(await search({ filters: { exclude_ids: ['a1', 'a2', 'a3'] } }))).toEqual([
          'a4',
          'a5',
          'a6',
          'a7',
          'a8',
        ]);
        expect(ids(await search({ filters: { ids: ['a4', 'a7'], exclude_ids: ['a7'], langs: ['ru'] } }))).toEqual([
          'a4',
        ]);
        const scanned: string[] = [];
        for await (const batch of ctx.store.scan({ exclude_ids: ['a1'], ids: ['a1', 'a6'] }, 10))
          scanned.push(...batch.map((a) => a.id));
        expect(scanned).toEqual(['a6']);
      });

      it('filters by date: from/to inclusive, a bare to date covers its day, fetched_at stands in for a missing date', async () => {
        expect(ids(await search({ filters: { from: '2024-05-03' } }))).toEqual(['a4', 'a5', 'a6', 'a7', 'a8']);
        expect(ids(await search({ filters: { to: '2024-05-03' } }))).toEqual(['a1', 'a2', 'a3', 'a4']);
        expect(ids(await search({ filters: { to: '2024-05-02T08:00:00Z' } }))).toEqual(['a1', 'a2', 'a3']);
        expect(ids(await search({ filters: { from: '2024-05-07', to: '2024-05-07' } }))).toEqual(['a6']);
        await expect(search({ filters: { from: 'yesterday' } })).rejects.toBeInstanceOf(StoreRequestError);
      });

      it('sorts by date, newest first, with the total', async () => {
        const r = await search({ sort: 'date' });
        expect(r.hits.map((h) => h.id)).toEqual(ALL_BY_DATE);
        expect(r.total).toBe(8);
        expect(r.next_cursor).toBeNull();
      });

      it('sorts by relevance, best first', async () => {
        const r = await search({
          sort: 'relevance',
          query: { type: 'or', children: [term('мигрант'), term('алматы')] },
        });
        expect(
          r.hits
            .slice(0, 2)
            .map((h) => h.id)
            .sort(),
        ).toEqual(['a1', 'a2']);
        for (let i = 1; i < r.hits.length; i++) expect(r.hits[i - 1].score).toBeGreaterThanOrEqual(r.hits[i].score);
        expect(r.hits[0].score).toBeGreaterThan(r.hits[r.hits.length - 1].score);
      });

      it('gives the hits of a date-sorted page the scores relevance ranks them by', async () => {
        const query: QueryNode = { type: 'or', children: [term('мигрант'), term('алматы')] };
        const ranked = new Map((await search({ sort: 'relevance', query })).hits.map((h) => [h.id, h.score]));
        for (const size of [2, 50]) {
          const dated = await search({ sort: 'date', query, size });
          expect(dated.hits.length).toBeGreaterThan(0);
          for (const hit of dated.hits) expect(hit.score, hit.id).toBeCloseTo(ranked.get(hit.id) as number, 6);
        }
      });

      it('pages with cursors that cover every hit exactly once, for both sorts', async () => {
        expect(await allPages(ctx.store, request({ sort: 'date', size: 3 }))).toEqual(ALL_BY_DATE);
        const relevance = request({ sort: 'relevance', size: 2, query: term('мигрант') });
        const paged = await allPages(ctx.store, relevance);
        expect(paged).toEqual((await ctx.store.search({ ...relevance, size: 50 })).hits.map((h) => h.id));
        expect([...paged].sort()).toEqual(MIGRANT_DOCS);
        const filtered = await allPages(ctx.store, request({ sort: 'date', size: 1, filters: { countries: ['KZ'] } }));
        expect(filtered).toEqual(['a8', 'a7', 'a4', 'a3', 'a2', 'a1']);
      });

      it('rejects a cursor from another sort or one that is not a cursor', async () => {
        const first = await search({ sort: 'date', size: 2 });
        await expect(search({ sort: 'relevance', size: 2, cursor: first.next_cursor ?? '' })).rejects.toBeInstanceOf(
          StoreRequestError,
        );
        await expect(search({ sort: 'date', cursor: 'bm90IGEgY3Vyc29y' })).rejects.toBeInstanceOf(StoreRequestError);
      });

      it('rejects tampered cursors of the right sort: huge offsets, empty or ill-typed positions', async () => {
        const forged = (key: string, position: object) =>
          Buffer.from(JSON.stringify({ key, ...position })).toString('base64url');
        const cases: Array<[Partial<SearchRequest>, string]> = [
          [{ sort: 'relevance', collapse: true, query: term('мигрант') }, forged('relevance|c', { offset: 1e300 })],
          [{ sort: 'relevance', collapse: true, query: term('мигрант') }, forged('relevance|c', { offset: 1_000_001 })],
          [{ sort: 'relevance', collapse: true, query: term('мигрант') }, forged('relevance|c', { offset: -1 })],
          [{ sort: 'date' }, forged('date|a', { after: [] })],
          [{ sort: 'date' }, forged('date|a', { after: ['zzz', 'id'] })],
          [{ sort: 'date' }, forged('date|a', { after: [1, 2, 3] })],
          [{ sort: 'date' }, forged('date|a', { after: [null, 'id'] })],
          [{ sort: 'relevance', query: term('мигрант') }, forged('relevance|a', { after: [Number.MAX_VALUE, {}] })],
        ];
        for (const [over, cursor] of cases) {
          await expect(search({ ...over, cursor }), cursor).rejects.toBeInstanceOf(StoreRequestError);
        }
      });

      it('collapses near-duplicates to one hit per cluster, counting clusters', async () => {
        const r = await search({ sort: 'date', collapse: true });
        expect(r.total).toBe(7);
        // a1 heads its cluster (a2 is a later copy), so a1 stands for it.
        expect(r.hits.map((h) => h.id)).toEqual(['a8', 'a7', 'a6', 'a5', 'a4', 'a3', 'a1']);
        const byRelevance = await search({ sort: 'relevance', collapse: true, query: term('алматы') });
        expect(byRelevance.total).toBe(1);
        expect(byRelevance.hits).toHaveLength(1);
        const paged = await allPages(ctx.store, request({ sort: 'date', collapse: true, size: 2 }));
        expect(paged).toEqual(['a8', 'a7', 'a6', 'a5', 'a4', 'a3', 'a1']);
        const pagedRelevance = await allPages(
          ctx.store,
          request({ sort: 'relevance', collapse: true, size: 2, query: term('мигрант') }),
        );
        expect([...pagedRelevance].sort()).toHaveLength(4);
        expect(new Set(pagedRelevance)).toEqual(new Set(['a1', 'a3', 'a7', 'a8']));
      });

      it('counts facets over the whole filtered result', async () => {
        const r = await search({ size: 1, facets: true });
        expect(r.facets?.lang).toEqual([
          { key: 'ru', count: 6 },
          { key: 'en', count: 1 },
          { key: 'kk', count: 1 },
        ]);
        expect(r.facets?.source).toEqual([
          { key: 'azattyq', count: 3 },
          { key: 'tengri', count: 3 },
          { key: 'fergana', count: 2 },
        ]);
        expect(r.facets?.label).toEqual([
          { key: 'migration_policy', count: 4 },
          { key: 'xenophobic', count: 2 },
          { key: 'counter_speech', count: 1 },
        ]);
        expect(r.facets?.target).toEqual([
          { key: 'migrants', count: 6 },
          { key: 'central_asians', count: 1 },
          { key: 'migrant_workers', count: 1 },
        ]);
        expect(r.facets?.severity).toEqual([
          { key: '1', count: 2 },
          { key: '2', count: 2 },
          { key: '3', count: 1 },
        ]);
        expect(r.facets?.country).toEqual([
          { key: 'KZ', count: 6 },
          { key: 'UZ', count: 2 },
        ]);
        const filtered = await search({ size: 1, facets: true, query: term('мигрант'), filters: { langs: ['ru'] } });
        expect(filtered.facets?.source).toEqual([
          { key: 'azattyq', count: 2 },
          { key: 'tengri', count: 2 },
        ]);
        expect(filtered.facets?.label).toEqual([
          { key: 'migration_policy', count: 2 },
          { key: 'counter_speech', count: 1 },
          { key: 'xenophobic', count: 1 },
        ]);
        expect(filtered.facets?.lang).toEqual([
          { key: 'ru', count: 4 },
          { key: 'kk', count: 1 },
        ]);
        expect((await search({ facets: false })).facets).toBeUndefined();
      });

      it("counts each facet value in the total's unit, over the selection without the facet's own filter: what selecting that value returns", async () => {
        const collapsed = await search({ size: 1, facets: true, collapse: true });
        expect(collapsed.total).toBe(7);
        expect(collapsed.facets?.label).toEqual([
          { key: 'migration_policy', count: 3 },
          { key: 'xenophobic', count: 2 },
          { key: 'counter_speech', count: 1 },
        ]);
        const checked = await expectFacetsAsClicked(search, [
          { collapse: true },
          { collapse: false },
          { collapse: true, filters: { labels: ['xenophobic'] } },
          { collapse: true, filters: { labels: ['migration_policy'], langs: ['ru'] } },
          { collapse: false, query: term('мигрант'), filters: { langs: ['ru'], min_severity: 2 } },
          { collapse: true, filters: { targets: ['migrants'], sources: ['tengri', 'azattyq'] } },
        ]);
        expect(checked).toBeGreaterThan(40);
      });

      it('returns match offsets into classifiedText for terms, prefixes and phrases, not for negated terms', async () => {
        const [hit] = (
          await search({ query: term('мигрант'), filters: { sources: ['tengri'], labels: ['migration_policy'] } })
        ).hits;
        const text = classifiedText(hit.article);
        expect(hit.matches.map(([s, e]) => text.slice(s, e))).toEqual(['Мигрантов', 'мигрантов', 'мигранты']);
        const phrase = await search({
          query: { type: 'phrase', terms: ['трудовые', 'мигранты'] },
          filters: { sources: ['tengri'] },
        });
        const t1 = classifiedText(phrase.hits[0].article);
        expect(phrase.hits[0].matches.map(([s, e]) => t1.slice(s, e))).toEqual(['Трудовые мигранты']);
        const kk = (
          await search({
            query: { type: 'and', children: [term('көш', true), { type: 'not', child: term('погода') }] },
          })
        ).hits[0];
        expect(kk.matches.map(([s, e]) => classifiedText(kk.article).slice(s, e))).toEqual(['Көші']);
      });

      it('stores untrusted HTML in titles verbatim and returns whole articles with classification', async () => {
        const [hit] = (await search({ query: term('гастарбайтеры') })).hits;
        expect(hit.article.title).toBe(HOSTILE_TITLE);
        expect(hit.article).toEqual(ARTICLES[3]);
        expect(await ctx.store.getArticle('a4')).toEqual(ARTICLES[3]);
        expect(await ctx.store.getArticle('a6')).toEqual(ARTICLES[5]);
      });

      it('buckets time series by day, Monday week and month, counting a cluster once', async () => {
        const days = await ctx.store.timeseries({ query: null, filters: {}, interval: 'day' });
        expect(days.filter((p) => p.count > 0).map((p) => [p.bucket, p.count])).toEqual([
          ['2024-05-01', 1],
          ['2024-05-02', 1],
          ['2024-05-03', 1],
          ['2024-05-06', 1],
          ['2024-05-07', 1],
          ['2024-06-02', 1],
          ['2024-06-03', 1],
        ]);
        const weeks = await ctx.store.timeseries({ query: null, filters: {}, interval: 'week' });
        expect(weeks.map((p) => [p.bucket, p.series, p.count, p.flagged])).toEqual([
          ['2024-04-29', 'all', 3, 1],
          ['2024-05-06', 'all', 2, 0],
          ['2024-05-13', 'all', 0, 0],
          ['2024-05-20', 'all', 0, 0],
          ['2024-05-27', 'all', 1, 1],
          ['2024-06-03', 'all', 1, 0],
        ]);
        expect(weeks[0].flagged_share).toBeCloseTo(1 / 3);
        const months = await ctx.store.timeseries({ query: null, filters: {}, interval: 'month' });
        expect(months.map((p) => [p.bucket, p.count, p.flagged])).toEqual([
          ['2024-05-01', 5, 1],
          ['2024-06-01', 2, 1],
        ]);
        // Over cluster heads: a1 (0.1; its copy a2 is not counted again), a3 (0), a4 (-0.9), a5 (0.2).
        expect(months[0].mean_sentiment).toBeCloseTo(-0.15);
        expect(months[1].mean_sentiment).toBeCloseTo(-0.05);
        expect(months[1].flagged_share).toBeCloseTo(0.5);
      });

      it('returns every bucket from the first article to the last, empty ones with zeros and null share and sentiment', async () => {
        const days = await ctx.store.timeseries({ query: null, filters: {}, interval: 'day' });
        expect(days).toHaveLength(34);
        expect(days[0].bucket).toBe('2024-05-01');
        expect(days[33].bucket).toBe('2024-06-03');
        expect(new Set(days.map((p) => p.bucket)).size).toBe(34);
        expect(days.find((p) => p.bucket === '2024-05-04')).toEqual({
          bucket: '2024-05-04',
          series: 'all',
          count: 0,
          flagged: 0,
          flagged_share: null,
          mean_sentiment: null,
        });
        const weeks = await ctx.store.timeseries({ query: null, filters: {}, interval: 'week' });
        expect(weeks.map((p) => p.bucket)).toEqual([
          '2024-04-29',
          '2024-05-06',
          '2024-05-13',
          '2024-05-20',
          '2024-05-27',
          '2024-06-03',
        ]);
      });

      it('spans from and to when given, for every series of a split, and rejects more buckets than it can return', async () => {
        const days = await ctx.store.timeseries({
          query: null,
          filters: { from: '2024-04-28', to: '2024-05-02T09:00:00Z' },
          interval: 'day',
        });
        expect(days.map((p) => [p.bucket, p.count])).toEqual([
          ['2024-04-28', 0],
          ['2024-04-29', 0],
          ['2024-04-30', 0],
          ['2024-05-01', 1],
          ['2024-05-02', 1],
        ]);
        const byLang = await ctx.store.timeseries({
          query: null,
          filters: { from: '2024-04-15', to: '2024-07-31' },
          interval: 'month',
          split_by: 'lang',
        });
        expect(byLang.map((p) => [p.bucket, p.series, p.count])).toEqual([
          ['2024-04-01', 'en', 0],
          ['2024-04-01', 'kk', 0],
          ['2024-04-01', 'ru', 0],
          ['2024-05-01', 'en', 1],
          ['2024-05-01', 'kk', 1],
          ['2024-05-01', 'ru', 3],
          ['2024-06-01', 'en', 0],
          ['2024-06-01', 'kk', 0],
          ['2024-06-01', 'ru', 2],
          ['2024-07-01', 'en', 0],
          ['2024-07-01', 'kk', 0],
          ['2024-07-01', 'ru', 0],
        ]);
        const quiet = await ctx.store.timeseries({
          query: null,
          filters: { sources: ['nowhere'], from: '2024-05-01', to: '2024-05-21' },
          interval: 'week',
        });
        expect(quiet.map((p) => [p.bucket, p.count, p.flagged_share])).toEqual([
          ['2024-04-29', 0, null],
          ['2024-05-06', 0, null],
          ['2024-05-13', 0, null],
          ['2024-05-20', 0, null],
        ]);
        const quietSplit = await ctx.store.timeseries({
          query: null,
          filters: { sources: ['nowhere'], from: '2024-05-01', to: '2024-05-21' },
          interval: 'week',
          split_by: 'lang',
        });
        expect(quietSplit).toEqual([]);
        await expect(
          ctx.store.timeseries({ query: null, filters: { from: '1000-01-01', to: '2024-06-30' }, interval: 'day' }),
        ).rejects.toBeInstanceOf(StoreRequestError);
      });

      it('keeps a bucket whose articles the label filter leaves out, with its flagged share', async () => {
        const policy = await ctx.store.timeseries({
          query: null,
          filters: { labels: ['counter_speech'] },
          interval: 'month',
        });
        expect(policy.map((p) => [p.bucket, p.count, p.flagged])).toEqual([
          ['2024-05-01', 0, 0],
          ['2024-06-01', 1, 0],
        ]);
        expect(policy[0].flagged_share).toBeCloseTo(0.2);
        expect(policy[0].mean_sentiment).toBeNull();
        const byLabel = await ctx.store.timeseries({
          query: null,
          filters: { labels: ['xenophobic'] },
          interval: 'month',
          split_by: 'label',
        });
        expect(byLabel.map((p) => [p.bucket, p.series, p.count])).toEqual([
          ['2024-05-01', 'xenophobic', 1],
          ['2024-06-01', 'xenophobic', 1],
        ]);
      });

      it('computes flagged_share without the label filter, and applies query and other filters', async () => {
        const flagged = await ctx.store.timeseries({
          query: null,
          filters: { labels: ['xenophobic'] },
          interval: 'month',
        });
        expect(flagged.map((p) => [p.bucket, p.count, p.flagged])).toEqual([
          ['2024-05-01', 1, 1],
          ['2024-06-01', 1, 1],
        ]);
        expect(flagged[0].flagged_share).toBeCloseTo(0.2);
        expect(flagged[0].mean_sentiment).toBeCloseTo(-0.9);
        const queried = await ctx.store.timeseries({
          query: term('мигрант'),
          filters: { langs: ['ru'] },
          interval: 'month',
        });
        expect(queried.map((p) => [p.bucket, p.count])).toEqual([
          ['2024-05-01', 1],
          ['2024-06-01', 2],
        ]);
        const none = await ctx.store.timeseries({ query: null, filters: { sources: ['nowhere'] }, interval: 'day' });
        expect(none).toEqual([]);
      });

      it('splits time series by source, label, lang and target, sorted by bucket then series', async () => {
        const bySource = await ctx.store.timeseries({
          query: null,
          filters: {},
          interval: 'month',
          split_by: 'source',
        });
        expect(bySource.map((p) => [p.bucket, p.series, p.count])).toEqual([
          ['2024-05-01', 'azattyq', 1],
          ['2024-05-01', 'fergana', 2],
          ['2024-05-01', 'tengri', 2],
          ['2024-06-01', 'azattyq', 1],
          ['2024-06-01', 'fergana', 0],
          ['2024-06-01', 'tengri', 1],
        ]);
        const byLabel = await ctx.store.timeseries({ query: null, filters: {}, interval: 'month', split_by: 'label' });
        expect(byLabel.map((p) => [p.bucket, p.series, p.count, p.flagged])).toEqual([
          ['2024-05-01', 'counter_speech', 0, 0],
          ['2024-05-01', 'migration_policy', 3, 0],
          ['2024-05-01', 'xenophobic', 1, 1],
          ['2024-06-01', 'counter_speech', 1, 0],
          ['2024-06-01', 'migration_policy', 0, 0],
          ['2024-06-01', 'xenophobic', 1, 1],
        ]);
        const byLang = await ctx.store.timeseries({ query: null, filters: {}, interval: 'month', split_by: 'lang' });
        expect(byLang.filter((p) => p.count > 0).map((p) => [p.bucket, p.series, p.count])).toEqual([
          ['2024-05-01', 'en', 1],
          ['2024-05-01', 'kk', 1],
          ['2024-05-01', 'ru', 3],
          ['2024-06-01', 'ru', 2],
        ]);
        const byTarget = await ctx.store.timeseries({
          query: null,
          filters: {},
          interval: 'month',
          split_by: 'target',
        });
        expect(byTarget.filter((p) => p.count > 0).map((p) => [p.bucket, p.series, p.count, p.flagged])).toEqual([
          ['2024-05-01', 'central_asians', 1, 1],
          ['2024-05-01', 'migrant_workers', 1, 0],
          ['2024-05-01', 'migrants', 3, 1],
          ['2024-06-01', 'migrants', 2, 1],
        ]);
      });
    });

    describe('collapsed paging', () => {
      const day = (d: number) => `2024-03-${String(d).padStart(2, '0')}T12:00:00Z`;
      const member = (n: number, cluster: string, repeats: number) =>
        article({
          id: `c${n}`,
          title: `Сводка ${n}`,
          text: `${'Мигранты приехали. '.repeat(repeats)}Новости дня номер ${n}.`,
          published_at: day(n),
          cluster_id: cluster,
        });
      // A cluster is named after its first article, its head.
      const CLUSTERED = [
        member(1, 'c1', 1),
        member(2, 'c2', 3),
        member(3, 'c3', 2),
        member(4, 'c4', 1),
        member(5, 'c1', 4),
        member(6, 'c2', 1),
        member(7, 'c7', 2),
        member(8, 'c8', 3),
        member(9, 'c1', 2),
      ];
      const clusterOf = new Map(CLUSTERED.map((a) => [a.id, a.cluster_id]));
      const ctx = useStore(makeStore, async (store) => {
        for (const a of CLUSTERED) await store.putArticle(a);
      });

      it('shows each cluster on exactly one page, as many as the total, in date order', async () => {
        const base = request({ sort: 'date', collapse: true, size: 2 });
        const paged = await allPages(ctx.store, base);
        expect(paged).toEqual(['c8', 'c7', 'c4', 'c3', 'c2', 'c1']);
        expect(paged).toHaveLength((await ctx.store.search(base)).total);
      });

      it('shows each cluster on exactly one page in relevance order, as one large page does', async () => {
        const base = request({ sort: 'relevance', collapse: true, size: 2, query: term('мигрант') });
        const paged = await allPages(ctx.store, base);
        const clusters = paged.map((id) => clusterOf.get(id));
        expect(new Set(clusters).size).toBe(paged.length);
        expect(paged).toHaveLength((await ctx.store.search(base)).total);
        expect(paged).toHaveLength(6);
        expect(paged).toEqual((await ctx.store.search({ ...base, size: 50 })).hits.map((h) => h.id));
      });
    });

    describe('exact cluster counts', () => {
      // Two clusters whose members differ on source, country, label, severity and day, and two single articles.
      // h1 and h2 head their clusters (a cluster is named after its first article); h2b is flagged, its head not.
      const at = (day: number, hour: number) => `2024-02-0${day}T${String(hour).padStart(2, '0')}:00:00Z`;
      const xeno = (severity: 1 | 2 | 3, sentiment: number) =>
        classification({ xenophobic: true, xenophobia_score: 0.9, severity, targets: ['migrants'], sentiment });
      const policy = classification({ migration_policy: true, migration_policy_score: 0.8, sentiment: 0.2 });
      const item = (id: string, cluster_id: string, over: Partial<Article>) =>
        article({ id, cluster_id, title: `Сводка ${id}`, text: `Мигранты и квоты: материал ${id}.`, ...over });
      const CLUSTERS: Article[] = [
        item('h1', 'h1', { source_id: 'tengri', published_at: at(5, 10), classification: xeno(2, -0.5) }),
        item('h1b', 'h1', { source_id: 'azattyq', published_at: at(5, 12), classification: policy }),
        item('h1c', 'h1', {
          source_id: 'fergana',
          country: 'UZ',
          published_at: at(6, 9),
          classification: xeno(3, -0.9),
        }),
        item('h2', 'h2', { source_id: 'azattyq', lang: 'kk', published_at: at(5, 8), classification: policy }),
        item('h2b', 'h2', { source_id: 'tengri', lang: 'kk', published_at: at(6, 10), classification: xeno(1, -0.3) }),
        item('s1', 's1', {
          source_id: 'tengri',
          published_at: at(6, 11),
          classification: classification({ counter_speech: true, sentiment: 0.6 }),
        }),
        item('s2', 's2', { source_id: 'fergana', lang: 'en', country: 'UZ', published_at: at(7, 9) }),
      ];
      const ctx = useStore(makeStore, async (store) => {
        for (const a of CLUSTERS) await store.putArticle(a);
      });
      const search = (over: Partial<SearchRequest>) => ctx.store.search(request(over));
      const dayOf = (from: string) => ({ from, to: from });

      it('counts one article per cluster, its head: the total is the hits over every page', async () => {
        const collapsed = await search({ collapse: true });
        expect(collapsed.total).toBe(4);
        expect(collapsed.hits.map((h) => h.id)).toEqual(['s2', 's1', 'h1', 'h2']);
        const paged = await allPages(ctx.store, request({ collapse: true, size: 1 }));
        expect(paged).toEqual(['s2', 's1', 'h1', 'h2']);
        const byRelevance = request({ collapse: true, sort: 'relevance', size: 1, query: term('квоты') });
        expect(await allPages(ctx.store, byRelevance)).toHaveLength((await ctx.store.search(byRelevance)).total);
        expect((await search({ collapse: false })).total).toBe(7);
      });

      it('keeps a cluster when its head matches the filters, and leaves it out when only another member does', async () => {
        const flagged = await search({ collapse: true, filters: { labels: ['xenophobic'] } });
        expect([flagged.total, ids(flagged)]).toEqual([1, ['h1']]);
        const everyFlagged = await search({ collapse: false, filters: { labels: ['xenophobic'] } });
        expect([everyFlagged.total, ids(everyFlagged)]).toEqual([3, ['h1', 'h1c', 'h2b']]);
        const fergana = await search({ collapse: true, filters: { sources: ['fergana'] } });
        expect([fergana.total, ids(fergana)]).toEqual([1, ['s2']]);
        const severe = await search({ collapse: true, filters: { min_severity: 3 } });
        expect([severe.total, ids(severe)]).toEqual([0, []]);
      });

      it('counts each facet value as clicking it returns, in clusters and in articles', async () => {
        await expectFacetsAsClicked(search, [
          { collapse: true },
          { collapse: false },
          { collapse: true, filters: { labels: ['xenophobic'] } },
          { collapse: true, filters: { sources: ['tengri', 'fergana'] } },
          { collapse: true, filters: { min_severity: 1, countries: ['KZ'] } },
          { collapse: true, query: term('квоты'), filters: { langs: ['kk'] } },
        ]);
        const r = await search({ collapse: true, facets: true, size: 1 });
        expect(r.facets?.source).toEqual([
          { key: 'tengri', count: 2 },
          { key: 'azattyq', count: 1 },
          { key: 'fergana', count: 1 },
        ]);
        expect(r.facets?.label).toEqual([
          { key: 'counter_speech', count: 1 },
          { key: 'migration_policy', count: 1 },
          { key: 'xenophobic', count: 1 },
        ]);
      });

      it('counts each cluster once in its head’s bucket, as the collapsed search over that bucket does', async () => {
        const days = await ctx.store.timeseries({ query: null, filters: {}, interval: 'day' });
        expect(days.map((p) => [p.bucket, p.count, p.flagged])).toEqual([
          ['2024-02-05', 2, 1],
          ['2024-02-06', 1, 0],
          ['2024-02-07', 1, 0],
        ]);
        expect(days[0].flagged_share).toBeCloseTo(0.5);
        expect(days[0].mean_sentiment).toBeCloseTo((-0.5 + 0.2) / 2);
        expect(days.reduce((n, p) => n + p.count, 0)).toBe((await search({ collapse: true })).total);
        for (const split of [undefined, 'source', 'lang'] as const) {
          const points = await ctx.store.timeseries({ query: null, filters: {}, interval: 'day', split_by: split });
          for (const p of points) {
            const slice = {
              ...dayOf(p.bucket),
              ...(split === 'source' ? { sources: [p.series] } : split === 'lang' ? { langs: [p.series] } : {}),
            };
            const what = `${split} ${p.bucket} ${p.series}`;
            expect(p.count, what).toBe((await search({ collapse: true, filters: slice })).total);
            const flagged = await search({ collapse: true, filters: { ...slice, labels: ['xenophobic'] } });
            expect(p.flagged, what).toBe(flagged.total);
          }
        }
      });

      it('keeps the head through reclassification, edits and deletion at the source', async () => {
        const flaggedTotal = async () => (await search({ collapse: true, filters: { labels: ['xenophobic'] } })).total;
        await ctx.store.setClassifications([{ id: 'h2b', classification: policy }]);
        await ctx.store.setClassifications([{ id: 'h2', classification: xeno(2, -0.4) }]);
        await ctx.store.refresh();
        expect(await flaggedTotal()).toBe(2);
        await ctx.store.setClassifications([{ id: 'h2', classification: policy }]);
        await ctx.store.setClassifications([{ id: 'h2b', classification: xeno(1, -0.3) }]);
        await ctx.store.putArticle({
          ...CLUSTERS[0],
          title: 'Сводка h1, исправлено',
          deleted_at: at(8, 0),
          deleted_reason: 'HTTP 410',
        });
        await ctx.store.refresh();
        expect(await flaggedTotal()).toBe(1);
        expect(ids(await search({ collapse: true, filters: { deleted: true } }))).toEqual(['h1']);
        expect((await search({ collapse: true, filters: { deleted: false } })).total).toBe(3);
        await ctx.store.putArticle(CLUSTERS[0]);
        await ctx.store.refresh();
        expect((await search({ collapse: true })).total).toBe(4);
      });
    });

    describe('batch writes', () => {
      const ctx = useStore(makeStore);

      it('stores a batch as one write at a time would: created flags, search, near-duplicate keys', async () => {
        const batch = [
          article({ id: 'b1', title: 'Квоты на мигрантов', text: 'Квоты исчерпаны к июлю.', content_hash: 'hash-b1' }),
          article({ id: 'b2', title: 'Погода', text: 'Жара в Алматы.', content_hash: 'hash-b2' }),
        ];
        expect(await ctx.store.putArticles(batch)).toEqual([{ created: true }, { created: true }]);
        expect(
          await ctx.store.putArticles([
            { ...batch[1], title: 'Погода завтра' },
            article({ id: 'b3', title: 'Суд', text: 'Заседание перенесли.' }),
          ]),
        ).toEqual([{ created: false }, { created: true }]);
        expect(await ctx.store.putArticles([])).toEqual([]);
        // Before any refresh: a copy crawled a moment later must find the batch's articles at once.
        expect((await ctx.store.findByContentHash('hash-b1'))?.id).toBe('b1');
        expect((await ctx.store.findBandCandidates(bands(batch[1].minhash), 5)).map((c) => c.id)).toContain('b2');
        await ctx.store.refresh();
        expect(await ctx.store.count()).toBe(3);
        expect((await ctx.store.getArticle('b2'))?.title).toBe('Погода завтра');
        expect(ids(await ctx.store.search(request({ query: term('квоты') })))).toEqual(['b1']);
      });
    });

    describe('articles', () => {
      const ctx = useStore(makeStore);

      it('puts idempotently by id: created once, replaced after, searchable by the new text only', async () => {
        const first = article({
          id: 'p1',
          title: 'Старый заголовок',
          text: 'Про квоты.',
          published_at: '2024-01-01T00:00:00Z',
        });
        expect(await ctx.store.putArticle(first)).toEqual({ created: true });
        expect(await ctx.store.putArticle(first)).toEqual({ created: false });
        const second = { ...first, title: 'Новый заголовок' };
        expect(await ctx.store.putArticle(second)).toEqual({ created: false });
        await ctx.store.refresh();
        expect(await ctx.store.count()).toBe(1);
        expect(await ctx.store.getArticle('p1')).toEqual(second);
        expect((await ctx.store.search(request({ query: term('новый') }))).total).toBe(1);
        expect((await ctx.store.search(request({ query: term('старый') }))).total).toBe(0);
        expect(await ctx.store.getArticle('missing')).toBeNull();
      });

      it('reports which ids exist', async () => {
        await ctx.store.putArticle(article({ id: 'p2', title: 'Два', text: 'Текст два.' }));
        await ctx.store.refresh();
        expect(await ctx.store.existingIds(['p1', 'p2', 'nope', 'p2'])).toEqual(new Set(['p1', 'p2']));
        expect(await ctx.store.existingIds([])).toEqual(new Set());
      });

      it('finds exact copies by content hash and near copies by MinHash band, and lists cluster members', async () => {
        const original = article({
          id: 'd1',
          title: 'Квоты на мигрантов',
          text: 'Правительство утвердило квоты на привлечение иностранной рабочей силы на 2024 год.',
          published_at: '2024-02-01T00:00:00Z',
        });
        const copy = article({
          id: 'd2',
          title: original.title,
          text: original.text,
          published_at: '2024-02-02T00:00:00Z',
          cluster_id: 'd1',
        });
        await ctx.store.putArticle(original);
        await ctx.store.putArticle(copy);
        await ctx.store.refresh();
        expect(await ctx.store.findByContentHash(original.content_hash)).toEqual({
          id: 'd1',
          minhash: original.minhash,
          cluster_id: 'd1',
        });
        expect(await ctx.store.findByContentHash('0'.repeat(64))).toBeNull();
        const candidates = await ctx.store.findBandCandidates(bands(original.minhash), 10);
        expect(candidates.map((c) => c.id)).toEqual(['d1', 'd2']);
        expect(candidates[1]).toEqual({ id: 'd2', minhash: copy.minhash, cluster_id: 'd1' });
        expect(await ctx.store.findBandCandidates(bands(original.minhash), 1)).toHaveLength(1);
        expect(await ctx.store.findBandCandidates(['0:nothing'], 10)).toEqual([]);
        expect((await ctx.store.clusterMembers('d1', 10)).map((a) => a.id)).toEqual(['d1', 'd2']);
        expect((await ctx.store.clusterMembers('d1', 1)).map((a) => a.id)).toEqual(['d1']);
      });

      it('sets a classification, which filters, facets and labels follow', async () => {
        await ctx.store.setClassifications([
          {
            id: 'p2',
            classification: classification({ xenophobic: true, severity: 2, targets: ['uzbeks'], sentiment: -0.5 }),
          },
        ]);
        await ctx.store.refresh();
        expect((await ctx.store.getArticle('p2'))?.classification?.targets).toEqual(['uzbeks']);
        const r = await ctx.store.search(
          request({ filters: { labels: ['xenophobic'], targets: ['uzbeks'] }, facets: true }),
        );
        expect(ids(r)).toEqual(['p2']);
        expect(r.facets?.severity).toEqual([
          { key: '1', count: 1 },
          { key: '2', count: 1 },
        ]);
        await ctx.store.setClassifications([{ id: 'p2', classification: classification({ targets: [] }) }]);
        await ctx.store.refresh();
        expect((await ctx.store.search(request({ filters: { targets: ['uzbeks'] } }))).total).toBe(0);
        await expect(ctx.store.setClassifications([{ id: 'nope', classification: classification() }])).rejects.toThrow(
          /nope/,
        );
      });

      it('sets the classifications of a batch in one call, and fails naming an id it does not hold', async () => {
        await ctx.store.setClassifications([
          { id: 'p2', classification: classification({ xenophobic: true, severity: 3, targets: ['tajiks'] }) },
          { id: 'p1', classification: classification({ migration_policy: true, targets: ['tajiks'] }) },
        ]);
        await ctx.store.refresh();
        expect(ids(await ctx.store.search(request({ filters: { targets: ['tajiks'] } })))).toEqual(['p1', 'p2']);
        expect(ids(await ctx.store.search(request({ filters: { min_severity: 3 } })))).toEqual(['p2']);
        await ctx.store.setClassifications([]);
        await expect(
          ctx.store.setClassifications([
            { id: 'p1', classification: classification() },
            { id: 'missing-id', classification: classification() },
          ]),
        ).rejects.toThrow(/missing-id/);
        await ctx.store.setClassifications([
          { id: 'p1', classification: classification() },
          { id: 'p2', classification: classification() },
        ]);
        await ctx.store.refresh();
      });

      it('scans everything in id order, in batches, honouring filters and a query', async () => {
        for (let i = 0; i < 5; i++) {
          await ctx.store.putArticle(
            article({
              id: `s${i}`,
              lang: i % 2 ? 'kk' : 'ru',
              title: `Скан ${i}`,
              text: i === 3 ? 'Мигранттар туралы.' : 'Ештеңе.',
            }),
          );
        }
        await ctx.store.refresh();
        const batches: string[][] = [];
        for await (const batch of ctx.store.scan(null, 3)) batches.push(batch.map((a) => a.id));
        expect(batches.map((b) => b.length)).toEqual([3, 3, 3]);
        expect(batches.flat()).toEqual(['d1', 'd2', 'p1', 'p2', 's0', 's1', 's2', 's3', 's4']);
        const kk: string[] = [];
        for await (const batch of ctx.store.scan({ langs: ['kk'] }, 1)) kk.push(...batch.map((a) => a.id));
        expect(kk).toEqual(['s1', 's3']);
        const queried: string[] = [];
        for await (const batch of ctx.store.scan({ langs: ['kk'] }, 10, term('мигрант')))
          queried.push(...batch.map((a) => a.id));
        expect(queried).toEqual(['s3']);
        expect(await ctx.store.count()).toBe(9);
      });

      it('scans summaries as it scans articles, each the whole article but its text and signature', async () => {
        const full: Article[] = [];
        for await (const batch of ctx.store.scan({ langs: ['kk'] }, 10)) full.push(...batch);
        const summaries: ArticleSummary[] = [];
        for await (const batch of ctx.store.scanSummaries({ langs: ['kk'] }, 1)) summaries.push(...batch);
        expect(summaries).toEqual(full.map(({ text: _text, minhash: _minhash, ...rest }) => rest));
        for (const summary of summaries) expect(Object.keys(summary)).not.toContain('text');
        const queried: string[] = [];
        for await (const batch of ctx.store.scanSummaries(null, 10, term('мигрант')))
          queried.push(...batch.map((a) => a.id));
        expect(queried).toContain('s3');
        expect(queried).not.toContain('s1');
      });

      it('ranks ties by id', async () => {
        for (const id of ['t2', 't1', 't3'])
          await ctx.store.putArticle(
            article({ id, country: 'TJ', title: 'Ничья', text: 'Одинаковый текст о мигрантах.' }),
          );
        await ctx.store.refresh();
        const r = await ctx.store.search(
          request({ sort: 'relevance', query: term('мигрант'), filters: { countries: ['TJ'] } }),
        );
        expect(r.hits.map((h) => h.id)).toEqual(['t1', 't2', 't3']);
        const byDate = await ctx.store.search(request({ sort: 'date', filters: { countries: ['TJ'] } }));
        expect(byDate.hits.map((h) => h.id)).toEqual(['t1', 't2', 't3']);
      });
    });

    describe('sources, health and state', () => {
      const ctx = useStore(makeStore);

      it('lists sources with empty health until crawled', async () => {
        await ctx.store.upsertSources([source('tengri'), source('azattyq', { languages: ['kk', 'ru'] })]);
        await ctx.store.upsertSources([source('tengri', { name: 'Tengrinews' })]);
        const list = await ctx.store.listSources();
        expect(list.map((s) => [s.id, s.name])).toEqual([
          ['azattyq', 'AZATTYQ'],
          ['tengri', 'Tengrinews'],
        ]);
        expect(list[0].languages).toEqual(['kk', 'ru']);
        expect(list[1].health).toEqual({
          source_id: 'tengri',
          last_attempt_at: null,
          last_success_at: null,
          last_error: null,
          last_error_at: null,
          items_found: 0,
          items_new: 0,
          errors: 0,
          consecutive_failures: 0,
          crawling_since: null,
          last_outcome: null,
          last_note: null,
          last_skipped_at: null,
          skipped: 0,
        });
      });

      it('records failures and successes', async () => {
        const failed = await ctx.store.recordHealth({
          source_id: 'tengri',
          at: '2024-05-01T00:00:00Z',
          ok: false,
          items_found: 0,
          items_new: 0,
          error: 'HTTP 503',
        });
        expect(failed).toMatchObject({
          last_error: 'HTTP 503',
          errors: 1,
          consecutive_failures: 1,
          last_success_at: null,
        });
        await ctx.store.recordHealth({
          source_id: 'tengri',
          at: '2024-05-01T01:00:00Z',
          ok: false,
          items_found: 0,
          items_new: 0,
          error: 'timeout',
        });
        const ok = await ctx.store.recordHealth({
          source_id: 'tengri',
          at: '2024-05-01T02:00:00Z',
          ok: true,
          items_found: 12,
          items_new: 3,
        });
        expect(ok).toEqual({
          source_id: 'tengri',
          last_attempt_at: '2024-05-01T02:00:00Z',
          last_success_at: '2024-05-01T02:00:00Z',
          last_error: 'timeout',
          last_error_at: '2024-05-01T01:00:00Z',
          items_found: 12,
          items_new: 3,
          errors: 2,
          consecutive_failures: 0,
          crawling_since: null,
          last_outcome: 'ok',
          last_note: null,
          last_skipped_at: null,
          skipped: 0,
        });
        const tengri = (await ctx.store.listSources()).find((s) => s.id === 'tengri');
        expect(tengri?.health).toEqual(ok);
      });

      it('shows a crawl in progress, a skipped one and one cut short, none of them a failure or a success', async () => {
        const at = (m: number) => `2024-06-01T00:${String(m).padStart(2, '0')}:00Z`;
        const base = { source_id: 'stuck', ok: false, items_found: 0, items_new: 0 };
        await ctx.store.upsertSources([source('stuck')]);
        const started = await ctx.store.recordHealth({ ...base, at: at(0), event: 'started' });
        expect(started).toMatchObject({ crawling_since: at(0), last_attempt_at: null });
        const skipped = await ctx.store.recordHealth({
          ...base,
          at: at(5),
          event: 'skipped',
          error: 'the crawl started at 00:00 still holds the source',
        });
        expect(skipped).toMatchObject({
          crawling_since: at(0),
          last_outcome: 'skipped',
          last_note: 'the crawl started at 00:00 still holds the source',
          last_skipped_at: at(5),
          skipped: 1,
        });
        const cut = await ctx.store.recordHealth({
          ...base,
          at: at(6),
          event: 'cut_short',
          items_found: 9,
          items_new: 2,
          error: 'shutdown',
        });
        expect(cut).toMatchObject({
          crawling_since: null,
          last_outcome: 'cut_short',
          last_note: 'shutdown',
          last_success_at: null,
          errors: 0,
          consecutive_failures: 0,
          items_new: 2,
        });
        const listed = (await ctx.store.listSources()).find((s) => s.id === 'stuck');
        expect(listed?.health).toEqual(cut);
      });

      it('counts every one of several crawls that finish at once, the first record included', async () => {
        await ctx.store.upsertSources([source('listed')]);
        const fail = (k: number) =>
          ctx.store.recordHealth({
            source_id: k < 4 ? 'listed' : 'fresh',
            at: `2024-05-01T00:00:${String(k).padStart(2, '0')}Z`,
            ok: false,
            items_found: 0,
            items_new: 0,
            error: `HTTP 50${k}`,
          });
        await Promise.all(Array.from({ length: 8 }, (_, k) => fail(k)));
        const health = await Promise.all(
          ['listed', 'fresh'].map(async (id) =>
            ctx.store.recordHealth({
              source_id: id,
              at: '2024-05-02T00:00:00Z',
              ok: true,
              items_found: 1,
              items_new: 1,
            }),
          ),
        );
        expect(health.map((h) => [h.source_id, h.errors, h.last_success_at])).toEqual([
          ['listed', 4, '2024-05-02T00:00:00Z'],
          ['fresh', 4, '2024-05-02T00:00:00Z'],
        ]);
      });

      it('keeps key/value state', async () => {
        expect(await ctx.store.getState('etag:tengri')).toBeNull();
        await ctx.store.setState('etag:tengri', 'W/"1"');
        await ctx.store.setState('etag:tengri', 'W/"2"');
        await ctx.store.setState('tg:last:kazinform', '1234');
        expect(await ctx.store.getState('etag:tengri')).toBe('W/"2"');
        expect(await ctx.store.getState('tg:last:kazinform')).toBe('1234');
      });

      it('can be initialised twice', async () => {
        await ctx.store.init();
        expect(await ctx.store.getState('etag:tengri')).toBe('W/"2"');
      });
    });

    runReviewContract(makeStore, useStore);
    describe('evidence fields: deleted, edited, versions, captures, extractor version', () => {
      const capture = {
        id: 'c'.repeat(32),
        digest: `sha256:${'d'.repeat(64)}`,
        fetched_at: '2024-05-01T08:00:00.000Z',
        status: 200,
        url: 'https://example.kz/a1',
      };
      const gone = article({
        ...ARTICLES[0],
        deleted_at: '2024-05-02T08:00:00.000Z',
        deleted_reason: 'HTTP 410',
        edited_at: '2024-05-01T20:00:00.000Z',
        versions: [
          {
            title: 'Old title',
            text: 'Old text',
            fetched_at: '2024-05-01T08:00:00.000Z',
            replaced_at: '2024-05-01T20:00:00.000Z',
            capture_id: capture.id,
          },
        ],
        captures: [capture],
        extractor_version: 'extract-test',
      });
      const ctx = useStore(makeStore, async (store) => {
        for (const a of ARTICLES.slice(1)) await store.putArticle(a);
        await store.putArticle(gone);
      });

      it('reads the evidence fields back as stored, and articles without them unchanged', async () => {
        expect(await ctx.store.getArticle(gone.id)).toEqual(gone);
        expect(await ctx.store.getArticle('a2')).toEqual(ARTICLES[1]);
      });

      it('filters deleted=true and deleted=false in search, scan and time series', async () => {
        const only = await ctx.store.search(request({ filters: { deleted: true } }));
        expect(ids(only)).toEqual([gone.id]);
        const rest = await ctx.store.search(request({ filters: { deleted: false } }));
        expect(ids(rest)).toEqual(
          ARTICLES.slice(1)
            .map((a) => a.id)
            .sort(),
        );
        const scanned: string[] = [];
        for await (const batch of ctx.store.scan({ deleted: true }, 10)) scanned.push(...batch.map((a) => a.id));
        expect(scanned).toEqual([gone.id]);
        const points = await ctx.store.timeseries({
          query: term('мигрант'),
          filters: { deleted: true },
          interval: 'month',
        });
        expect(points.reduce((n, p) => n + p.count, 0)).toBe(1);
      });

      it('clears the flag when the article is stored again without deleted_at', async () => {
        await ctx.store.putArticle({ ...gone, deleted_at: null });
        await ctx.store.refresh();
        expect((await ctx.store.search(request({ filters: { deleted: true } }))).total).toBe(0);
        await ctx.store.putArticle(gone);
        await ctx.store.refresh();
        expect((await ctx.store.search(request({ filters: { deleted: true } }))).total).toBe(1);
      });
    });
  });
}
