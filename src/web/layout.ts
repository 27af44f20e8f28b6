import { html, type SafeHtml } from '../present/html.js';
import { strings, type UiLang } from './i18n.js';
import { FILTER_KEYS, link } from './links.js';

/** The signed-in user as pages show them, with the CSRF token their forms carry. */
export interface Account {
  name: string;
  role: 'viewer' | 'reviewer' | 'admin';
  csrf: string;
}

export interface PageOptions {
  ui: UiLang;
  url: URL;
  title: string;
  active?: 'search' | 'trends' | 'sources' | 'review';
  body: SafeHtml;
  account?: Account | null;
  /** Same-origin scripts the page loads (the trends charts); pages read the same without them. */
  scripts?: string[];
  /** More same-origin stylesheets. */
  styles?: string[];
}

/** The header's account part: sign-in link, or the user and a sign-out button. */
function accountBar(account: Account | null, ui: UiLang, url: URL): SafeHtml {
  const t = strings(ui);
  if (!account) {
    const next = `${url.pathname}${url.search}`;
    return html`<a class="account" href="${link(url, '/signin', { ui, next }, [])}">${t.signIn}</a>`;
  }
  return html`<form class="account" method="post" action="/signout?ui=${ui}"><span>${t.signedInAs} <strong>${account.name}</strong> (${account.role})</span>
  <input type="hidden" name="_csrf" value="${account.csrf}"><button type="submit">${t.signOut}</button></form>`;
}

/**
 * The page shell: header with navigation and the language switch, one stylesheet, and only the same-origin
 * scripts a page asks for.
 *
 * @example
 * c.html(page({ ui, url, title: t.sources, active: 'sources', body }).toString())
 */
export function page({
  ui,
  url,
  title,
  active,
  body,
  account = null,
  scripts = [],
  styles = [],
}: PageOptions): SafeHtml {
  const t = strings(ui);
  const other: UiLang = ui === 'ru' ? 'en' : 'ru';
  const nav = (key: 'search' | 'trends' | 'sources' | 'review', path: string) =>
    html`<a href="${link(url, path, { ui }, key === 'sources' || key === 'review' ? [] : FILTER_KEYS)}"${key === active ? html` aria-current="page"` : ''}>${t[key]}</a>`;
  const reviews = account && account.role !== 'viewer';
  return html`<!doctype html>
<html lang="${ui}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title} — ${t.appName}</title>
${styles.map((href) => html`<link rel="stylesheet" href="${href}">`)}
<link rel="stylesheet" href="/static/app.css">
${scripts.map((src) => html`<script defer src="${src}"></script>`)}
</head>
<body>
<header class="top">
  <a class="brand" href="${link(url, '/', { ui }, [])}">${t.appName}</a>
  <nav>${nav('search', '/')}${nav('trends', '/trends')}${nav('sources', '/sources')}${reviews ? nav('review', '/review') : ''}</nav>
  ${accountBar(account, ui, url)}
  <a class="lang-switch" hreflang="${other}" lang="${other}" title="${t.language}" href="${link(url, url.pathname, { ui: other })}">${t.switchTo}</a>
</header>
<main>
${body}
</main>
<footer><p>${t.tagline}</p></footer>
</body>
</html>`;
}
