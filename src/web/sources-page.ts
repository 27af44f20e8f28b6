import type { SourceWithHealth } from '../domain.js';
import { html, type SafeHtml } from '../present/html.js';
import { type RejectedSourceFile, sourceStatus } from '../sources/index.js';
import { keyName, strings, type UiLang } from './i18n.js';

export { sourceStatus };

function rejectedTable(rejected: RejectedSourceFile[], ui: UiLang): SafeHtml | null {
  if (rejected.length === 0) return null;
  const t = strings(ui);
  const rows = rejected.map(
    (r) => html`<tr class="rejected" data-file="${r.file}">
  <td><code>${r.file}</code></td>
  <td>${r.field ?? '—'}</td>
  <td>${r.message}</td>
</tr>`,
  );
  return html`<h2>${t.rejectedFiles}</h2>
<p>${t.rejectedHelp}</p>
<table class="sources">
<thead><tr><th>${t.file}</th><th>${t.field}</th><th>${t.error}</th></tr></thead>
<tbody>${rows}</tbody>
</table>`;
}

/** The sources page body: one row per source (stale, failing and never-crawled rows highlighted), then rejected files. */
export function sourcesPage(
  sources: SourceWithHealth[],
  ui: UiLang,
  now = Date.now(),
  rejected: RejectedSourceFile[] = [],
): SafeHtml {
  const t = strings(ui);
  const when = (iso: string | null) =>
    iso ? html`<time datetime="${iso}">${iso.slice(0, 16).replace('T', ' ')}</time>` : t.never;
  const rows = sources.map((s) => {
    const status = sourceStatus(s, now);
    const h = s.health;
    return html`<tr class="${status}" data-source="${s.id}">
  <td><strong>${s.name}</strong><br><span class="count">${s.id} · ${t.kinds[s.kind] ?? s.kind} · ${keyName(t, 'country', s.country)} · ${s.languages.map((l) => keyName(t, 'lang', l)).join(', ')}</span></td>
  <td class="status">${t[status]}</td>
  <td>${when(h.last_success_at)}</td>
  <td>${when(h.last_attempt_at)}</td>
  <td>${h.items_new} / ${h.items_found}</td>
  <td>${h.errors}${h.consecutive_failures ? ` (${h.consecutive_failures})` : ''}</td>
  <td>${h.last_error ? html`${h.last_error}<br><span class="count">${when(h.last_error_at)}</span>` : '—'}</td>
</tr>`;
  });
  return html`<h1>${t.sourceHealth}</h1>
${rejectedTable(rejected, ui)}
<table class="sources">
<thead><tr><th>${t.source}</th><th>${t.status}</th><th>${t.lastSuccess}</th><th>${t.lastAttempt}</th><th>${t.items}</th><th>${t.errors}</th><th>${t.lastError}</th></tr></thead>
<tbody>${rows}</tbody>
</table>`;
}
