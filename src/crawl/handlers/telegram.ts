import type { CheerioCrawlingContext } from '@crawlee/cheerio';
import { documentKey, telegramPostUrl } from '../../dedupe/canonical-url.js';
import type { CrawledDocument } from '../../domain.js';
import { decodeHtml } from '../../extract/decode.js';
import { detectLanguage } from '../../extract/language.js';
import { newestDate } from '../entry-points.js';
import type { CrawlRun } from '../run.js';
import { parseTelegramPage, postTitle } from '../telegram.js';
import { loadGaps, saveGaps } from '../telegram-gaps.js';
import type { RequestData } from '../types.js';
import { contentTypeOf, readBody } from './pages.js';

/** The preview page of a channel, optionally older than post `before`. */
export function telegramPageUrl(base: string, channel: string, before?: number): string {
  const url = `${base.replace(/\/+$/, '')}/s/${encodeURIComponent(channel)}`;
  return before ? `${url}?before=${before}` : url;
}

/**
 * TELEGRAM: emits the posts of one preview page that are not stored yet (text, date, views, links,
 * forwarded-from, photo/video captions), then pages back with `?before=` until it meets stored posts
 * or the channel's start, within `telegramBackfillPages`. Where it has to stop early, the hole is
 * recorded (telegram-gaps.ts) before the next page is asked for, and later crawls fill it.
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
  run.entryDone(ctx.request, null, {
    items: posts.length,
    newest_item_at: newestDate(posts.map((p) => p.published_at)),
  });
  const urls = posts.map((p) => telegramPostUrl(channel, p.post_id));
  if (run.checkOnly) {
    for (const url of urls) run.found.add(url);
    await run.tree.finish(data.key, true);
    return;
  }
  const stored = await run.deps.state.existingIds(urls.map(documentKey));
  let sawStored = false;
  let firstSkipped: number | null = null;
  for (const [i, post] of [...posts.entries()].reverse()) {
    const url = urls[i];
    run.found.add(url);
    if (stored.has(documentKey(url))) {
      sawStored = true;
      continue;
    }
    if (!post.text || run.aborted || run.emittedUrls.has(url)) continue;
    if (!run.takeBudget()) {
      firstSkipped = post.post_id;
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
  if (!run.aborted) await pageBack(run, channel, data, posts[0]?.post_id, sawStored, firstSkipped);
  await run.tree.finish(data.key, true);
}

/** Records where this channel's history is still incomplete and asks for the next older page, if any. */
async function pageBack(
  run: CrawlRun,
  channel: string,
  data: RequestData,
  oldest: number | undefined,
  sawStored: boolean,
  firstSkipped: number | null,
): Promise<void> {
  const state = run.deps.state;
  let gaps = (await loadGaps(state, channel)).filter((g) => g !== data.gap);
  const reachedStart = !oldest || oldest <= 1;
  // Posts below `hole` are still missing: after a max_items stop, from the first post not taken.
  const hole = firstSkipped !== null ? firstSkipped + 1 : oldest;
  const caughtUp = firstSkipped === null && (sawStored || reachedStart);
  if (!caughtUp && hole) gaps = [hole, ...gaps];
  await saveGaps(state, channel, gaps);

  const page = data.page ?? 0;
  if (firstSkipped !== null || page >= run.options.telegramBackfillPages) return;
  const next = caughtUp ? Math.max(0, ...gaps) : hole;
  if (!next || next <= 1) return;
  const url = telegramPageUrl(run.options.telegramBaseUrl, channel, next);
  if (!(await run.allowed(url))) return;
  const key = `TELEGRAM:${url}`;
  if (run.tree.has(key)) return;
  run.tree.open(key);
  await run.add([{ url, label: 'TELEGRAM', uniqueKey: key, userData: { key, page: page + 1, gap: next } }]);
}
