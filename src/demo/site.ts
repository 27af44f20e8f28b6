/**
 * The demo site: invented news articles (an RSS feed, a front page and article pages) and an invented Telegram
 * channel's web preview, rendered from stories.yaml with dates relative to the day it runs. Served on loopback for
 * `kuzet demo`; every page says the texts are invented.
 */
import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import { parse } from 'yaml';
import { z } from 'zod';
import { LANGS } from '../domain.js';
import { html, type SafeHtml } from '../present/html.js';

const story = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  kind: z.enum(['news', 'post']),
  lang: z.enum(LANGS),
  days_ago: z.number().int().min(0).max(365),
  expect: z.enum(['unrelated', 'policy', 'hate', 'counter']),
  title: z.string().optional(),
  text: z.string().min(1),
});

const content = z.object({ site_name: z.string(), channel_title: z.string(), stories: z.array(story).min(1) });

export type DemoStory = z.infer<typeof story> & { published: string };
export type DemoContent = Omit<z.infer<typeof content>, 'stories'> & { stories: DemoStory[] };

/** The demo channel's name, as in t.me/s/<channel>. */
export const DEMO_CHANNEL = 'golos_dvora_demo';

const NOTICE = {
  ru: 'Демонстрационный сайт Kuzet: все материалы, люди и события на нём вымышлены.',
  en: 'Kuzet demo site: every story, person and event here is invented.',
};

/**
 * The stories with publication times `days_ago` days before `now`: stories of one day spread over its working hours.
 *
 * @example
 * const demo = loadDemoContent(new Date()); demo.stories[0].published // '2026-10-29T08:00:00.000Z'
 */
export function loadDemoContent(now: Date, file = new URL('./stories.yaml', import.meta.url)): DemoContent {
  const parsed = content.parse(parse(readFileSync(file, 'utf8')));
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const perDay = new Map<number, number>();
  const stories = parsed.stories.map((s) => {
    const n = perDay.get(s.days_ago) ?? 0;
    perDay.set(s.days_ago, n + 1);
    const at = today - s.days_ago * 86_400_000 + (4 * 60 + n * 37) * 60_000;
    return { ...s, published: new Date(Math.min(at, now.getTime() - 60_000)).toISOString() };
  });
  return { ...parsed, stories };
}

function shell(lang: string, title: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><title>${title}</title></head>
<body>
<header class="demo-notice"><p>${NOTICE.ru}</p><p>${NOTICE.en}</p><nav><a href="/">Главная</a> <a href="/rss.xml">RSS</a></nav></header>
${body}
<footer><p>${NOTICE.ru}</p></footer>
</body>
</html>`.toString();
}

function articlePage(site: string, s: DemoStory): string {
  return shell(
    s.lang,
    `${s.title} — ${site}`,
    html`<main><article>
<h1>${s.title}</h1>
<p class="byline"><time datetime="${s.published}">${s.published.slice(0, 10)}</time></p>
<div class="article-body">${s.text.split(/(?<=[.!?])\s+(?=\S)/).map((p) => html`<p>${p}</p>`)}</div>
</article></main>`,
  ).replace(
    '<head><meta charset="utf-8">',
    `<head><meta charset="utf-8"><meta property="article:published_time" content="${s.published}">`,
  );
}

function rss(base: string, c: DemoContent, news: DemoStory[]): string {
  const items = news.map(
    (s) =>
      html`<item><title>${s.title}</title><link>${base}/news/${s.id}</link><guid>${base}/news/${s.id}</guid><pubDate>${new Date(s.published).toUTCString()}</pubDate></item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n${html`<rss version="2.0"><channel><title>${c.site_name}</title><link>${base}/</link><description>${NOTICE.ru}</description>${items}</channel></rss>`}`;
}

function telegramPage(c: DemoContent, posts: DemoStory[]): string {
  const messages = posts.map(
    (s, i) => html`<div class="tgme_widget_message_wrap js-widget_message_wrap">
  <div class="tgme_widget_message js-widget_message" data-post="${DEMO_CHANNEL}/${i + 1}">
    <div class="tgme_widget_message_bubble">
      <div class="tgme_widget_message_text js-message_text" dir="auto">${s.text}</div>
      <div class="tgme_widget_message_footer"><span class="tgme_widget_message_views">${(i + 3) * 117}</span>
        <a class="tgme_widget_message_date" href="https://t.me/${DEMO_CHANNEL}/${i + 1}"><time datetime="${s.published}" class="time">${s.published.slice(11, 16)}</time></a></div>
    </div>
  </div>
</div>`,
  );
  return shell(
    'ru',
    `${c.channel_title} – Telegram`,
    html`<main class="tgme_main"><section class="tgme_channel_history js-message_history">${messages}</section></main>`,
  );
}

/**
 * The demo site as a Hono app: `/` (a listing), `/rss.xml`, `/news/:id`, `/s/<channel>` and `/robots.txt`.
 *
 * @example
 * serve({ fetch: demoSite(loadDemoContent(new Date())).fetch, hostname: '127.0.0.1', port: 0 })
 */
export function demoSite(c: DemoContent): Hono {
  const byDate = [...c.stories].sort((a, b) => a.published.localeCompare(b.published));
  const news = byDate.filter((s) => s.kind === 'news').reverse();
  const posts = byDate.filter((s) => s.kind === 'post');
  const app = new Hono();
  app.get('/robots.txt', (ctx) => ctx.text('User-agent: *\nAllow: /\n'));
  app.get('/rss.xml', (ctx) =>
    ctx.body(rss(new URL(ctx.req.url).origin, c, news), 200, { 'content-type': 'application/rss+xml; charset=utf-8' }),
  );
  app.get('/', (ctx) =>
    ctx.html(
      shell(
        'ru',
        c.site_name,
        html`<main><h1>${c.site_name}</h1><ul class="news-list">${news.map((s) => html`<li><a href="/news/${s.id}">${s.title}</a></li>`)}</ul></main>`,
      ),
    ),
  );
  app.get('/news/:id', (ctx) => {
    const s = news.find((n) => n.id === ctx.req.param('id'));
    return s ? ctx.html(articlePage(c.site_name, s)) : ctx.notFound();
  });
  app.get(`/s/${DEMO_CHANNEL}`, (ctx) => ctx.html(telegramPage(c, posts)));
  return app;
}
