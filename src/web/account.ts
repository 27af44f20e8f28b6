import type { Context } from 'hono';
import { currentSession, currentUser } from '../auth/middleware.js';
import type { Account } from './layout.js';

/** The signed-in user of a web request as pages show them, or null (API tokens do not sign in the web UI). */
export function accountOf(c: Context): Account | null {
  const user = currentUser(c);
  const session = currentSession(c);
  return user && session ? { name: user.id, role: user.role, csrf: session.csrf } : null;
}
