import { describe, expect, it } from 'vitest';
import { binaryReason } from '../../src/crawl/binary.js';
import { CompletionTree } from '../../src/crawl/completion.js';
import { parseFeed, toIsoDate } from '../../src/crawl/feed.js';
import { listingLinks, looksLikeArticle } from '../../src/crawl/listing.js';
import { parseRobotsTxt } from '../../src/crawl/robots.js';
import { parseSitemap } from '../../src/crawl/sitemap.js';
import { parseTelegramPage, parseViews, postTitle } from '../../src/crawl/telegram.js';

describe('parseFeed', () => {
  it('reads RSS 2.0 with relative links, CDATA titles and dc:creator', () => {
    const feed = parseFeed(
      `<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
        <item><title><![CDATA[Мигранты & рынок]]></title><link>/news/1</link><pubDate>Wed, 01 May 2024 04:00:00 GMT</pubDate><dc:creator>Автор</dc:creator></item>
        <item><title>Guid only</title><guid isPermaLink="true">https://x.kz/news/2</guid></item>
        <item><title>No link</title></item>
      </channel></rss>`,
      'https://x.kz/rss',
    );
    expect(feed).toEqual({
      truncated: false,
      listed: 2,
      items: [
        {
          url: 'https://x.kz/news/1',
          title: 'Мигранты & рынок',
          published_at: '2024-05-01T04:00:00.000Z',
          author: 'Автор',
        },
        { url: 'https://x.kz/news/2', title: 'Guid only', published_at: null, author: null },
      ],
    });
  });

  it('reads Atom (alternate link, author name) and RDF', () => {
    const atom = parseFeed(
      '<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>A</title><link rel="enclosure" href="/a.jpg"/><link rel="alternate" href="/a"/><updated>2024-05-02T10:00:00+05:00</updated><author><name>Name</name></author></entry></feed>',
      'https://x.kz/atom',
    );
    expect(atom.items).toEqual([
      { url: 'https://x.kz/a', title: 'A', published_at: '2024-05-02T05:00:00.000Z', author: 'Name' },
    ]);
    const rdf = parseFeed(
      '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><item rdf:about="https://x.kz/r"><title>R</title><link>https://x.kz/r</link></item></rdf:RDF>',
      'https://x.kz/rdf',
    );
    expect(rdf.items.map((i) => i.url)).toEqual(['https://x.kz/r']);
  });

  it('drops the cut-off item of a truncated feed and rejects non-feeds', () => {
    const feed = parseFeed(
      '<rss><channel><item><link>https://x.kz/1</link></item><item><link>https://x.kz/2-cut',
      'https://x.kz/rss',
    );
    expect(feed).toMatchObject({ truncated: true, items: [{ url: 'https://x.kz/1' }] });
    expect(() => parseFeed('<html><body>oops</body></html>', 'https://x.kz/rss')).toThrow(
      /not a feed \(root element <html>\)/,
    );
    expect(() => parseFeed('', 'https://x.kz/rss')).toThrow(/root element <none>/);
  });

  it('accepts only plausible dates', () => {
    expect(toIsoDate('garbage')).toBeNull();
    expect(toIsoDate('1970-01-01T00:00:00Z')).toBeNull();
  });
});

describe('parseSitemap', () => {
  it('reads an index, a urlset and a Google News sitemap', () => {
    const index = parseSitemap(
      '<sitemapindex><sitemap><loc>/s1.xml</loc><lastmod>2024-05-01</lastmod></sitemap></sitemapindex>',
      'https://x.kz/sitemap.xml',
    );
    expect(index.sitemaps).toEqual([
      { url: 'https://x.kz/s1.xml', published_at: '2024-05-01T00:00:00.000Z', title: null },
    ]);
    const news = parseSitemap(
      '<urlset xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>https://x.kz/a</loc><news:news><news:publication_date>2024-05-03T13:20:00+05:00</news:publication_date><news:title>Заголовок</news:title></news:news></url></urlset>',
      'https://x.kz/news.xml',
    );
    expect(news.urls).toEqual([
      { url: 'https://x.kz/a', published_at: '2024-05-03T08:20:00.000Z', title: 'Заголовок' },
    ]);
    expect(() => parseSitemap('<rss/>', 'https://x.kz/s.xml')).toThrow(/not a sitemap/);
  });
});

