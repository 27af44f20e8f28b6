import { html, type SafeHtml } from '../present/html.js';
import { strings, type UiLang } from './i18n.js';
import { FILTER_KEYS, link } from './links.js';

export interface PageOptions {
  ui: UiLang;
  url: URL;
  title: string;
  active?: 'search' | 'trends' | 'sources';
  body: SafeHtml;
}

/**
 * The page shell: header with navigation and the language switch, one stylesheet, no scripts.
 *
 * @example
 * c.html(page({ ui, url, title: t.sources, active: 'sources', body }).toString())
 */
export function page({ ui, url, title, active, body }: PageOptions): SafeHtml {
  const t = strings(ui);
  const other: UiLang = ui === 'ru' ? 'en' : 'ru';
  const nav = (key: 'search' | 'trends' | 'sources', path: string) =>
    html`<a href="${link(url, path, { ui }, key === 'sources' ? [] : FILTER_KEYS)}"${key === active ? html` aria-current="page"` : ''}>${t[key]}</a>`;
  return html`<!doctype html>
<html lang="${ui}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title} — ${t.appName}</title>
<link rel="stylesheet" href="/static/app.css">
</head>
<body>
<header class="top">
  <a class="brand" href="${link(url, '/', { ui }, [])}">${t.appName}</a>
  <nav>${nav('search', '/')}${nav('trends', '/trends')}${nav('sources', '/sources')}</nav>
  <a class="lang-switch" hreflang="${other}" href="${link(url, url.pathname, { ui: other })}">${t.switchTo}</a>
</header>
<main>
${body}
</main>
<footer><p>${t.tagline}</p></footer>
</body>
</html>`;
}
