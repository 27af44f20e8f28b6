import { describe, expect, it } from 'vitest';
import { csvRow } from '../../src/api/csv.js';
import type { Article, Classification } from '../../src/domain.js';
import { highlightArticle, markRange } from '../../src/present/highlight.js';
import { escapeHtml, html } from '../../src/present/html.js';
import { whyFlagged } from '../../src/present/why.js';

const classification = (evidence: Classification['evidence'], extra: Partial<Classification> = {}): Classification => ({
  xenophobic: true,
  xenophobia_score: 0.9,
  severity: 3,
  migration_policy: false,
  migration_policy_score: 0,
  counter_speech: false,
  targets: [],
  sentiment: -1,
  evidence,
  classifier_version: 'v',
  ...extra,
});

describe('escaping', () => {
  it('escapes every interpolated value, keeps nested html', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&\``)).toBe(
      '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&#96;',
    );
    const bad = '<script>alert(1)</script>';
    expect(html`<p title="${bad}">${bad}${[html`<b>${bad}</b>`]}${null}${false}</p>`.toString()).toBe(
      '<p title="&lt;script&gt;alert(1)&lt;/script&gt;">&lt;script&gt;alert(1)&lt;/script&gt;<b>&lt;script&gt;alert(1)&lt;/script&gt;</b></p>',
    );
  });
});

describe('markRange', () => {
  it('wraps spans, escapes around and inside them, and trims overlaps', () => {
    const text = '<i>мигранты</i> — саранча';
    const out = markRange(
      text,
      [
        { start: 3, end: 11, kind: 'q' },
        { start: 18, end: 25, kind: 'ev', category: 'dehumanizing"<' },
        { start: 21, end: 25, kind: 'q' },
      ],
      0,
      text.length,
    );
    expect(out).toBe(
      '&lt;i&gt;<mark class="q">мигранты</mark>&lt;/i&gt; — <mark class="ev" data-category="dehumanizing&quot;&lt;">саранча</mark>',
    );
  });
});

describe('highlightArticle', () => {
  it('centres the snippet on the first evidence in the body', () => {
    const filler = 'слово '.repeat(200);
    const text = `${filler}мигранты — саранча ${filler}`;
    const title = 'Заголовок';
    const start = title.length + 2 + text.indexOf('саранча');
    const article = {
      title,
      text,
      classification: classification([
        { start, end: start + 7, text: 'саранча', entry: 'e', category: 'dehumanizing' },
      ]),
    } as Article;
    const { title: t, snippet } = highlightArticle(article);
    expect(t).toBe('Заголовок');
    expect(snippet.startsWith('…')).toBe(true);
    expect(snippet.endsWith('…')).toBe(true);
    expect(snippet).toContain('<mark class="ev" data-category="dehumanizing">саранча</mark>');
    expect(snippet.length).toBeLessThan(400);
  });

  it('ignores evidence offsets that do not fit the text', () => {
    const article = {
      title: 'T',
      text: 'short',
      classification: classification([{ start: 50, end: 60, text: 'x', entry: 'e', category: 'slur' }]),
    } as Article;
    expect(highlightArticle(article).snippet).toBe('short');
  });
});

describe('whyFlagged', () => {
  it('quotes reasons strongest first and leaves out context spans', () => {
    const c = classification([
      { start: 0, end: 8, text: 'мигранты', entry: 'ru.target.migrant', category: 'target' },
      { start: 11, end: 18, text: 'саранча', entry: 'ru.dehumanizing.locust', category: 'dehumanizing' },
      { start: 20, end: 27, text: 'выгнать', entry: 'ru.expulsion.out', category: 'expulsion' },
      { start: 30, end: 37, text: 'саранча', entry: 'ru.dehumanizing.locust', category: 'dehumanizing' },
    ]);
    expect(whyFlagged(c)).toBe(
      'Flagged xenophobic (severity 3: calls for violence or expulsion): «выгнать» (exclusion call), «саранча» (dehumanising)',
    );
    expect(whyFlagged(c, 'ru')).toBe(
      'Отмечено как ксенофобия (уровень 3: призывы к насилию или изгнанию): «выгнать» (призыв к изгнанию), «саранча» (расчеловечивание)',
    );
    expect(whyFlagged(classification([], { xenophobic: false, severity: 0 }))).toBe('Not flagged');
    expect(whyFlagged(null)).toBe('Not classified yet');
  });
});

describe('csvRow', () => {
  it('quotes per RFC 4180 and defuses formulas in text columns', () => {
    expect(csvRow(['a,b', 'say "hi"', 'line\nbreak', 3, null, ['x', 'y'], true])).toBe(
      '"a,b","say ""hi""","line\nbreak",3,,x;y,true\r\n',
    );
    expect(csvRow(['=HYPERLINK("http://evil")', '-0.5'], new Set([0]))).toBe(`"'=HYPERLINK(""http://evil"")",-0.5\r\n`);
  });
});
