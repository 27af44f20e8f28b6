import type { CheerioCrawlingContext } from '@crawlee/cheerio';
import { canonicalizeUrl } from '../../dedupe/canonical-url.js';
import type { CrawledDocument } from '../../domain.js';
import { decodeHtml } from '../../extract/decode.js';
import { extractArticle } from '../../extract/index.js';
import { binaryReason } from '../binary.js';
import { capturePage } from '../capture.js';
import { parsedPage } from '../page-crawler.js';
import type { CrawlRun } from '../run.js';
import type { RequestData } from '../types.js';
import { contentTypeOf, readBody } from './pages.js';

/** Finishes an article that will never yield a document (the reason is reported, the feed may still commit). */
async function skip(run: CrawlRun, ctx: CheerioCrawlingContext, reason: string): Promise<void> {
  run.error(ctx.request.url, reason);
  await run.tree.finish((ctx.request.userData as RequestData).key, true);
}

/**
 * ARTICLE: decodes the raw bytes (header, meta or sniffed charset), extracts the article with the source's
 * selectors and language hints, falls back on feed/sitemap title, date and author, and emits it.
 * Binary bodies and pages without article text are skipped with a reason.
 */
export async function handleArticle(run: CrawlRun, ctx: CheerioCrawlingContext): Promise<void> {
  const raw = await readBody(run, ctx);
  if (!raw) return;
  const { request } = ctx;
  const data = request.userData as RequestData;
  if (run.aborted) {
    await run.tree.finish(data.key, false);
    return;
  }
  const binary = binaryReason(raw);
  if (binary) return skip(run, ctx, `${binary} served as ${contentTypeOf(ctx) ?? 'an unknown type'}; skipped`);
  const loadedUrl = request.loadedUrl ?? request.url;
  let extracted: ReturnType<typeof extractArticle>;
  try {
    // Parsed once by the crawler (PageCrawler), from the same decoding.
    const page = parsedPage(ctx);
    extracted = extractArticle(page?.html ?? decodeHtml(raw, contentTypeOf(ctx)), loadedUrl, {
      selectors: run.source.selectors,
      langHints: run.source.languages,
      parsed: page?.$,
    });
  } catch (err) {
    return skip(run, ctx, `article extraction failed (${(err as Error).message}); skipped`);
  }
  const hint = data.hint ?? {};
  const title = extracted.title?.trim() || hint.title || '';
  if (!extracted.text?.trim()) return skip(run, ctx, 'no article text found; skipped');
  const doc: CrawledDocument = {
    source_id: run.source.id,
    // The requested URL keys the article (see documentKey); where it redirected to is the canonical fallback.
    url: request.url,
    kind: 'article',
    title,
    text: extracted.text,
    published_at: extracted.published_at ?? hint.published_at ?? null,
    author: extracted.author ?? hint.author ?? null,
    canonical_url: extracted.canonical_url ?? canonicalizeUrl(loadedUrl),
    lang: extracted.lang,
    fetched_at: new Date().toISOString(),
    extractor_version: run.extractorVersion,
  };
  if (run.aborted) {
    await run.tree.finish(data.key, false);
    return;
  }
  const capture = await capturePage(run, ctx, raw);
  if (capture) {
    doc.capture = capture;
    doc.fetched_at = capture.fetched_at;
  }
  run.emitInBackground(doc, data.key);
}
