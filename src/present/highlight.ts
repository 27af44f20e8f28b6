import { type Article, classifiedText, type Evidence } from '../domain.js';
import { escapeHtml } from './html.js';

/** A span of classifiedText(article) to mark: a query match or a piece of classifier evidence. */
export interface MarkSpan {
  start: number;
  end: number;
  kind: 'q' | 'ev';
  category?: string;
}

/**
 * Escapes `text[from, to)` and wraps the spans in `<mark class="q">` or
 * `<mark class="ev" data-category="…">`. Overlapping spans are trimmed so marks never nest.
 *
 * @example
 * markRange('Мигранты — саранча', [{ start: 11, end: 18, kind: 'ev', category: 'dehumanising' }], 0, 18)
 * // 'Мигранты — <mark class="ev" data-category="dehumanising">саранча</mark>'
 */
export function markRange(text: string, spans: MarkSpan[], from: number, to: number): string {
  const sorted = spans
    .map((s) => ({ ...s, start: Math.max(s.start, from), end: Math.min(s.end, to) }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start || (a.kind === 'ev' ? -1 : 1));
  let out = '';
  let at = from;
  for (const span of sorted) {
    const start = Math.max(span.start, at);
    if (start >= span.end) continue;
    out += escapeHtml(text.slice(at, start));
    const attrs = span.kind === 'ev' ? ` class="ev" data-category="${escapeHtml(span.category ?? '')}"` : ' class="q"';
    out += `<mark${attrs}>${escapeHtml(text.slice(start, span.end))}</mark>`;
    at = span.end;
  }
  return out + escapeHtml(text.slice(at, to));
}

/** Evidence and query matches of an article as mark spans, dropping any whose offsets do not fit the text. */
export function spansOf(article: Article, matches: Array<[number, number]> = []): MarkSpan[] {
  const length = classifiedText(article).length;
  const evidence: Evidence[] = article.classification?.evidence ?? [];
  const spans: MarkSpan[] = [
    ...evidence.map((e) => ({ start: e.start, end: e.end, kind: 'ev' as const, category: e.category })),
    ...matches.map(([start, end]) => ({ start, end, kind: 'q' as const })),
  ];
  return spans.filter(
    (s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.end <= length && s.start < s.end,
  );
}

function snippetWindow(text: string, spans: MarkSpan[], bodyStart: number, width: number): [number, number] {
  const inBody = spans.filter((s) => s.start >= bodyStart);
  const focus = inBody.find((s) => s.kind === 'ev') ?? inBody[0];
  let from = focus ? Math.max(bodyStart, focus.start - Math.floor(width / 3)) : bodyStart;
  let to = Math.min(text.length, from + width);
  from = Math.max(bodyStart, Math.min(from, to - width));
  if (from > bodyStart) {
    const space = text.indexOf(' ', from);
    if (space >= 0 && space < from + 20 && (!focus || space < focus.start)) from = space + 1;
  }
  if (to < text.length) {
    const space = text.lastIndexOf(' ', to);
    if (space > to - 20 && (!focus || space >= focus.end)) to = space;
  }
  return [from, to];
}

/**
 * HTML title and snippet of an article with query matches and evidence marked, everything else escaped.
 *
 * @example
 * const { title, snippet } = highlightArticle(hit.article, hit.matches);
 */
export function highlightArticle(
  article: Article,
  matches: Array<[number, number]> = [],
  width = 280,
): { title: string; snippet: string } {
  const text = classifiedText(article);
  const spans = spansOf(article, matches);
  const bodyStart = article.title ? article.title.length + 2 : 0;
  const [from, to] = snippetWindow(text, spans, bodyStart, width);
  const snippet = `${from > bodyStart ? '…' : ''}${markRange(text, spans, from, to)}${to < text.length ? '…' : ''}`;
  return { title: markRange(text, spans, 0, article.title.length), snippet };
}

/** The whole text (title excluded) with every span marked, for the article page. */
export function highlightBody(article: Article): string {
  const text = classifiedText(article);
  const bodyStart = article.title ? article.title.length + 2 : 0;
  return markRange(text, spansOf(article), bodyStart, text.length);
}
