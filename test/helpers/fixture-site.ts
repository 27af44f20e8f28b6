import type { Source } from '../../src/domain.js';
import type { FixtureRoute } from './fixture-server.js';

/** The fixture news site under test/fixtures/site: feeds, sitemaps, a listing and 10 articles (2 unrelated). */
export const FIXTURE_SITE_ROOT = 'test/fixtures/site';

export const FIXTURE_ARTICLES = [
  '/news/migrants-law',
  '/news/kk-koshi-qon',
  '/en/labour-migration-report',
  '/news/cp1251-header',
  '/news/cp1251-meta',
  '/news/almaty-market',
  '/news/astana-workers',
  '/news/2024/05/03/shymkent-dormitory-raid',
  '/news/cup-final',
  '/en/bank-rate',
];

/** Fixture articles about something else entirely (a cup final, a rate decision), listed only in rss-more.xml, which
 * the fixture source files read: crawled end to end, they must come out unlabelled. */
export const FIXTURE_UNRELATED_ARTICLES = ['/news/cup-final', '/en/bank-rate'];

/** The articles reachable from the site's own feeds, sitemaps and listing (all but the unrelated ones). */
export const FIXTURE_SITE_ARTICLES = FIXTURE_ARTICLES.filter((p) => !FIXTURE_UNRELATED_ARTICLES.includes(p));

/** Post ids reachable on the Telegram fixture channel `kuzetnews` through `?before=`. */
export const FIXTURE_TELEGRAM_POSTS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12];

export function newsSiteRoutes(): Record<string, FixtureRoute> {
  return {
    '/rss': { file: 'rss.xml', etag: true, headers: { 'content-type': 'application/rss+xml; charset=utf-8' } },
    '/atom.xml': { file: 'atom.xml', etag: true, headers: { 'content-type': 'application/atom+xml' } },
    '/rdf.xml': {
      file: 'rdf.xml',
      headers: { 'content-type': 'application/rdf+xml', 'last-modified': 'Fri, 03 May 2024 07:00:00 GMT' },
    },
    '/sitemap-index.xml': { file: 'sitemap-index.xml', etag: true },
    '/sitemap-pages.xml': { file: 'sitemap-pages.xml', etag: true, headers: { 'content-type': 'text/xml' } },
    '/sitemap-news.xml': { file: 'sitemap-news.xml', etag: true },
    '/listing': { file: 'listing.html' },
    '/news/cp1251-header': {
      file: 'news/cp1251-header.html',
      encoding: 'windows-1251',
      headers: { 'content-type': 'text/html; charset=windows-1251' },
    },
    '/news/cp1251-meta': {
      file: 'news/cp1251-meta.html',
      encoding: 'windows-1251',
      headers: { 'content-type': 'text/html' },
    },
  };
}

/** The fixture channel `kuzetnews` as a source. */
export const FIXTURE_CHANNEL: Source = {
  id: 'kuzetnews-tg',
  name: 'Kuzet News (Telegram)',
  kind: 'telegram',
  channel: 'kuzetnews',
  feeds: [],
  sitemaps: [],
  listings: [],
  languages: ['ru', 'kk'],
  country: 'KZ',
  schedule: '30m',
  max_items: 100,
  enabled: true,
};

export function telegramRoutes(): Record<string, FixtureRoute> {
  return {
    '/s/kuzetnews': { file: 'tg/kuzetnews.html' },
    '/s/kuzetnews?before=9': { file: 'tg/kuzetnews-before-9.html' },
    '/s/kuzetnews?before=5': { file: 'tg/kuzetnews-before-5.html' },
  };
}

/** Source files (YAML) for the fixture site and channel, as a campaigner would write them. */
export function fixtureSourceFiles(base: string): Record<string, string> {
  return {
    'fixture-news.yaml': [
      'id: fixture-news',
      'name: Fixture News',
      'kind: news',
      `homepage: ${base}/`,
      `feeds: [${base}/rss, ${base}/atom.xml, ${base}/rdf.xml, ${base}/rss-more.xml]`,
      `sitemaps: [${base}/sitemap-index.xml]`,
      `listings: [${base}/listing]`,
      'languages: [ru, kk]',
      'country: KZ',
      'schedule: 30m',
      '',
    ].join('\n'),
    'fixture-tg.yaml': [
      'id: kuzetnews-tg',
      'name: Kuzet News (Telegram)',
      'kind: telegram',
      'channel: kuzetnews',
      'languages: [ru, kk]',
      'country: KZ',
      'schedule: 30m',
      '',
    ].join('\n'),
  };
}
