import type { SourceWithHealth } from '../domain.js';
import { html, type SafeHtml } from '../present/html.js';
import { strings, type UiLang } from './i18n.js';

const SCHEDULE = /^(\d+)\s*(m|h|d)$/;

function scheduleMs(schedule: string): number {
  const m = SCHEDULE.exec(schedule.trim());
  if (!m) return 24 * 3_600_000;
  return Number(m[1]) * { m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 'm' | 'h' | 'd'];
}

/**
 * A source's state: `failing` after 3 consecutive failures, `stale` when the last success is older
 * than three schedule periods (and at least a day), `ok` otherwise.
 *
 * @example
 * sourceStatus(source, Date.now()) // 'stale'
 */
export function sourceStatus(s: SourceWithHealth, now: number): 'ok' | 'stale' | 'failing' | 'disabled' {
  if (!s.enabled) return 'disabled';
  if (s.health.consecutive_failures >= 3) return 'failing';
  const last = s.health.last_success_at ? Date.parse(s.health.last_success_at) : Number.NaN;
  if (Number.isNaN(last) || now - last > Math.max(3 * scheduleMs(s.schedule), 86_400_000)) return 'stale';
  return 'ok';
}

/** The sources page body: one row per source, stale and failing rows highlighted. */
export function sourcesPage(sources: SourceWithHealth[], ui: UiLang, now = Date.now()): SafeHtml {
  const t = strings(ui);
  const when = (iso: string | null) =>
    iso ? html`<time datetime="${iso}">${iso.slice(0, 16).replace('T', ' ')}</time>` : t.never;
  const rows = sources.map((s) => {
    const status = sourceStatus(s, now);
    const h = s.health;
    return html`<tr class="${status}" data-source="${s.id}">
  <td><strong>${s.name}</strong><br><span class="count">${s.id} · ${s.kind} · ${s.country} · ${s.languages.join(', ')}</span></td>
  <td class="status">${t[status]}</td>
  <td>${when(h.last_success_at)}</td>
  <td>${when(h.last_attempt_at)}</td>
  <td>${h.items_new} / ${h.items_found}</td>
  <td>${h.errors}${h.consecutive_failures ? ` (${h.consecutive_failures})` : ''}</td>
  <td>${h.last_error ? html`${h.last_error}<br><span class="count">${when(h.last_error_at)}</span>` : '—'}</td>
</tr>`;
  });
  return html`<h1>${t.sourceHealth}</h1>
<table class="sources">
<thead><tr><th>${t.source}</th><th>${t.status}</th><th>${t.lastSuccess}</th><th>${t.lastAttempt}</th><th>${t.items}</th><th>${t.errors}</th><th>${t.lastError}</th></tr></thead>
<tbody>${rows}</tbody>
</table>`;
}
