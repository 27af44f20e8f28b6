/** Users, sessions, reviews and review assignments in the SQLite file: one JSON document per row. */
import type { Assignment, Review, Session, User } from '../../review/types.js';
import { StoreConflictError } from '../errors.js';
import type { ReviewStore, SessionStore, UserStore } from '../port.js';
import type { Statements } from './statements.js';

const CHUNK = 500;
const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

function inChunks<T>(ids: string[], read: (part: string[]) => T[]): T[] {
  const unique = [...new Set(ids)];
  const out: T[] = [];
  for (let i = 0; i < unique.length; i += CHUNK) out.push(...read(unique.slice(i, i + CHUNK)));
  return out;
}

/**
 * The review roles of the SQLite store over an open connection.
 *
 * @example
 * const roles = sqliteReviewRoles(() => statements); await roles.addReview(review);
 */
export function sqliteReviewRoles(st: () => Statements): UserStore & SessionStore & ReviewStore {
  const docs = <T>(sql: string, ...params: unknown[]) =>
    (
      st()
        .get(sql)
        .pluck()
        .all(...params) as string[]
    ).map((d) => JSON.parse(d) as T);
  return {
    async addUser(user: User) {
      const r = st().get('INSERT OR IGNORE INTO users (id, doc) VALUES (?, ?)').run(user.id, JSON.stringify(user));
      if (r.changes === 0) throw new StoreConflictError(`sqlite store: user ${user.id} exists`);
    },
    async updateUser(user: User) {
      const r = st().get('UPDATE users SET doc = ? WHERE id = ?').run(JSON.stringify(user), user.id);
      if (r.changes === 0) throw new Error(`sqlite store: no user ${user.id} to update`);
    },
    async getUser(id: string) {
      return docs<User>('SELECT doc FROM users WHERE id = ?', id)[0] ?? null;
    },
    async listUsers() {
      return docs<User>('SELECT doc FROM users ORDER BY id');
    },

    async putSession(session: Session) {
      st()
        .get('INSERT OR REPLACE INTO sessions (id_hash, user_id, doc) VALUES (?, ?, ?)')
        .run(session.id_hash, session.user_id, JSON.stringify(session));
    },
    async getSession(idHash: string) {
      return docs<Session>('SELECT doc FROM sessions WHERE id_hash = ?', idHash)[0] ?? null;
    },
    async deleteSession(idHash: string) {
      st().get('DELETE FROM sessions WHERE id_hash = ?').run(idHash);
    },
    async deleteSessionsOf(userId: string) {
      st().get('DELETE FROM sessions WHERE user_id = ?').run(userId);
    },

    async addReview(review: Review) {
      const r = st()
        .get('INSERT OR IGNORE INTO reviews (id, article_id, doc) VALUES (?, ?, ?)')
        .run(review.id, review.article_id, JSON.stringify(review));
      if (r.changes === 0) throw new StoreConflictError(`sqlite store: review ${review.id} exists`);
    },
    async reviewsOf(articleIds: string[]) {
      return inChunks(articleIds, (part) =>
        docs<Review>(
          `SELECT doc FROM reviews WHERE article_id IN (${placeholders(part.length)}) ORDER BY seq`,
          ...part,
        ),
      ).sort((a, b) => a.created_at.localeCompare(b.created_at));
    },
    async *scanReviews(batchSize: number) {
      let after = 0;
      const size = Math.max(1, batchSize);
      for (;;) {
        const rows = st()
          .get('SELECT seq, doc FROM reviews WHERE seq > ? ORDER BY seq LIMIT ?')
          .all(after, size) as Array<{
          seq: number;
          doc: string;
        }>;
        if (!rows.length) return;
        yield rows.map((r) => JSON.parse(r.doc) as Review);
        after = rows[rows.length - 1].seq;
        if (rows.length < size) return;
      }
    },
    async assign(articleId: string, reviewerId: string, slots: number, at: string) {
      const db = st().db;
      return db
        .transaction(() => {
          const held = st()
            .get('SELECT slot, reviewer_id FROM review_assignments WHERE article_id = ?')
            .all(articleId) as Array<{ slot: number; reviewer_id: string }>;
          if (held.some((h) => h.reviewer_id === reviewerId)) return true;
          const taken = new Set(held.map((h) => h.slot));
          for (let slot = 1; slot <= slots; slot++) {
            if (taken.has(slot)) continue;
            st()
              .get('INSERT INTO review_assignments (article_id, slot, reviewer_id, assigned_at) VALUES (?, ?, ?, ?)')
              .run(articleId, slot, reviewerId, at);
            return true;
          }
          return false;
        })
        .immediate();
    },
    async assignmentsOf(articleIds: string[]) {
      return inChunks(
        articleIds,
        (part) =>
          st()
            .get(
              `SELECT article_id, reviewer_id, slot, assigned_at FROM review_assignments WHERE article_id IN (${placeholders(part.length)}) ORDER BY article_id, slot`,
            )
            .all(...part) as Assignment[],
      );
    },
  };
}
