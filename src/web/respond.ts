/** What every page handler shares: the request's URL, interface language and account, and how pages are sent. */
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { ApiError } from '../api/errors.js';
import type { SafeHtml } from '../present/html.js';
import { StoreRequestError } from '../store/errors.js';
import { accountOf } from './account.js';
import { errorText } from './error-text.js';
import { strings, UI_COOKIE, type UiLang, uiLang } from './i18n.js';
import type { Account } from './layout.js';

/** A bad request shown on the page instead of failing it; anything else propagates. */
export function userError(error: unknown, ui: UiLang): { status: 400 | 404; message: string } | null {
  const shown = (status: 400 | 404, message: string) => ({ status, message: errorText(message, ui, strings(ui)) });
  if (error instanceof ApiError && (error.status === 400 || error.status === 404))
    return shown(error.status, error.message);
  if (error instanceof StoreRequestError) return shown(400, `${error.param}: ${error.message}`);
  return null;
}

/** The request URL, interface language and account; a language chosen with ?ui= is remembered in a cookie. */
export function context(c: Context): { url: URL; ui: UiLang; account: Account | null } {
  const url = new URL(c.req.url);
  const ui = uiLang(url, c.req.header('accept-language'), getCookie(c, UI_COOKIE));
  if (url.searchParams.get('ui') === ui && getCookie(c, UI_COOKIE) !== ui)
    setCookie(c, UI_COOKIE, ui, { path: '/', maxAge: 365 * 86_400, sameSite: 'Lax', httpOnly: true });
  return { url, ui, account: accountOf(c) };
}

export function send(c: Context, markup: SafeHtml, status: 200 | 400 | 401 | 403 | 404 | 429 = 200): Response {
  c.header('vary', 'Accept-Language, Cookie');
  c.header('cache-control', 'no-store');
  return c.html(markup.toString(), status);
}
