import type { Source } from '../../src/domain.js';

/**
 * A valid news source with every field at its default, for tests; `overrides` win.
 *
 * @example
 * testSource('bad-site', { feeds: [`${site.url}/rss`] });
 */
export function testSource(id: string, overrides: Partial<Source> = {}): Source {
  return {
    id,
    name: `Source ${id}`,
    kind: 'news',
    feeds: [],
    sitemaps: [],
    listings: [],
    languages: ['ru'],
    country: 'KZ',
    schedule: '1h',
    max_items: 100,
    enabled: true,
    ...overrides,
  };
}
