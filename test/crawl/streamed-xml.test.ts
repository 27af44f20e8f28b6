import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { bigSitemap } from '../../src/bench/crawl/big-sitemap.js';
import { wholeDocumentSitemap } from '../../src/bench/crawl/whole-document.js';
import { xmlChunks } from '../../src/crawl/decode-xml.js';
import { parseFeed } from '../../src/crawl/feed.js';
import { NewestFirst } from '../../src/crawl/newest.js';
import { parseSitemap } from '../../src/crawl/sitemap.js';

const BASE = 'http://127.0.0.1:8080';
const fixture = (name: string) => readFileSync(`test/fixtures/site/${name}`, 'utf8').replaceAll('{{base}}', BASE);

describe('streamed sitemap reader', () => {
  it('agrees with the whole-document reader on the fixture sitemaps and a long one', () => {
    for (const xml of [
      fixture('sitemap-index.xml'),
      fixture('sitemap-news.xml'),
      fixture('sitemap-pages.xml'),
      bigSitemap(BASE, 800),
    ]) {
      const whole = wholeDocumentSitemap(xml, `${BASE}/sitemap.xml`);
      const streamed = parseSitemap(xmlChunks(Buffer.from(xml), 'application/xml'), `${BASE}/sitemap.xml`);
      expect(streamed.urls).toEqual(whole.urls);
      expect(streamed.sitemaps).toEqual(whole.sitemaps);
      expect(streamed.truncated).toBe(false);
    }
  });

  it('keeps only the newest URLs up to the cap, however long the sitemap, and counts them all', () => {
    const xml = bigSitemap(BASE, 5000); // oldest first
    const capped = parseSitemap(xmlChunks(Buffer.from(xml)), `${BASE}/sitemap.xml`, {
      maxUrls: 100,
      maxSitemaps: 10,
    });
    expect(capped.listed).toBe(5000);
    expect(capped.urls).toHaveLength(100);
    expect(capped.urls.map((u) => u.url)).toEqual(Array.from({ length: 100 }, (_, i) => `${BASE}/news/${4999 - i}`));
  });

  it('reads UTF-8 split across chunks and windows-1251 feeds as the whole text', () => {
    const titles = Array.from({ length: 2000 }, (_, i) => `Мигранты и рынок труда — выпуск ${i}`);
    const rss = `<?xml version="1.0" encoding="windows-1251"?><rss><channel>${titles
      .map(
        (t, i) =>
          `<item><title>${t}</title><link>/news/${i}</link><pubDate>Wed, 01 May 2024 04:00:00 GMT</pubDate></item>`,
      )
      .join('')}</channel></rss>`;
    const utf8 = Buffer.from(rss.replace('windows-1251', 'utf-8'));
    expect(utf8.length).toBeGreaterThan(3 * 64 * 1024);
    for (const body of [utf8, iconv.encode(rss, 'windows-1251')]) {
      const feed = parseFeed(xmlChunks(body, 'application/rss+xml'), `${BASE}/rss`);
      expect(feed.listed).toBe(2000);
      expect(feed.items.map((i) => i.title)).toEqual(titles);
    }
    const first = parseFeed(xmlChunks(utf8), `${BASE}/rss`, 5);
    expect(first).toMatchObject({ listed: 2000, truncated: false });
    expect(first.items.map((i) => i.url)).toEqual([0, 1, 2, 3, 4].map((i) => `${BASE}/news/${i}`));
  });

  it('leaves out a guid that is not a permalink', () => {
    const feed = parseFeed(
      '<rss><channel><item><guid isPermaLink="false">abc-1</guid></item><item><guid>https://x.kz/2</guid></item></channel></rss>',
      'https://x.kz/rss',
    );
    expect(feed.items.map((i) => i.url)).toEqual(['https://x.kz/2']);
  });
});

describe('NewestFirst', () => {
  it('never holds more than its capacity and keeps the newest, undated last', () => {
    const newest = new NewestFirst<{ published_at: string | null; n: number }>(3);
    const dates = ['2024-01-05', null, '2024-01-01', '2024-01-09', null, '2024-01-07', '2024-01-09'];
    dates.forEach((published_at, n) => {
      newest.offer({ published_at, n });
      expect(newest.sorted().length).toBeLessThanOrEqual(3);
    });
    expect(newest.offered).toBe(7);
    expect(newest.sorted().map((e) => e.n)).toEqual([3, 6, 5]);
    const undated = new NewestFirst<{ published_at: string | null; n: number }>(2);
    for (const n of [0, 1, 2]) undated.offer({ published_at: null, n });
    expect(undated.sorted().map((e) => e.n)).toEqual([0, 1]);
  });
});
