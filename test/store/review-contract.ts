import { describe, expect, it } from 'vitest';
import type { Review, Session, User } from '../../src/review/types.js';
import { StoreConflictError } from '../../src/store/errors.js';
import type { ArticleStore } from '../../src/store/port.js';
import type { MakeStore } from './contract.js';

type UseStore = (make: MakeStore) => { store: ArticleStore };

const user = (id: string, over: Partial<User> = {}): User => ({
  id,
  role: 'reviewer',
  password_hash: `scrypt$hash-of-${id}`,
  token_hash: `token-of-${id}`,
  disabled: false,
  created_at: '2025-03-01T10:00:00.000Z',
  ...over,
});

const review = (id: string, article_id: string, reviewer_id: string, created_at: string): Review => ({
  id,
  article_id,
  reviewer_id,
  created_at,
  classifier_version: 'lexicon-1+model-abc',
  machine: { xenophobic: true, migration_policy: false, counter_speech: false, severity: 2, targets: ['tajik'] },
  verdict: { xenophobic: false, migration_policy: true, counter_speech: false, severity: 0, targets: [] },
  note: 'quoted in a court report',
  lang: 'ru',
  stream_sample: false,
});

/** The review roles of the port (users, sessions, reviews, assignments), run inside every store's contract. */
export function runReviewContract(makeStore: MakeStore, useStore: UseStore): void {
  describe('users, sessions and reviews', () => {
    const ctx = useStore(makeStore);

    it('adds users once, reads, lists and updates them', async () => {
      await ctx.store.addUser(user('dana'));
      await ctx.store.addUser(user('aibek', { role: 'admin' }));
      await expect(ctx.store.addUser(user('dana', { role: 'admin' }))).rejects.toBeInstanceOf(StoreConflictError);
      expect(await ctx.store.getUser('dana')).toEqual(user('dana'));
      expect(await ctx.store.getUser('nobody')).toBeNull();
      await ctx.store.updateUser(user('dana', { disabled: true }));
      expect((await ctx.store.getUser('dana'))?.disabled).toBe(true);
      expect((await ctx.store.listUsers()).map((u) => u.id)).toEqual(['aibek', 'dana']);
      await expect(ctx.store.updateUser(user('nobody'))).rejects.toThrow(/no user nobody/);
    });

    it('keeps sessions by hash and deletes one or all of a user', async () => {
      const session = (id_hash: string, user_id: string): Session => ({
        id_hash,
        user_id,
        csrf: `csrf-${id_hash}`,
        created_at: '2025-03-01T10:00:00.000Z',
        expires_at: '2025-03-01T22:00:00.000Z',
      });
      for (const s of [session('s1', 'dana'), session('s2', 'dana'), session('s3', 'aibek')])
        await ctx.store.putSession(s);
      expect(await ctx.store.getSession('s1')).toEqual(session('s1', 'dana'));
      await ctx.store.deleteSession('s1');
      await ctx.store.deleteSession('s1');
      expect(await ctx.store.getSession('s1')).toBeNull();
      await ctx.store.deleteSessionsOf('dana');
      expect(await ctx.store.getSession('s2')).toBeNull();
      expect(await ctx.store.getSession('s3')).not.toBeNull();
    });

    it('keeps every review, even two saved at the same moment, and reads them by article and in order', async () => {
      const at = '2025-03-02T09:00:00.000Z';
      await Promise.all(
        [review('r1', 'a1', 'dana', at), review('r2', 'a1', 'aibek', at)].map((r) => ctx.store.addReview(r)),
      );
      await ctx.store.addReview(review('r3', 'a2', 'dana', '2025-03-02T10:00:00.000Z'));
      await expect(ctx.store.addReview(review('r3', 'a2', 'dana', at))).rejects.toBeInstanceOf(StoreConflictError);
      const ofA1 = await ctx.store.reviewsOf(['a1']);
      expect(ofA1.map((r) => r.id).sort()).toEqual(['r1', 'r2']);
      expect(ofA1[0]).toEqual(review(ofA1[0].id, 'a1', ofA1[0].reviewer_id, at));
      expect((await ctx.store.reviewsOf(['a2', 'a1', 'a9'])).map((r) => r.id).sort()).toEqual(['r1', 'r2', 'r3']);
      expect(await ctx.store.reviewsOf([])).toEqual([]);
      const scanned: string[][] = [];
      for await (const batch of ctx.store.scanReviews(2)) scanned.push(batch.map((r) => r.id));
      expect(scanned.flat().slice(-1)).toEqual(['r3']);
      expect(scanned.flat().sort()).toEqual(['r1', 'r2', 'r3']);
      expect(scanned[0]).toHaveLength(2);
    });

    it('assigns each article to at most the given number of reviewers, never the same slot twice', async () => {
      const at = '2025-03-02T09:00:00.000Z';
      const results = await Promise.all(['u1', 'u2', 'u3', 'u4'].map((u) => ctx.store.assign('a5', u, 2, at)));
      expect(results.filter(Boolean)).toHaveLength(2);
      const held = await ctx.store.assignmentsOf(['a5']);
      expect(held.map((h) => h.slot)).toEqual([1, 2]);
      const holder = held[0].reviewer_id;
      expect(await ctx.store.assign('a5', holder, 2, at)).toBe(true);
      expect(await ctx.store.assignmentsOf(['a5'])).toHaveLength(2);
      expect(await ctx.store.assign('a6', 'u1', 2, at)).toBe(true);
      expect((await ctx.store.assignmentsOf(['a5', 'a6'])).map((a) => `${a.article_id}:${a.reviewer_id}`)).toContain(
        'a6:u1',
      );
      expect(await ctx.store.assignmentsOf([])).toEqual([]);
    });
  });
}