describe('Telegram preview parsing', () => {
  it('reads view counters', () => {
    expect(parseViews('1.2K')).toBe(1200);
    expect(parseViews('3.4M')).toBe(3_400_000);
    expect(parseViews('987')).toBe(987);
    expect(parseViews('')).toBeNull();
  });

  it('titles a post by its first line, cut at a word', () => {
    expect(postTitle('\nПервая строка\nвторая')).toBe('Первая строка');
    expect(postTitle('слово '.repeat(40), 30)).toBe('слово слово слово слово слово…');
  });

  it('ignores posts of other channels and service messages', () => {
    const html = `<div class="tgme_widget_message" data-post="other/5"><div class="tgme_widget_message_text">x</div></div>
      <div class="tgme_widget_message service_message" data-post-id="0"></div>
      <div class="tgme_widget_message" data-post="mine/7"><div class="tgme_widget_message_text">Строка<br>вторая</div><time datetime="2024-05-01T10:00:00+00:00"></time></div>`;
    expect(parseTelegramPage(html, 'Mine')).toEqual([
      {
        channel: 'mine',
        post_id: 7,
        published_at: '2024-05-01T10:00:00.000Z',
        text: 'Строка\nвторая',
        views: null,
        forwarded_from: null,
        links: [],
      },
    ]);
  });
});

describe('parseRobotsTxt', () => {
  const robots =
    'User-agent: *\nDisallow: /private/\nAllow: /private/open$\nDisallow: /*.pdf$\n\nUser-agent: KuzetBot\nUser-agent: other\nDisallow: /kuzet-only/\n';
  it('uses the group naming the bot, else *', () => {
    const kuzet = parseRobotsTxt(robots, 'KuzetBot/0.1 (+https://github.com/kuzet/kuzet)');
    expect(kuzet.isAllowed('https://x.kz/kuzet-only/a')).toBe(false);
    expect(kuzet.isAllowed('https://x.kz/private/a')).toBe(true);
    const other = parseRobotsTxt(robots, 'SomeBot/1.0');
    expect(other.isAllowed('https://x.kz/private/a')).toBe(false);
    expect(other.isAllowed('https://x.kz/private/open')).toBe(true);
    expect(other.isAllowed('https://x.kz/files/a.pdf')).toBe(false);
    expect(other.isAllowed('https://x.kz/news/1')).toBe(true);
  });
});

describe('listing links', () => {
  it('keeps same-site article-looking links, or those matching the pattern', () => {
    const html =
      '<a href="/news/2024/05/01/story">a</a><a href="/tag/x">t</a><a href="/about">b</a><a href="https://other.kz/news/123456">o</a><a href="/a-long-slug-with-many-words">s</a><a href="/news/2024/05/01/story#c">dup</a>';
    expect(listingLinks(html, 'https://x.kz/news/')).toEqual([
      'https://x.kz/news/2024/05/01/story',
      'https://x.kz/a-long-slug-with-many-words',
    ]);
    expect(listingLinks(html, 'https://x.kz/news/', /other\.kz\/news\/\d+/)).toEqual(['https://other.kz/news/123456']);
    expect(looksLikeArticle(new URL('https://x.kz/page/2'))).toBe(false);
  });
});

describe('binaryReason', () => {
  it('flags NUL bytes and control-character noise, not text', () => {
    expect(binaryReason(Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00]))).toMatch(/NUL/);
    expect(binaryReason(Buffer.from(Array.from({ length: 100 }, (_, i) => (i % 3 === 0 ? 0x01 : 0x41))))).toMatch(
      /control characters/,
    );
    expect(binaryReason(Buffer.from('<p>Привет\tмир</p>\r\n'))).toBeNull();
  });
});

describe('CompletionTree', () => {
  it('settles a parent after its children, ok only if all were ok', async () => {
    const settled: Array<[string, boolean]> = [];
    const tree = new CompletionTree();
    tree.open('feed', (ok) => void settled.push(['feed', ok]));
    tree.open('a');
    tree.open('b');
    tree.link('feed', 'a');
    tree.link('feed', 'b');
    await tree.finish('feed', true);
    await tree.finish('a', true);
    expect(settled).toEqual([]);
    await tree.finish('b', false);
    expect(settled).toEqual([['feed', false]]);
  });
});
