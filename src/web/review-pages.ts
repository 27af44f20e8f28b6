/** The review queue page and the agreement statistics page. */
import { html, type SafeHtml } from '../present/html.js';
import { labelsOf } from '../present/why.js';
import type { QueueItem } from '../review/queue.js';
import type { Interval, ReviewStats } from '../review/stats.js';
import { strings, type UiLang } from './i18n.js';
import type { Account } from './layout.js';
import { link } from './links.js';

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const num = (v: number | null, digits = 3) => (v === null ? '—' : v.toFixed(digits));
const interval = (v: Interval | null, none: string) => (v ? `${pct(v.value)} (${pct(v.low)}–${pct(v.high)})` : none);

/** The queue: the filter form, the next-item button and the list, each with why it is there. */
export function queuePage(url: URL, ui: UiLang, account: Account, items: QueueItem[]): SafeHtml {
  const t = strings(ui);
  const v = (k: string) => url.searchParams.get(k) ?? '';
  const rows = items.map(
    ({ article: a, reason }) => html`<li data-id="${a.id}" data-reason="${reason}">
  <a href="${link(url, `/articles/${encodeURIComponent(a.id)}`, {}, ['ui'])}">${a.title || a.url}</a>
  <span class="badge reason">${t.reasons[reason] ?? reason}</span>
  ${labelsOf(a.classification).map((l) => html`<span class="badge ${l}">${t.label[l]}</span>`)}
  <span class="count">${a.source_id} · ${a.lang} · ${a.published_at?.slice(0, 10) ?? ''} · x ${num(a.classification?.xenophobia_score ?? null, 2)} · p ${num(a.classification?.migration_policy_score ?? null, 2)}</span>
</li>`,
  );
  return html`<h1>${t.reviewQueue}</h1>
<p class="help">${t.queueHelp} <a href="${link(url, '/review/stats', {}, ['ui'])}">${t.stats}</a></p>
<form class="filters" method="get" action="/review">
  <input type="hidden" name="ui" value="${ui}">
  <label>${t.labels}<select name="label"><option value="">${t.any}</option>${Object.keys(t.label).map((l) => html`<option value="${l}"${v('label') === l ? html` selected` : ''}>${t.label[l]}</option>`)}</select></label>
  <label>${t.source}<input type="text" name="source" value="${v('source')}" maxlength="64"></label>
  <label>${t.lang}<select name="lang"><option value="">${t.any}</option>${['ru', 'kk', 'en', 'uz', 'ky', 'tg'].map((l) => html`<option value="${l}"${v('lang') === l ? html` selected` : ''}>${l}</option>`)}</select></label>
  <div class="actions"><button type="submit">${t.show}</button></div>
</form>
${
  items.length
    ? html`<form method="post" action="${link(url, '/review/next', {}, ['ui', 'label', 'source', 'lang'])}"><input type="hidden" name="_csrf" value="${account.csrf}"><button type="submit" class="next">${t.reviewNext}</button></form>
<ol class="queue">${rows}</ol>`
    : html`<p>${t.queueEmpty}</p>`
}`;
}

/** Agreement per label and language, and the stream estimate. */
export function statsPage(ui: UiLang, stats: ReviewStats): SafeHtml {
  const t = strings(ui);
  const rows = stats.rows.map(
    (r) => html`<tr data-label="${r.label}" data-lang="${r.lang}"><td>${t.label[r.label]}</td><td>${r.lang}</td>
  <td class="n">${r.reviewed}</td><td class="n">${pct(r.precision)}</td><td class="n">${pct(r.recall)}</td><td class="n f1">${num(r.f1)}</td>
  <td class="n">${r.pairs}</td><td class="n kappa">${num(r.kappa)}</td></tr>`,
  );
  const stream = stats.stream.map(
    (
      s,
    ) => html`<tr data-label="${s.label}"><td>${t.label[s.label]}</td><td class="n">${s.sampled} (${s.sampled_flagged} / ${s.sampled_unflagged})</td>
  <td>${interval(s.precision, t.notEnough)}</td><td>${interval(s.recall, t.notEnough)}</td><td class="n">${s.stream_flagged} / ${s.stream_total}</td></tr>`,
  );
  return html`<h1>${t.statsTitle}</h1>
<p class="help">${t.statsHelp}</p>
<p class="summary"><span>${t.reviews}: <strong class="total-reviews">${stats.reviews}</strong> · ${t.count}: ${stats.articles} · ${t.reviewers(stats.reviewers)}</span></p>
<table class="stats">
<thead><tr><th>${t.label2}</th><th>${t.lang}</th><th>${t.count}</th><th>${t.precision}</th><th>${t.recall}</th><th>${t.f1}</th><th>${t.pairs}</th><th>${t.kappa}</th></tr></thead>
<tbody>${rows}</tbody>
</table>
<h2>${t.streamEstimate}</h2>
<table class="stream">
<thead><tr><th>${t.label2}</th><th>${t.sampled}</th><th>${t.precision}</th><th>${t.recall}</th><th>${t.flaggedShare}</th></tr></thead>
<tbody>${stream}</tbody>
</table>`;
}
