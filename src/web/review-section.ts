import type { Article } from '../domain.js';
import { html, type SafeHtml } from '../present/html.js';
import { severityText } from '../present/why.js';
import { type Review, VERDICT_LABELS, type Verdict } from '../review/types.js';
import { humanVerdict, machineVerdict } from '../review/verdict.js';
import { strings, type UiLang } from './i18n.js';
import type { Account } from './layout.js';

function verdictText(v: Verdict | null, ui: UiLang): string {
  const t = strings(ui);
  if (!v) return '—';
  const labels = VERDICT_LABELS.filter((l) => v[l]).map((l) => t.label[l]);
  const parts = [
    labels.length ? labels.join(', ') : t.none,
    `${t.severity} ${v.severity} — ${severityText(v.severity, ui)}`,
  ];
  if (v.targets.length) parts.push(v.targets.join(', '));
  return parts.join(' · ');
}

function reviewItem(r: Review, ui: UiLang): SafeHtml {
  const t = strings(ui);
  return html`<li data-reviewer="${r.reviewer_id}"><strong>${r.reviewer_id}</strong> <time datetime="${r.created_at}">${r.created_at.slice(0, 16).replace('T', ' ')}</time>
  <span class="count">${t.against} <code>${r.classifier_version ?? '—'}</code></span><br>
  <span class="verdict">${verdictText(r.verdict, ui)}</span>${r.note ? html`<br><q class="note">${r.note}</q>` : ''}</li>`;
}

/** The checkboxes, severity, targets and note, prefilled with the reviewer's last verdict or else the classifier's. */
function reviewForm(
  article: Article,
  mine: Review | null,
  account: Account,
  ui: UiLang,
  error: string | null,
): SafeHtml {
  const t = strings(ui);
  const start = mine?.verdict ?? machineVerdict(article.classification);
  const checked = (on: boolean | undefined) => (on ? html` checked` : '');
  return html`<form class="review" id="review" method="post" action="/articles/${encodeURIComponent(article.id)}/review?ui=${ui}">
  <h3>${t.yourReview}</h3>
  <p class="help">${t.reviewHelp}</p>
  ${error ? html`<div class="error-box" role="alert">${error}</div>` : ''}
  <input type="hidden" name="_csrf" value="${account.csrf}">
  <fieldset>${VERDICT_LABELS.map((l) => html`<label><input type="checkbox" name="${l}"${checked(start?.[l])}> ${t.label[l]}</label>`)}</fieldset>
  <label>${t.severity}<select name="severity">${[0, 1, 2, 3].map((s) => html`<option value="${s}"${(start?.severity ?? 0) === s ? html` selected` : ''}>${s} — ${severityText(s, ui)}</option>`)}</select></label>
  <label>${t.targets}<input type="text" name="targets" value="${start?.targets.join(', ') ?? ''}" maxlength="400"><span class="help">${t.targetsHelp}</span></label>
  <label>${t.note}<textarea name="note" rows="3" maxlength="2000">${mine?.note ?? ''}</textarea></label>
  <button type="submit">${t.saveReview}</button>
</form>`;
}

/**
 * The article page's review part: the human verdict beside the classifier's, every review, and for reviewers the form.
 *
 * @example
 * reviewSection(view.article, view.reviews, account, 'en', { saved: true, error: null })
 */
export function reviewSection(
  article: Article,
  reviews: Review[],
  account: Account | null,
  ui: UiLang,
  state: { saved: boolean; error: string | null },
): SafeHtml {
  const t = strings(ui);
  const human = humanVerdict(reviews);
  const mine = account ? (reviews.filter((r) => r.reviewer_id === account.name).at(-1) ?? null) : null;
  const summary = human
    ? html`<dl class="facts human">
    <dt>${t.humanVerdict}</dt><dd class="human-verdict">${human.verdict ? verdictText(human.verdict, ui) : t.disputed}</dd>
    <dt>${t.machineVerdict}</dt><dd>${verdictText(machineVerdict(article.classification), ui)}</dd>
    <dt>${t.reviews}</dt><dd>${t.reviewers(human.reviewers)}${human.reviewers_disagree ? html` · <span class="badge disputed">${t.disputed}</span>` : ''} · ${human.corrects_classifier ? t.corrected : t.confirmed}</dd>
  </dl>`
    : html`<p class="count">${t.noReviews}</p>`;
  return html`<section class="reviews" aria-labelledby="reviews-h">
  <h2 id="reviews-h">${t.reviews}</h2>
  ${state.saved ? html`<p class="saved" role="status">${t.saved}</p>` : ''}
  ${summary}
  ${reviews.length ? html`<ul class="review-list">${reviews.map((r) => reviewItem(r, ui))}</ul>` : ''}
  ${account && account.role !== 'viewer' ? reviewForm(article, mine, account, ui, state.error) : ''}
</section>`;
}
