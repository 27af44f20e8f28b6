import type { ArticleView } from '../api/routes/articles.js';
import { classifiedText } from '../domain.js';
import { markRange, spansOf } from '../present/highlight.js';
import { html, type SafeHtml, trusted } from '../present/html.js';
import { labelsOf, severityText, whyFlagged } from '../present/why.js';
import { evidenceBanner, evidenceSection } from './evidence-section.js';
import { keyName, localDate, strings, type UiLang } from './i18n.js';
import type { Account } from './layout.js';
import { link } from './links.js';
import { reviewSection } from './review-section.js';
import { SEARCH_KEYS } from './search-page.js';

/**
 * The article page body: title and text with evidence marked, labels, severity, targets,
 * sentiment, classifier version, the reviews (and the review form for reviewers), near-duplicate siblings and a link
 * to the original.
 */
export function articlePage(
  { article, siblings, source, reviews }: ArticleView,
  ui: UiLang,
  url: URL,
  account: Account | null = null,
  reviewError: string | null = null,
): SafeHtml {
  const t = strings(ui);
  const c = article.classification;
  const text = classifiedText(article);
  const spans = spansOf(article);
  const bodyStart = article.title ? article.title.length + 2 : 0;
  const labels = labelsOf(c);
  return html`<p><a class="back" href="${link(url, '/', {}, SEARCH_KEYS)}">${t.back}</a></p>
<article class="full">
  ${evidenceBanner(article, ui)}
  <h1>${trusted(markRange(text, spans, 0, article.title.length) || '—')}</h1>
  <div class="meta">
    <span>${source?.name ?? article.source_id}</span>
    <time datetime="${article.published_at ?? ''}">${localDate(article.published_at, ui, true)}</time>
    <span>${keyName(t, 'lang', article.lang)}</span>
    ${labels.map((l) => html`<span class="badge ${l}">${t.label[l]}</span>`)}
    <a href="${article.url}" rel="noopener noreferrer nofollow" target="_blank">${t.original} ↗</a>
  </div>
  ${labels.length ? html`<p class="why">${whyFlagged(c, ui)}</p>` : ''}
  <dl class="facts">
    <dt>${t.labels}</dt><dd>${labels.length ? labels.map((l) => t.label[l]).join(', ') : '—'}</dd>
    <dt>${t.severity}</dt><dd>${c ? `${c.severity} — ${severityText(c.severity, ui)}` : '—'}</dd>
    <dt>${t.targets}</dt><dd>${c?.targets.length ? c.targets.map((g) => keyName(t, 'target', g)).join(', ') : '—'}</dd>
    <dt>${t.sentiment}</dt><dd>${c ? c.sentiment.toFixed(2) : '—'}</dd>
    <dt>${t.classifier}</dt><dd><code>${c?.classifier_version ?? '—'}</code></dd>
    <dt>${t.extractor}</dt><dd><code>${article.extractor_version ?? '—'}</code></dd>
  </dl>
  <div class="text">${trusted(markRange(text, spans, bodyStart, text.length))}</div>
</article>
${evidenceSection(article, ui, url)}
${reviewSection(article, reviews, account, ui, { saved: url.searchParams.get('saved') === '1', error: reviewError })}
<h2>${t.cluster}</h2>
${
  siblings.length
    ? html`<ul class="siblings">${siblings.map(
        (s) =>
          html`<li><a href="${link(url, `/articles/${encodeURIComponent(s.id)}`, {}, SEARCH_KEYS)}">${s.title || s.url}</a> <span class="count">${s.source_id} · ${localDate(s.published_at, ui)}</span></li>`,
      )}</ul>`
    : html`<p>${t.noCluster}</p>`
}`;
}
