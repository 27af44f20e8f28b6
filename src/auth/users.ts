/** Creating, resetting and checking users: what `kuzet users` and sign-in do with the store. */
import type { Role, User } from '../review/types.js';
import type { SessionStore, UserStore } from '../store/port.js';
import { hashPassword, NO_PASSWORD, randomSecret, sameSecret, sha256, verifyPassword } from './secrets.js';

/** User names: lower-case letters, digits, `_` and `-`, 2–32 characters, starting with a letter or digit. */
export const USER_NAME = /^[a-z0-9][a-z0-9_-]{1,31}$/;

/** Who may do what: reading needs viewer, reviewing needs reviewer, admin can do both. */
export const ROLE_RANK: Record<Role, number> = { viewer: 0, reviewer: 1, admin: 2 };

export function hasRole(user: User | null, role: Role): boolean {
  return user !== null && !user.disabled && ROLE_RANK[user.role] >= ROLE_RANK[role];
}

/** The secrets a user gets once: a password for the web sign-in and a bearer token for the API. */
export interface Credentials {
  password: string;
  token: string;
}

async function fresh(id: string): Promise<Credentials & Pick<User, 'password_hash' | 'token_hash'>> {
  const password = randomSecret(12);
  const secret = randomSecret();
  return {
    password,
    token: `${id}.${secret}`,
    password_hash: await hashPassword(password),
    token_hash: sha256(secret),
  };
}

/**
 * Adds a user with a fresh password and token, shown only now.
 *
 * @example
 * const { password, token } = await addUser(store, 'dana', 'reviewer');
 */
export async function addUser(
  store: UserStore,
  name: string,
  role: Role,
  now = new Date(),
): Promise<User & Credentials> {
  if (!USER_NAME.test(name))
    throw new Error(`user name ${JSON.stringify(name)}: use 2–32 lower-case letters, digits, _ or -`);
  const { password, token, ...hashes } = await fresh(name);
  const user: User = { id: name, role, ...hashes, disabled: false, created_at: now.toISOString() };
  await store.addUser(user);
  return { ...user, password, token };
}

async function existing(store: UserStore, name: string): Promise<User> {
  const user = await store.getUser(name);
  if (!user) throw new Error(`no user ${JSON.stringify(name)}; 'kuzet users list' shows them`);
  return user;
}

/** New password and token (the old ones stop working), signed out everywhere, enabled again. */
export async function resetUser(store: UserStore & SessionStore, name: string): Promise<User & Credentials> {
  const user = await existing(store, name);
  const { password, token, ...hashes } = await fresh(user.id);
  const next = { ...user, ...hashes, disabled: false };
  await store.updateUser(next);
  await store.deleteSessionsOf(user.id);
  return { ...next, password, token };
}

/** Disabled users cannot sign in or use their token; their sessions end now. */
export async function disableUser(store: UserStore & SessionStore, name: string): Promise<User> {
  const user = { ...(await existing(store, name)), disabled: true };
  await store.updateUser(user);
  await store.deleteSessionsOf(user.id);
  return user;
}

/** The user a name and password belong to, or null; unknown names cost the same time as wrong passwords. */
export async function checkPassword(store: UserStore, name: string, password: string): Promise<User | null> {
  const user = USER_NAME.test(name) ? await store.getUser(name) : null;
  const ok = await verifyPassword(password, user?.password_hash ?? NO_PASSWORD);
  return ok && user && !user.disabled ? user : null;
}

/** The user an API token (`<name>.<secret>`) belongs to, or null. */
export async function checkToken(store: UserStore, token: string): Promise<User | null> {
  const dot = token.indexOf('.');
  if (dot < 1) return null;
  const name = token.slice(0, dot);
  const user = USER_NAME.test(name) ? await store.getUser(name) : null;
  if (!user || user.disabled) return null;
  return sameSecret(sha256(token.slice(dot + 1)), user.token_hash) ? user : null;
}
