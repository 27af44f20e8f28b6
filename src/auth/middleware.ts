/** Who is asking: a bearer token (API) or a session cookie (web), and what they may do. */
import type { Context, MiddlewareHandler } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';
import { csrf } from 'hono/csrf';
import { ApiError, errorBody } from '../api/errors.js';
import type { Role, Session, User } from '../review/types.js';
import type { SessionStore, UserStore } from '../store/port.js';
import { sameSecret } from './secrets.js';
import { readSession } from './session.js';
import { checkToken, hasRole } from './users.js';

export interface AuthVariables {
  user: User | null;
  session: Session | null;
  /** A session cookie came but no longer works (expired, signed out elsewhere, user disabled). */
  sessionExpired: boolean;
}
export type AuthEnv = { Variables: AuthVariables };

/** The signed-in user of a request, or null. */
export function currentUser(c: Context): User | null {
  return (c as Context<AuthEnv>).get('user') ?? null;
}

export function currentSession(c: Context): Session | null {
  return (c as Context<AuthEnv>).get('session') ?? null;
}

const unauthorized = (message: string) => errorBody(401, message);

/**
 * Sets `user` and `session` for every request: from `Authorization: Bearer <token>` when sent (a bad token is a 401),
 * else from the session cookie.
 *
 * @example
 * app.use('*', identify(store));
 */
export function identify(store: UserStore & SessionStore): MiddlewareHandler<AuthEnv> {
  const bearer = bearerAuth({
    verifyToken: async (token, c) => {
      const user = await checkToken(store, token);
      (c as Context<AuthEnv>).set('user', user);
      return user !== null;
    },
    noAuthenticationHeader: { message: unauthorized('Authorization: Bearer <token> is required') },
    invalidAuthenticationHeader: { message: errorBody(400, 'Authorization must be "Bearer <token>"') },
    invalidToken: {
      message: unauthorized('The token is not valid: unknown, reset or disabled. Ask an admin for a new one.'),
    },
  });
  return async (c, next) => {
    c.set('user', null);
    c.set('session', null);
    c.set('sessionExpired', false);
    if (c.req.header('authorization') !== undefined) return bearer(c as unknown as Context, next);
    const state = await readSession(c, store);
    if (state.kind === 'live') {
      c.set('user', state.user);
      c.set('session', state.session);
    } else c.set('sessionExpired', state.kind === 'expired');
    await next();
  };
}

/** Paths open to everyone even with KUZET_REQUIRE_LOGIN=true. */
const PUBLIC = new Set(['/signin', '/static/app.css', '/health']);
const isApi = (c: Context) => c.req.path.startsWith('/api/');

function signInRedirect(c: Context): Response {
  const url = new URL(c.req.url);
  const next = `${url.pathname}${url.search}`;
  return c.redirect(`/signin?next=${encodeURIComponent(next)}${currentExpired(c) ? '&expired=1' : ''}`, 303);
}

const currentExpired = (c: Context) => Boolean((c as Context<AuthEnv>).get('sessionExpired'));

/** With `required`, everything but the sign-in page, the stylesheet and /health needs a signed-in user. */
export function requireLogin(required: boolean): MiddlewareHandler {
  return async (c, next) => {
    if (!required || currentUser(c) || PUBLIC.has(c.req.path)) return next();
    if (isApi(c)) throw new ApiError(401, 'Sign in first: send Authorization: Bearer <token>.');
    return signInRedirect(c);
  };
}

/**
 * Refuses the request unless the user has at least `role`: 401 without a user (web pages redirect to the sign-in page),
 * 403 with too small a role.
 *
 * @example
 * app.post('/api/articles/:id/reviews', requireRole('reviewer'), handler);
 */
export function requireRole(role: Role): MiddlewareHandler {
  return async (c, next) => {
    const user = currentUser(c);
    if (!user) {
      if (isApi(c)) {
        const why = currentExpired(c) ? 'Your session has expired; sign in again.' : 'Sign in first.';
        throw new ApiError(401, `${why} Writing needs a ${role} account.`);
      }
      return signInRedirect(c);
    }
    if (!hasRole(user, role)) throw new ApiError(403, `${user.id} is a ${user.role}; this needs a ${role} account.`);
    return next();
  };
}

/**
 * CSRF protection for cookie-authenticated writes: Hono's origin check, then the session's token, sent as the `_csrf`
 * form field or the `X-CSRF-Token` header. Requests with a bearer token carry no cookie and need neither.
 *
 * @example
 * app.post('/articles/:id/review', requireRole('reviewer'), csrfToken(), handler);
 */
export function csrfToken(): MiddlewareHandler {
  const origin = csrf();
  return async (c, next) => {
    if (c.req.header('authorization') !== undefined) return next();
    return origin(c, async () => {
      const session = currentSession(c);
      const sent = c.req.header('x-csrf-token') ?? (await formField(c, '_csrf'));
      if (!session || !sent || !sameSecret(sent, session.csrf))
        throw new ApiError(403, 'The form is missing its CSRF token or it is stale; reload the page and try again.');
      await next();
    });
  };
}

/** One field of an urlencoded or multipart body (Hono caches the parsed body for the handler). */
export async function formField(c: Context, name: string): Promise<string | undefined> {
  const type = c.req.header('content-type') ?? '';
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) return undefined;
  const value = (await c.req.parseBody())[name];
  return typeof value === 'string' ? value : undefined;
}
