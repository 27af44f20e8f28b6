import { describe, expect, it } from 'vitest';
import { articleId, canonicalizeUrl, telegramPostUrl } from '../../src/dedupe/canonical-url.js';
import { contentHash } from '../../src/dedupe/content-hash.js';
import { bands, dedupeKeys, jaccard, minhash, NEAR_DUPLICATE_JACCARD } from '../../src/dedupe/minhash.js';

describe('canonicalizeUrl', () => {
  it.each([
    ['https://tengrinews.kz/news/abc/?utm_source=telegram&utm_medium=social', 'https://tengrinews.kz/news/abc'],
    ['http://www.Orda.kz/article-1/#comments', 'https://orda.kz/article-1'],
    ['https://m.kaktus.media/doc/123?fbclid=x', 'https://kaktus.media/doc/123'],
    ['https://kun.uz/news/2024/05/17/slug/amp', 'https://kun.uz/news/2024/05/17/slug'],
    ['https://amp.gazeta.uz/ru/2024/01/02/x/', 'https://gazeta.uz/ru/2024/01/02/x'],
    ['https://site.kz/a?b=2&a=1', 'https://site.kz/a?a=1&b=2'],
    ['https://site.kz:443/', 'https://site.kz'],
    ['http://site.kz:80/a', 'https://site.kz/a'],
    ['https://site.kz:8443/a', 'https://site.kz:8443/a'],
    ['http://127.0.0.1:8081/news/1', 'https://127.0.0.1:8081/news/1'],
  ])('%s → %s', (raw, expected) => {
    expect(canonicalizeUrl(raw)).toBe(expected);
  });

  it('keeps parameters that identify the page', () => {
    expect(canonicalizeUrl('https://24.kg/index.php?id=5&utm_campaign=x')).toBe('https://24.kg/index.php?id=5');
  });

  it('rejects what is not an absolute http(s) URL', () => {
    expect(canonicalizeUrl('javascript:alert(1)')).toBeNull();
    expect(canonicalizeUrl('/relative/path')).toBeNull();
    expect(canonicalizeUrl('not a url')).toBeNull();
  });

  it('gives copies of one article one id', () => {
    const a = canonicalizeUrl('https://www.zakon.kz/news/1/?utm_source=x');
    const b = canonicalizeUrl('http://m.zakon.kz/news/1');
    expect(a).not.toBeNull();
    expect(articleId(a as string)).toBe(articleId(b as string));
    expect(articleId(a as string)).toMatch(/^[0-9a-f]{24}$/);
  });

  it('names Telegram posts by channel and id', () => {
    expect(telegramPostUrl('TengriNews', 42)).toBe('https://t.me/tengrinews/42');
  });
});

describe('contentHash', () => {
  it('ignores case, punctuation, whitespace and ё', () => {
    expect(contentHash('Ещё квоты — снова!')).toBe(contentHash('еще   КВОТЫ снова'));
    expect(contentHash('квоты')).not.toBe(contentHash('патенты'));
  });
});

describe('minhash', () => {
  const story =
    'Министерство труда Казахстана сообщило о новой квоте на привлечение иностранной рабочей силы. ' +
    'В этом году квота составит почти тридцать тысяч человек, большинство из них приедут из Узбекистана ' +
    'и Таджикистана. Работодатели должны подать заявки до конца месяца, а мигранты получить разрешение.';

  it.each([' Подписывайтесь на наш канал.', ' Источник: Tengrinews.kz', ' Читайте также.'])(
    'keeps a copy with "%s" added near its original',
    (extra) => {
      const a = minhash(story);
      const b = minhash(`${story}${extra}`);
      expect(jaccard(a, b)).toBeGreaterThanOrEqual(NEAR_DUPLICATE_JACCARD);
      expect(bands(a).some((band) => bands(b).includes(band))).toBe(true);
    },
  );

  it('gives the same keys from one pass as contentHash and minhash do apart', () => {
    for (const text of [story, 'квоты', '', `${story} ${story}`])
      expect(dedupeKeys(text)).toEqual({ content_hash: contentHash(text), minhash: minhash(text) });
  });

  it('keeps different stories on the same topic apart', () => {
    const other =
      'Министерство труда Казахстана сообщило о новых правилах для работодателей. Иностранные специалисты ' +
      'смогут получать разрешение быстрее, а квоты на следующий год будут пересмотрены в марте.';
    expect(jaccard(minhash(story), minhash(other))).toBeLessThan(NEAR_DUPLICATE_JACCARD);
  });

  it('is deterministic and fixed-width, also for one-word texts', () => {
    expect(minhash(story)).toBe(minhash(story));
    expect(minhash(story)).toMatch(/^[0-9a-f]{256}$/);
    expect(minhash('квоты')).toMatch(/^[0-9a-f]{256}$/);
    expect(bands(minhash(story))).toHaveLength(8);
  });
});
