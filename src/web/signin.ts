/** `/signin` and `/signout`: the web UI's session cookie, with CSRF protection and rate-limited attempts. */
import { type Context, Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { csrf } from 'hono/csrf';
import type { RouteDeps } from '../api/deps.js';
import { csrfToken } from '../auth/middleware.js';
import { FailureLimiter } from '../auth/rate-limit.js';
import { randomSecret, sameSecret } from '../auth/secrets.js';
import { cookieOptions, endSession, isHttps, SIGNIN_COOKIE, startSession } from '../auth/session.js';
import { checkPassword } from '../auth/users.js';
import { html, type SafeHtml } from '../present/html.js';
import { strings, type UiLang } from './i18n.js';
import { page } from './layout.js';
import { context, send } from './respond.js';

/** Only same-site paths: `/review`, never `//evil.example` or `https://…`. */
export function safeNext(next: string | undefined | null): string {
  return next && /^\/(?![/\\])/.test(next) ? next : '/';
}

function signinForm(ui: UiLang, token: string, next: string, name: string, error: string | null): SafeHtml {
  const t = strings(ui);
  return html`<h1>${t.signIn}</h1>
${error ? html`<div class="error-box" role="alert">${error}</div>` : ''}
<form class="signin" method="post" action="/signin?ui=${ui}">
  <input type="hidden" name="_csrf" value="${token}">
  <input type="hidden" name="next" value="${next}">
  <label>${t.userName}<input type="text" name="name" value="${name}" autocomplete="username" maxlength="32" required autofocus></label>
  <label>${t.password}<input type="password" name="password" autocomplete="current-password" maxlength="200" required></label>
  <button type="submit">${t.signIn}</button>
</form>`;
}

/** The client address as the Node server saw it (`unknown` in-process). */
function clientAddress(c: Context): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'unknown';
}

/**
 * GET and POST /signin, POST /signout. Five failures per name and address, or twenty per address, in 15 minutes
 * make further attempts wait (429).
 */
export function signinRoutes({ store, publicUrl, log }: RouteDeps): Hono {
  const perName = new FailureLimiter({ max: 5, windowMs: 15 * 60_000 });
  const perAddress = new FailureLimiter({ max: 20, windowMs: 15 * 60_000 });
  const app = new Hono();

  const form = (c: Context, name: string, error: string | null, status: 200 | 400 | 401 | 403 | 429, next?: string) => {
    const { url, ui, account } = context(c);
    const token = getCookie(c, SIGNIN_COOKIE) ?? randomSecret();
    setCookie(c, SIGNIN_COOKIE, token, cookieOptions(isHttps(c, publicUrl), 3600));
    const body = signinForm(ui, token, safeNext(next ?? url.searchParams.get('next')), name, error);
    return send(c, page({ ui, url, account, title: strings(ui).signIn, body }), status);
  };

  app.get('/signin', (c) => {
    const { ui } = context(c);
    const expired = new URL(c.req.url).searchParams.get('expired') === '1';
    return form(c, '', expired ? strings(ui).sessionExpired : null, 200);
  });

  app.post('/signin', csrf(), async (c) => {
    const { ui } = context(c);
    const t = strings(ui);
    const body = await c.req.parseBody();
    const field = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : '');
    const name = field('name').trim().toLowerCase().slice(0, 64);
    const next = safeNext(field('next'));
    const cookie = getCookie(c, SIGNIN_COOKIE);
    if (!cookie || !sameSecret(field('_csrf'), cookie)) return form(c, name, t.wrongPassword, 403, next);
    const address = clientAddress(c);
    const keys = [`${address}|${name}`];
    const wait = Math.max(perName.retryAfter(keys), perAddress.retryAfter([address]));
    if (wait > 0) {
      c.header('retry-after', String(wait));
      log.warn('sign-in refused: too many failures', { name, address });
      return form(c, name, t.tooManyAttempts(wait), 429, next);
    }
    const user = await checkPassword(store, name, field('password').slice(0, 200));
    if (!user) {
      perName.fail(keys);
      perAddress.fail([address]);
      log.warn('sign-in failed', { name, address });
      return form(c, name, t.wrongPassword, 401, next);
    }
    perName.succeed(keys);
    await startSession(c, store, user, isHttps(c, publicUrl));
    log.info('signed in', { user: user.id });
    return c.redirect(next, 303);
  });

  app.post('/signout', csrfToken(), async (c) => {
    await endSession(c, store);
    return c.redirect(`/?ui=${context(c).ui}`, 303);
  });
  return app;
}
