import type { Article } from '../domain.js';
import { html, type SafeHtml } from '../present/html.js';
import { strings, type UiLang } from './i18n.js';
import { link } from './links.js';

const day = (iso: string | null | undefined) => (iso ? iso.slice(0, 16).replace('T', ' ') : '—');

/** The banner of a deleted or edited item, above its text. */
export function evidenceBanner(article: Article, ui: UiLang): SafeHtml | '' {
  const t = strings(ui);
  if (article.deleted_at)
    return html`<p class="error-box" role="status">${t.deletedOn(day(article.deleted_at), article.deleted_reason ?? '—')}</p>`;
  if (article.edited_at) return html`<p class="why" role="status">${t.editedOn(day(article.edited_at))}</p>`;
  return '';
}

/**
 * The evidence of an article page: earlier versions with their times, the captured pages (each viewable as
 * text) and the WARC download.
 */
export function evidenceSection(article: Article, ui: UiLang, url: URL): SafeHtml {
  const t = strings(ui);
  const versions = article.versions ?? [];
  const captures = article.captures ?? [];
  const id = encodeURIComponent(article.id);
  return html`${
    versions.length
      ? html`<h2>${t.versions}</h2><ol class="versions">${versions.map(
          (v) =>
            html`<li><details><summary>${v.title || '—'} <span class="count">${t.versionSpan(day(v.fetched_at), day(v.replaced_at))}</span></summary><pre class="text">${v.text}</pre></details></li>`,
        )}</ol>`
      : ''
  }
<h2>${t.captures}</h2>
${
  captures.length
    ? html`<ul class="captures">${captures.map(
        (c) =>
          html`<li><time datetime="${c.fetched_at}">${day(c.fetched_at)}</time> · HTTP ${String(c.status)} · <code>${c.digest.slice(0, 19)}…</code> · <a href="${link(url, `/captures/${encodeURIComponent(c.id)}`, {}, ['ui'])}">${t.viewCapture}</a></li>`,
      )}</ul>
<p><a href="/api/articles/${id}/warc" download>${t.downloadWarc}</a></p>`
    : html`<p>${t.noCaptures}</p>`
}`;
}
