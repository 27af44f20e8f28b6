/** Browser sessions: a random cookie value, stored only as its sha256, with a CSRF token and an expiry. */
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Session, User } from '../review/types.js';
import type { SessionStore, UserStore } from '../store/port.js';
import { randomSecret, sha256 } from './secrets.js';

export const SESSION_COOKIE = 'kuzet_session';
/** The CSRF token of the sign-in form, before there is a session (double-submit cookie). */
export const SIGNIN_COOKIE = 'kuzet_signin';
export const SESSION_HOURS = 12;

/** Secure when the request or the configured public URL is HTTPS. */
export function isHttps(c: Context, publicUrl: string | null): boolean {
  return (
    new URL(c.req.url).protocol === 'https:' ||
    c.req.header('x-forwarded-proto') === 'https' ||
    Boolean(publicUrl?.startsWith('https:'))
  );
}

/** HttpOnly, SameSite=Lax, Path=/, Secure over HTTPS. */
export function cookieOptions(secure: boolean, maxAgeSeconds: number) {
  return { httpOnly: true, sameSite: 'Lax', path: '/', secure, maxAge: maxAgeSeconds } as const;
}

/**
 * Starts a session for a signed-in user and sets its cookie.
 *
 * @example
 * await startSession(c, store, user, isHttps(c, null));
 */
export async function startSession(c: Context, store: SessionStore, user: User, secure: boolean, now = new Date()) {
  const value = randomSecret();
  const session: Session = {
    id_hash: sha256(value),
    user_id: user.id,
    csrf: randomSecret(),
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + SESSION_HOURS * 3_600_000).toISOString(),
  };
  await store.putSession(session);
  setCookie(c, SESSION_COOKIE, value, cookieOptions(secure, SESSION_HOURS * 3600));
  return session;
}

/** The outcome of reading the session cookie: none sent, one that no longer works, or a live session. */
export type SessionState = { kind: 'none' } | { kind: 'expired' } | { kind: 'live'; session: Session; user: User };

/** Reads the session cookie; an expired or unknown session is deleted with its cookie. */
export async function readSession(
  c: Context,
  store: SessionStore & UserStore,
  now = Date.now(),
): Promise<SessionState> {
  const value = getCookie(c, SESSION_COOKIE);
  if (!value) return { kind: 'none' };
  const idHash = sha256(value);
  const session = await store.getSession(idHash);
  const user = session && Date.parse(session.expires_at) > now ? await store.getUser(session.user_id) : null;
  if (!session || !user || user.disabled) {
    if (session) await store.deleteSession(idHash);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return { kind: 'expired' };
  }
  return { kind: 'live', session, user };
}

/** Ends the session of this browser. */
export async function endSession(c: Context, store: SessionStore): Promise<void> {
  const value = getCookie(c, SESSION_COOKIE);
  if (value) await store.deleteSession(sha256(value));
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
}
