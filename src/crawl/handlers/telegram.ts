import type { CheerioCrawlingContext } from '@crawlee/cheerio';
import { articleId, telegramPostUrl } from '../../dedupe/canonical-url.js';
import type { CrawledDocument } from '../../domain.js';
import { decodeHtml } from '../../extract/decode.js';
import { detectLanguage } from '../../extract/language.js';
import type { CrawlRun } from '../run.js';
import { parseTelegramPage, postTitle } from '../telegram.js';
import type { RequestData } from '../types.js';
import { contentTypeOf, readBody } from './pages.js';

/** The preview page of a channel, optionally older than post `before`. */
export function telegramPageUrl(base: string, channel: string, before?: number): string {
  const url = `${base.replace(/\/+$/, '')}/s/${encodeURIComponent(channel)}`;
  return before ? `${url}?before=${before}` : url;
}

/**
 * TELEGRAM: emits the posts of one preview page that are not stored yet (text, date, views, links,
 * forwarded-from, photo/video captions), then asks for the next older page unless a stored post was
 * seen or `telegramBackfillPages` is reached.
 */
export async function handleTelegram(run: CrawlRun, ctx: CheerioCrawlingContext): Promise<void> {
  const raw = await readBody(run, ctx);
  if (!raw) return;
  const data = ctx.request.userData as RequestData;
  const channel = run.source.channel as string;
  const posts = parseTelegramPage(decodeHtml(raw, contentTypeOf(ctx)), channel);
  if (posts.length === 0 && data.entry) {
    const reason = 'no posts found (channel missing, private, or its web preview is disabled)';
    run.error(ctx.request.url, reason);
    run.entryDone(ctx.request, reason);
    await run.tree.finish(data.key, false);
    return;
  }
  run.entryDone(ctx.request, null);
  const urls = posts.map((p) => telegramPostUrl(channel, p.post_id));
  const stored = await run.deps.state.existingIds(urls.map(articleId));
  let sawStored = false;
  let budgetLeft = true;
  for (const [i, post] of [...posts.entries()].reverse()) {
    const url = urls[i];
    run.found.add(url);
    if (stored.has(articleId(url))) {
      sawStored = true;
      continue;
    }
    if (!post.text || run.aborted || run.emittedUrls.has(url)) continue;
    if (!run.takeBudget()) {
      budgetLeft = false;
      break;
    }
    const doc: CrawledDocument = {
      source_id: run.source.id,
      url,
      kind: 'telegram_post',
      title: postTitle(post.text),
      text: post.text,
      published_at: post.published_at,
      author: null,
      canonical_url: url,
      lang: detectLanguage(post.text, run.source.languages),
      fetched_at: new Date().toISOString(),
      telegram: {
        channel: post.channel,
        post_id: post.post_id,
        views: post.views,
        forwarded_from: post.forwarded_from,
        links: post.links,
      },
    };
    await run.emit(doc);
  }
  const page = data.page ?? 0;
  const oldest = posts[0]?.post_id;
  if (!sawStored && budgetLeft && !run.aborted && oldest && oldest > 1 && page < run.options.telegramBackfillPages) {
    const next = telegramPageUrl(run.options.telegramBaseUrl, channel, oldest);
    if (await run.allowed(next)) {
      const key = `TELEGRAM:${next}`;
      run.tree.open(key);
      await run.add([{ url: next, label: 'TELEGRAM', uniqueKey: key, userData: { key, page: page + 1 } }]);
    }
  }
  await run.tree.finish(data.key, true);
}
