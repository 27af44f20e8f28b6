/**
 * Real-looking news pages for the crawl and ingest benchmarks: the article text is real news (the Russian
 * Telegram posts of `../shared/datasets/news-stream`, joined into ~3 KB articles, with one in twenty a corpus
 * article in Kazakh or English), set in the furniture a news site serves around it (menus, breadcrumbs, share
 * buttons, related links, scripts, a footer), so a page is ~25 KB of HTML like the region's outlets.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_LEXICON_DIR } from '../../classify/lexicon.js';
import type { CrawledDocument, Lang } from '../../domain.js';
import { escapeHtml } from '../../present/html.js';

export const NEWS_STREAM = fileURLToPath(
  new URL('../../../../shared/datasets/news-stream/news-stream.jsonl', import.meta.url),
);

/** One benchmark article: what its page says and what the crawler should extract from it. */
export interface NewsArticle {
  slug: string;
  title: string;
  paragraphs: string[];
  lang: Lang;
  published_at: string;
  author: string;
}

const ARTICLE_BYTES = 3 * 1024;
const SECTIONS = ['Политика', 'Экономика', 'Общество', 'Происшествия', 'Спорт', 'Культура', 'Мир', 'Технологии'];

function jsonLines(file: string): Array<Record<string, unknown>> {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

function firstSentence(text: string): string {
  const line = text.split('\n').find((l) => l.trim()) ?? text;
  const sentence = line.split(/(?<=[.!?])\s/)[0] ?? line;
  return sentence.length > 110 ? `${sentence.slice(0, 107).replace(/\s+\S*$/, '')}…` : sentence;
}

/**
 * `count` articles built deterministically from the news stream (and, for one in twenty, from the corpus's long
 * Kazakh and English articles).
 *
 * @example
 * const articles = newsArticles(2000); articles[0].paragraphs.join('\n\n').length; // ~3 KB of text
 */
export function newsArticles(count: number, streamFile = NEWS_STREAM): NewsArticle[] {
  const posts = jsonLines(streamFile)
    .map((r) => String(r.text ?? '').trim())
    .filter((t) => t.length > 80);
  if (posts.length === 0) throw new Error(`no news posts in ${streamFile}`);
  const long = jsonLines(join(DEFAULT_LEXICON_DIR, 'corpus', 'train.jsonl'))
    .filter((r) => String(r.case ?? '').startsWith('long_') && (r.lang === 'kk' || r.lang === 'en'))
    .map((r) => ({ text: String(r.text), lang: r.lang as Lang }));
  const out: NewsArticle[] = [];
  for (let i = 0; i < count; i++) {
    const day = new Date(Date.UTC(2024, 9, 1) + (i % 90) * 86_400_000 + (i % 24) * 3_600_000);
    let paragraphs: string[];
    let lang: Lang = 'ru';
    if (i % 20 === 19 && long.length > 0) {
      const pick = long[i % long.length];
      paragraphs = pick.text.split(/\n+/).filter((p) => p.trim());
      lang = pick.lang;
    } else {
      paragraphs = [];
      let bytes = 0;
      for (let k = i * 7; bytes < ARTICLE_BYTES; k += 13) {
        const post = posts[k % posts.length];
        for (const p of post.split(/\n+/).filter((line) => line.trim())) paragraphs.push(p.trim());
        bytes += Buffer.byteLength(post);
      }
    }
    out.push({
      slug: `${day.toISOString().slice(0, 10).replaceAll('-', '/')}/news-${100000 + i}`,
      title: firstSentence(paragraphs[0] ?? `Новость ${i}`),
      paragraphs,
      lang,
      published_at: day.toISOString(),
      author: ['Айгерим Сатпаева', 'Дмитрий Ким', 'Ержан Нуров', 'Ольга Петренко'][i % 4],
    });
  }
  return out;
}

const link = (href: string, text: string) => `<li><a href="${href}">${escapeHtml(text)}</a></li>`;

function menu(): string {
  const items = SECTIONS.flatMap((s, i) => [
    link(`/rubric/${i}`, s),
    ...Array.from({ length: 5 }, (_, k) => link(`/rubric/${i}/${k}`, `${s}: подраздел ${k + 1}`)),
  ]);
  return `<nav class="main-menu" id="menu"><ul>${items.join('')}</ul></nav>`;
}

const MENU = menu();
const FOOTER = `<footer class="site-footer"><div class="footer-links"><ul>${Array.from({ length: 30 }, (_, i) =>
  link(`/page/${i}`, ['О нас', 'Реклама', 'Контакты', 'Вакансии', 'Правила', 'RSS'][i % 6]),
).join(
  '',
)}</ul></div><p class="copyright">© 2024 Новости региона. При цитировании ссылка обязательна. 18+</p><script>(function(){var d=document,s=d.createElement('script');s.src='/static/counter.js';s.async=true;d.head.appendChild(s);})();</script></footer>`;
const SCRIPT = `<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}gtag('js',new Date());gtag('config','G-XXXX');${'var a=1;'.repeat(120)}</script>`;

/**
 * The page of `articles[index]`, as a news site serves it: head with OpenGraph and JSON-LD, menus, the article
 * with its byline, share buttons, ten related links and a footer.
 */
export function newsPage(articles: NewsArticle[], index: number, base: string): string {
  const a = articles[index];
  const url = `${base}/news/${a.slug}`;
  const related = Array.from({ length: 10 }, (_, k) => {
    const r = articles[(index + k * 37 + 1) % articles.length];
    return `<li class="related-item"><a href="/news/${r.slug}"><img src="/img/${k}.jpg" alt=""><span>${escapeHtml(r.title)}</span></a></li>`;
  }).join('');
  const jsonLd = JSON.stringify({
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: a.title,
    datePublished: a.published_at,
    author: { '@type': 'Person', name: a.author },
  });
  return `<!doctype html>
<html lang="${a.lang}"><head><meta charset="utf-8"><title>${escapeHtml(a.title)} | Новости региона</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="${escapeHtml(a.paragraphs[0]?.slice(0, 160) ?? '')}">
<meta property="og:title" content="${escapeHtml(a.title)}"><meta property="og:type" content="article">
<meta property="og:url" content="${url}"><meta property="article:published_time" content="${a.published_at}">
<link rel="canonical" href="${url}"><link rel="stylesheet" href="/static/main.css">
<script type="application/ld+json">${jsonLd}</script>${SCRIPT}</head>
<body class="page-article"><header class="site-header"><a class="logo" href="/">Новости региона</a>
<div class="header-banner ad"><a href="/advert/1"><img src="/banner.gif" alt="Реклама"></a></div>${MENU}</header>
<div class="breadcrumbs"><a href="/">Главная</a> / <a href="/rubric/${index % SECTIONS.length}">${SECTIONS[index % SECTIONS.length]}</a></div>
<main><article class="article"><h1 class="article-title">${escapeHtml(a.title)}</h1>
<div class="article-meta"><time datetime="${a.published_at}">${a.published_at.slice(0, 10)}</time> <span class="author">${escapeHtml(a.author)}</span></div>
<div class="article-body">${a.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}</div>
<div class="share"><a href="https://t.me/share?url=${url}">Telegram</a> <a href="https://wa.me/?text=${url}">WhatsApp</a> <a href="https://vk.com/share.php?url=${url}">VK</a></div>
<div class="tags"><a href="/tag/${index % 17}">тег ${index % 17}</a> <a href="/tag/${index % 23}">тег ${index % 23}</a></div>
</article><aside class="sidebar"><h3>Читайте также</h3><ul class="related">${related}</ul>
<div class="ad ad-sidebar"><a href="/advert/2"><img src="/ad.png" alt=""></a></div></aside></main>
<div class="comments" id="comments"><h3>Комментарии</h3><p>Комментариев пока нет. Войдите, чтобы оставить комментарий.</p></div>
${FOOTER}</body></html>`;
}

/** An RSS 2.0 feed of `articles` (with titles, dates and authors, as the outlets' feeds carry them). */
export function newsFeed(articles: NewsArticle[], base: string): string {
  const items = articles
    .map(
      (a) =>
        `<item><title>${escapeHtml(a.title)}</title><link>${base}/news/${a.slug}</link><pubDate>${new Date(a.published_at).toUTCString()}</pubDate><author>${escapeHtml(a.author)}</author></item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Новости региона</title><link>${base}/</link>\n${items}\n</channel></rss>`;
}

/** The document Kuzet should extract from an article's page (for the ingest benchmark and tests). */
export function newsDocument(a: NewsArticle, base: string, sourceId: string): CrawledDocument {
  return {
    source_id: sourceId,
    url: `${base}/news/${a.slug}`,
    kind: 'article',
    title: a.title,
    text: a.paragraphs.join('\n\n'),
    published_at: a.published_at,
    author: a.author,
    canonical_url: `${base}/news/${a.slug}`,
    lang: a.lang,
    fetched_at: new Date().toISOString(),
  };
}
