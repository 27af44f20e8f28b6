import type { CaptureRecord } from '../evidence/port.js';
import { decodeHtml } from '../extract/index.js';
import { html, type SafeHtml } from '../present/html.js';
import { strings, type UiLang } from './i18n.js';

/** At most this much of a body is shown; the download has all of it. */
const SHOWN_CHARS = 2_000_000;

/**
 * A kept page as text: its record (URLs, status, time, headers) and its body decoded with the charset it was
 * served with, escaped inside <pre>. The page carries the app's script-free CSP, so nothing in it runs.
 */
export function capturePage(record: CaptureRecord, body: Buffer | null, ui: UiLang): SafeHtml {
  const t = strings(ui);
  const text = body ? decodeHtml(body, record.headers['content-type']) : null;
  return html`<h1>${t.capture}</h1>
<p class="help">${t.captureNote}</p>
<dl class="facts">
  <dt>${t.requested}</dt><dd><code>${record.url}</code></dd>
  <dt>${t.finalUrl}</dt><dd><code>${record.final_url}</code></dd>
  <dt>${t.fetchedAt}</dt><dd><time datetime="${record.fetched_at}">${record.fetched_at}</time></dd>
  <dt>HTTP</dt><dd>${String(record.status)}</dd>
  <dt>sha256</dt><dd><code>${record.digest}</code></dd>
</dl>
<details><summary>${t.headers}</summary><pre>${Object.entries(record.headers)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n')}</pre></details>
<p><a href="/api/captures/${record.id}/body" download>${t.download}</a></p>
${text === null ? html`<p class="error-box">${t.captureMissing}</p>` : html`<pre class="capture">${text.slice(0, SHOWN_CHARS)}</pre>`}`;
}
