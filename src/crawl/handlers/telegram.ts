import type { CheerioCrawlingContext } from '@crawlee/cheerio';
import { documentKey, telegramPostUrl } from '../../dedupe/canonical-url.js';
import type { CrawledDocument, Source } from '../../domain.js';
import { changed } from '../../evidence/revise.js';
import { decodeHtml } from '../../extract/decode.js';
import { detectLanguage } from '../../extract/language.js';
import { capturePage } from '../capture.js';
import { newestDate } from '../entry-points.js';
import type { CrawlRun } from '../run.js';
import { parseTelegramPage, postTitle, type TelegramPost } from '../telegram.js';
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
  const docs: CrawledDocument[] = [];
  const revisits: number[] = [];
  for (const [i, post] of [...posts.entries()].reverse()) {
    const url = urls[i];
    run.found.add(url);
    if (stored.has(documentKey(url))) {
      sawStored = true;
      revisits.push(i);
      continue;
    }
    if (!post.text || run.aborted || run.emittedUrls.has(url)) continue;
    if (!run.takeBudget()) {
      firstSkipped = post.post_id;
      break;
    }
    docs.push(postDocument(run, post, url));
  }
  docs.push(
    ...(await editedPosts(
      run,
      revisits.map((i) => posts[i]),
      revisits.map((i) => urls[i]),
    )),
  );
  const gone = await goneUrls(run, channel, posts);
  // The page is kept when it shows something new: a post, an edit, or a post's absence.
  if ((docs.length || gone.length) && !run.aborted) {
    const capture = await capturePage(run, ctx, raw);
    for (const doc of docs) if (capture) doc.capture = capture;
    // Handed on together, so the pipeline stores the page's posts in one write.
    await Promise.all(docs.map((doc) => run.emit(doc)));
    if (gone.length) await run.deps.gone?.(gone, 'missing from the channel preview', capture);
  }
  if (!run.aborted) await pageBack(run, channel, data, posts[0]?.post_id, sawStored, firstSkipped);
  await run.tree.finish(data.key, true);
}

function postDocument(run: CrawlRun, post: TelegramPost, url: string): CrawledDocument {
  return telegramDocument(run.source, post, url, run.extractorVersion);
}

/** The document of one post read from a channel preview. */
export function telegramDocument(source: Source, post: TelegramPost, url: string, version: string): CrawledDocument {
  return {
    source_id: source.id,
    url,
    kind: 'telegram_post',
    title: postTitle(post.text),
    text: post.text,
    published_at: post.published_at,
    author: null,
    canonical_url: url,
    lang: detectLanguage(post.text, source.languages),
    fetched_at: new Date().toISOString(),
    extractor_version: version,
    telegram: {
      channel: post.channel,
      post_id: post.post_id,
      views: post.views,
      forwarded_from: post.forwarded_from,
      links: post.links,
    },
  };
}

/** Stored posts shown again with a different text: emitted again, so the stored one keeps its earlier version. */
async function editedPosts(run: CrawlRun, posts: TelegramPost[], urls: string[]): Promise<CrawledDocument[]> {
  const state = run.deps.state;
  if (!state.getArticle) return [];
  const out: CrawledDocument[] = [];
  for (const [i, post] of posts.entries()) {
    if (!post.text || run.emittedUrls.has(urls[i])) continue;
    const previous = await state.getArticle(documentKey(urls[i]));
    if (previous && changed(previous, { title: postTitle(post.text), text: post.text })) {
      out.push(postDocument(run, post, urls[i]));
    }
  }
  return out;
}

/** At most this many post ids between the oldest and newest post of a page are checked for deletions. */
const MAX_RANGE = 1000;

/**
 * A page shows every surviving post between its oldest and newest: a stored post whose id lies in that range
 * but is not on the page was deleted from the channel.
 */
async function goneUrls(run: CrawlRun, channel: string, posts: TelegramPost[]): Promise<string[]> {
  if (!run.deps.gone || posts.length < 2 || run.aborted) return [];
  const shown = new Set(posts.map((p) => p.post_id));
  const low = posts[0].post_id;
  const high = posts[posts.length - 1].post_id;
  if (high - low > MAX_RANGE) return [];
  const missing: string[] = [];
  for (let id = low + 1; id < high; id++) if (!shown.has(id)) missing.push(telegramPostUrl(channel, id));
  if (!missing.length) return [];
  const state = run.deps.state;
  const stored = await state.existingIds(missing.map(documentKey));
  const gone: string[] = [];
  for (const url of missing) {
    if (!stored.has(documentKey(url))) continue;
    // Already marked: its absence is on record, the page need not be kept again.
    if (state.getArticle && (await state.getArticle(documentKey(url)))?.deleted_at) continue;
    gone.push(url);
  }
  return gone;
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
