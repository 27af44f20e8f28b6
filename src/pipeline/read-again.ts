/** Reading a stored item again from a page: what re-checks and re-extraction share. */

import { telegramDocument } from '../crawl/handlers/telegram.js';
import { parseTelegramPage } from '../crawl/telegram.js';
import { canonicalizeUrl } from '../dedupe/canonical-url.js';
import type { Article, CrawledDocument, Source } from '../domain.js';
import type { FetchedPage } from '../evidence/port.js';
import { decodeHtml, extractArticle } from '../extract/index.js';
import { extractorVersion } from '../extract/version.js';

/**
 * What a page (fetched again, or a kept capture) says about a stored item, with the current extractor and the
 * source's selectors: its document, or null when the page has no text for it. The item's title, date and
 * author stand in for what the page lacks, as feed hints did when it was first crawled.
 *
 * @example
 * const doc = readAgain(article, source, { ...capture, body });
 */
export function readAgain(article: Article, source: Source, page: FetchedPage): CrawledDocument | null {
  const version = extractorVersion(source);
  if (article.kind === 'telegram_post' && article.telegram) {
    const post = parseTelegramPage(decodeHtml(page.body, page.headers['content-type']), article.telegram.channel).find(
      (p) => p.post_id === article.telegram?.post_id,
    );
    return post?.text ? telegramDocument(source, post, article.url, version) : null;
  }
  const extracted = extractArticle(decodeHtml(page.body, page.headers['content-type']), page.final_url, {
    selectors: source.selectors,
    langHints: source.languages,
  });
  if (!extracted.text.trim()) return null;
  return {
    source_id: article.source_id,
    url: article.url,
    kind: 'article',
    title: extracted.title.trim() || article.title,
    text: extracted.text,
    published_at: extracted.published_at ?? article.published_at,
    author: extracted.author ?? article.author,
    canonical_url: extracted.canonical_url ?? canonicalizeUrl(page.final_url),
    lang: extracted.lang,
    fetched_at: page.fetched_at,
    extractor_version: version,
  };
}
