import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/index.js';
import { fixture } from './fixtures.js';

describe('extractArticle on a Russian news page with meta tags', () => {
  const article = extractArticle(fixture('ru-news.html'), 'https://step.example.kz/news/2024/05/17/migraciya?utm=x');

  it('reads title, date, author and an absolute canonical URL from meta tags', () => {
    expect(article.title).toBe('Правительство обсудило трудовую миграцию');
    expect(article.published_at).toBe('2024-05-17T05:30:00.000Z');
    expect(article.author).toBe('Айгерим Сапарова');
    expect(article.canonical_url).toBe('https://step.example.kz/news/2024/05/17/migraciya');
    expect(article.lang).toBe('ru');
  });

  it('keeps paragraphs, headings and list items of the body, joined by blank lines', () => {
    const paragraphs = article.text.split('\n\n');
    expect(paragraphs[0]).toMatch(/^На заседании правительства/);
    expect(paragraphs).toContain('Что изменится для работодателей');
    expect(paragraphs).toContain('Срок рассмотрения заявки сократится с тридцати до десяти рабочих дней.');
    expect(paragraphs.at(-1)).toMatch(/теневой занятости среди приезжих работников\.$/);
  });

  it('leaves out navigation, sharing, related links, comments, sidebar and footer', () => {
    for (const furniture of ['Политика', 'ВКонтакте', 'Курс тенге', 'Иван:', 'Самое читаемое', 'Все права защищены']) {
      expect(article.text).not.toContain(furniture);
    }
    expect(article.text).not.toContain(article.title);
  });
});

describe('extractArticle on a Kazakh page with JSON-LD @graph', () => {
  const article = extractArticle(fixture('kk-jsonld.html'), 'https://dala.example.kz/kk/news/123');

  it('reads date and author from the NewsArticle node and canonical from og:url', () => {
    expect(article.title).toBe('Көші-қон туралы жаңа заң жобасы талқыланды');
    expect(article.published_at).toBe('2024-03-05T03:15:00.000Z');
    expect(article.author).toBe('Ерлан Жақсылықов');
    expect(article.canonical_url).toBe('https://dala.example.kz/kk/news/koshi-qon-zan');
    expect(article.lang).toBe('kk');
  });

  it('extracts the three paragraphs and nothing from the menu or footer', () => {
    expect(article.text.split('\n\n')).toHaveLength(3);
    expect(article.text).not.toMatch(/Басты бет|құқықтар/);
  });
});

describe('extractArticle on an English page with <time> and rel=author', () => {
  const article = extractArticle(fixture('en-time.html'), 'https://herald.example.com/world/border-towns');

  it('reads the date from <time datetime>, the author from rel=author and strips the site name', () => {
    expect(article.title).toBe('Border towns brace for seasonal workers');
    expect(article.published_at).toBe('2023-11-02T14:00:00.000Z');
    expect(article.author).toBe('Dana Smith');
    expect(article.canonical_url).toBeNull();
    expect(article.lang).toBe('en');
  });

  it('drops newsletter, tags, sidebar and footer', () => {
    expect(article.text.split('\n\n')).toHaveLength(3);
    expect(article.text).not.toMatch(/newsletter|Tags|Most read|Privacy/);
  });
});

describe('extractArticle fallbacks and selectors', () => {
  it('takes the date from the URL path when the page has none', () => {
    const article = extractArticle(fixture('url-date.html'), 'https://gov.example.uz/en/2024/06/14/quota-rules');
    expect(article.published_at).toBe('2024-06-14T00:00:00.000Z');
    expect(article.title).toBe('Quota rules published');
    expect(article.text).toMatch(/^The ministry of labour/);
  });

  it('uses per-source selectors when they match and falls back when they do not', () => {
    const html = fixture('ru-news.html');
    const url = 'https://step.example.kz/x';
    const custom = extractArticle(html, url, {
      selectors: { title: '.article__title', body: '#comments', author: '.related-news h3', date: '.nothing' },
    });
    expect(custom.text).toMatch(/^Иван: Наконец-то/);
    expect(custom.author).toBe('Читайте также');
    expect(custom.published_at).toBe('2024-05-17T05:30:00.000Z');
    const unmatched = extractArticle(html, url, { selectors: { body: '.does-not-exist', title: '[[bad selector' } });
    expect(unmatched.text).toMatch(/^На заседании правительства/);
    expect(unmatched.title).toBe('Правительство обсудило трудовую миграцию');
  });

  it('reads a date selector from datetime, content or text', () => {
    const html = '<html><body><span class="d">17.05.2024 09:45</span><p>Короткая заметка о погоде.</p></body></html>';
    expect(extractArticle(html, 'https://x.kz/', { selectors: { date: '.d' } }).published_at).toBe(
      '2024-05-17T09:45:00.000Z',
    );
  });
});

describe('extractArticle on unusable input', () => {
  it('returns empty fields for empty, binary or non-string input', () => {
    for (const input of ['', '   ', '\u0000\u0001\u0002\u00ff\u0000binary', undefined as unknown as string]) {
      const article = extractArticle(input, 'not a url', { langHints: ['kk'] });
      expect(article.title).toBe('');
      expect(article.text).toBe('');
      expect(article.canonical_url).toBeNull();
    }
  });

  it('copes with malformed and deeply nested HTML', () => {
    const broken =
      '<html><head><title>Broken</title><body><div><p>Unclosed paragraph with enough words to count for something here.<p>Another one, also unclosed<table><tr><td>cell</div></span></b>';
    const article = extractArticle(broken, 'https://example.com/a');
    expect(article.title).toBe('Broken');
    expect(article.text).toContain('Unclosed paragraph');
    const deep = `${'<div>'.repeat(20000)}<p>deep text</p>`;
    expect(() => extractArticle(deep, 'https://example.com/deep')).not.toThrow();
  });

  it('falls back to language hints for short texts', () => {
    expect(extractArticle('<p>OK</p>', 'https://example.com', { langHints: ['uz'] }).lang).toBe('uz');
    expect(extractArticle('<p>OK</p>', 'https://example.com').lang).toBe('und');
  });
});
