/**
 * How a stored item changes when it is fetched again: pure functions from the stored article and what was
 * fetched now to what is stored next. Nothing is dropped: an earlier text becomes a version, captures
 * accumulate, and a deletion keeps the text and captures it had.
 */
import type { Article, CaptureRef } from '../domain.js';

/** Captures with `added` appended once (by id). */
export function withCapture(captures: CaptureRef[] | undefined, added: CaptureRef | null | undefined): CaptureRef[] {
  const list = [...(captures ?? [])];
  if (added && !list.some((c) => c.id === added.id)) list.push(added);
  return list;
}

/** Whether two versions of an item say something different (title or text). */
export function changed(a: Pick<Article, 'title' | 'text'>, b: Pick<Article, 'title' | 'text'>): boolean {
  return a.title.trim() !== b.title.trim() || a.text.trim() !== b.text.trim();
}

/**
 * The evidence fields of `next` given the stored `previous`. With `asEdit`, a changed text is an edit at its
 * source: the previous text is kept as a version and `edited_at` set. Re-extraction passes `asEdit: false`
 * (the page did not change, the extractor did).
 *
 * @example
 * const stored = { ...next, ...revisedEvidence(previous, next, { asEdit: true }) };
 */
export function revisedEvidence(
  previous: Article | null,
  next: Pick<Article, 'title' | 'text' | 'fetched_at'> & { capture?: CaptureRef | null },
  options: { asEdit: boolean },
): Pick<Article, 'captures' | 'versions' | 'edited_at' | 'deleted_at' | 'deleted_reason'> {
  const captures = withCapture(previous?.captures, next.capture);
  const versions = [...(previous?.versions ?? [])];
  let edited_at = previous?.edited_at ?? null;
  if (previous && options.asEdit && changed(previous, next)) {
    versions.push({
      title: previous.title,
      text: previous.text,
      fetched_at: previous.fetched_at,
      replaced_at: next.fetched_at,
      capture_id: previous.captures?.at(-1)?.id ?? null,
    });
    edited_at = next.fetched_at;
  }
  const out: Pick<Article, 'captures' | 'versions' | 'edited_at' | 'deleted_at' | 'deleted_reason'> = {};
  if (captures.length) out.captures = captures;
  if (versions.length) out.versions = versions;
  if (edited_at) out.edited_at = edited_at;
  if (previous?.deleted_at) {
    out.deleted_at = previous.deleted_at;
    out.deleted_reason = previous.deleted_reason ?? null;
  }
  return out;
}

/**
 * The article marked deleted at `at` (kept as it was otherwise); unchanged when already marked.
 *
 * @example
 * await store.putArticle(markDeleted(article, new Date().toISOString(), 'HTTP 410', capture));
 */
export function markDeleted(article: Article, at: string, reason: string, capture?: CaptureRef | null): Article {
  return {
    ...article,
    deleted_at: article.deleted_at ?? at,
    deleted_reason: article.deleted_at ? (article.deleted_reason ?? reason) : reason,
    captures: withCapture(article.captures, capture),
  };
}
