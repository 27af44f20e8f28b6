/** What every page handler shares: the request's URL, interface language and account, and how pages are sent. */
import type { Context } from 'hono';
import { ApiError } from '../api/errors.js';
import type { SafeHtml } from '../present/html.js';
import { StoreRequestError } from '../store/errors.js';
import { accountOf } from './account.js';
import { type UiLang, uiLang } from './i18n.js';
import type { Account } from './layout.js';

/** A bad request shown on the page instead of failing it; anything else propagates. */
export function userError(error: unknown): { status: 400 | 404; message: string } | null {
  if (error instanceof ApiError && (error.status === 400 || error.status === 404))
    return { status: error.status, message: error.message };
  if (error instanceof StoreRequestError) return { status: 400, message: `${error.param}: ${error.message}` };
  return null;
}

export function context(c: Context): { url: URL; ui: UiLang; account: Account | null } {
  const url = new URL(c.req.url);
  return { url, ui: uiLang(url, c.req.header('accept-language')), account: accountOf(c) };
}

export function send(c: Context, markup: SafeHtml, status: 200 | 400 | 401 | 403 | 404 | 429 = 200): Response {
  c.header('vary', 'Accept-Language');
  c.header('cache-control', 'no-store');
  return c.html(markup.toString(), status);
}
