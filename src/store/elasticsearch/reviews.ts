/** Users, sessions, reviews and review assignments in their own Elasticsearch indices. */
import { type Client, errors, type estypes } from '@elastic/elasticsearch';
import type { Assignment, Review, Session, User } from '../../review/types.js';
import { StoreConflictError } from '../errors.js';
import type { ReviewStore, SessionStore, UserStore } from '../port.js';
import type { IndexNames } from './mappings.js';

const PAGE = 10_000;
const status = (err: unknown) => (err instanceof errors.ResponseError ? err.statusCode : undefined);
type Run = <T>(what: string, fn: () => Promise<T>) => Promise<T>;

/**
 * The review roles of the Elasticsearch store. Every write refreshes, so the next page load sees it;
 * these are human-paced writes.
 *
 * @example
 * const roles = elasticsearchReviewRoles(client, indexNames('kuzet'), run);
 */
export function elasticsearchReviewRoles(
  client: Client,
  idx: IndexNames,
  run: Run,
): UserStore & SessionStore & ReviewStore {
  async function getDoc<T>(index: string, id: string): Promise<T | null> {
    try {
      return (await client.get<{ doc: T }>({ index, id }))._source?.doc ?? null;
    } catch (err) {
      if (status(err) === 404) return null;
      throw err;
    }
  }
  async function all<T>(index: string, query: estypes.QueryDslQueryContainer, sort: estypes.Sort): Promise<T[]> {
    const out: T[] = [];
    let after: estypes.SortResults | undefined;
    for (;;) {
      const r = await client.search<{ doc: T }>({
        index,
        query,
        sort,
        size: PAGE,
        ...(after ? { search_after: after } : {}),
      });
      const hits = r.hits.hits;
      out.push(...hits.flatMap((h) => (h._source?.doc ? [h._source.doc] : [])));
      if (hits.length < PAGE) return out;
      after = hits[hits.length - 1].sort;
    }
  }
  const bySeq: estypes.Sort = [{ created_at: { order: 'asc' } }, { id: { order: 'asc' } }];

  return {
    addUser: (user: User) =>
      run(`adding user ${user.id}`, async () => {
        try {
          await client.create({ index: idx.users, id: user.id, document: { id: user.id, doc: user }, refresh: true });
        } catch (err) {
          if (status(err) === 409) throw new StoreConflictError(`elasticsearch store: user ${user.id} exists`);
          throw err;
        }
      }),
    updateUser: (user: User) =>
      run(`updating user ${user.id}`, async () => {
        if (!(await getDoc<User>(idx.users, user.id)))
          throw new Error(`elasticsearch store: no user ${user.id} to update`);
        await client.index({ index: idx.users, id: user.id, document: { id: user.id, doc: user }, refresh: true });
      }),
    getUser: (id: string) => run(`reading user ${id}`, () => getDoc<User>(idx.users, id)),
    listUsers: () => run('listing users', () => all<User>(idx.users, { match_all: {} }, [{ id: { order: 'asc' } }])),

    putSession: (session: Session) =>
      run('storing a session', async () => {
        await client.index({
          index: idx.sessions,
          id: session.id_hash,
          document: { user_id: session.user_id, doc: session },
          refresh: true,
        });
      }),
    getSession: (idHash: string) => run('reading a session', () => getDoc<Session>(idx.sessions, idHash)),
    deleteSession: (idHash: string) =>
      run('deleting a session', async () => {
        try {
          await client.delete({ index: idx.sessions, id: idHash, refresh: true });
        } catch (err) {
          if (status(err) !== 404) throw err;
        }
      }),
    deleteSessionsOf: (userId: string) =>
      run(`deleting the sessions of ${userId}`, async () => {
        // The integration-test distribution has no delete-by-query; a user has few sessions.
        const r = await client.search({
          index: idx.sessions,
          query: { term: { user_id: userId } },
          size: PAGE,
          _source: false,
        });
        const operations = r.hits.hits.map((h) => ({ delete: { _index: idx.sessions, _id: h._id as string } }));
        if (operations.length) await client.bulk({ operations, refresh: true });
      }),

    addReview: (review: Review) =>
      run(`storing review ${review.id}`, async () => {
        try {
          await client.create({
            index: idx.reviews,
            id: review.id,
            document: { id: review.id, article_id: review.article_id, created_at: review.created_at, doc: review },
            refresh: true,
          });
        } catch (err) {
          if (status(err) === 409) throw new StoreConflictError(`elasticsearch store: review ${review.id} exists`);
          throw err;
        }
      }),
    reviewsOf: (articleIds: string[]) =>
      run('reading reviews', async () => {
        const ids = [...new Set(articleIds)];
        const out: Review[] = [];
        for (let i = 0; i < ids.length; i += 1000) {
          out.push(...(await all<Review>(idx.reviews, { terms: { article_id: ids.slice(i, i + 1000) } }, bySeq)));
        }
        return out.sort((a, b) => a.created_at.localeCompare(b.created_at));
      }),
    async *scanReviews(batchSize: number) {
      const size = Math.max(1, Math.min(batchSize, PAGE));
      let after: estypes.SortResults | undefined;
      for (;;) {
        const r = await run('scanning reviews', () =>
          client.search<{ doc: Review }>({
            index: idx.reviews,
            sort: bySeq,
            size,
            ...(after ? { search_after: after } : {}),
          }),
        );
        const hits = r.hits.hits;
        if (!hits.length) return;
        yield hits.flatMap((h) => (h._source?.doc ? [h._source.doc] : []));
        after = hits[hits.length - 1].sort;
        if (hits.length < size) return;
      }
    },
    assign: (articleId: string, reviewerId: string, slots: number, at: string) =>
      run(`assigning ${articleId}`, async () => {
        const ids = Array.from({ length: slots }, (_, i) => `${articleId}#${i + 1}`);
        const held = await client.mget<Assignment>({ index: idx.assignments, ids });
        const free: number[] = [];
        for (const [i, d] of held.docs.entries()) {
          if ('found' in d && d.found) {
            if (d._source?.reviewer_id === reviewerId) return true;
          } else free.push(i + 1);
        }
        for (const slot of free) {
          const document: Assignment = { article_id: articleId, reviewer_id: reviewerId, slot, assigned_at: at };
          try {
            await client.create({ index: idx.assignments, id: `${articleId}#${slot}`, document, refresh: true });
            return true;
          } catch (err) {
            if (status(err) !== 409) throw err;
          }
        }
        return false;
      }),
    assignmentsOf: (articleIds: string[]) =>
      run('reading assignments', async () => {
        const ids = [...new Set(articleIds)];
        if (!ids.length) return [];
        const r = await client.search<Assignment>({
          index: idx.assignments,
          query: { terms: { article_id: ids } },
          sort: [{ article_id: { order: 'asc' } }, { slot: { order: 'asc' } }],
          size: PAGE,
        });
        return r.hits.hits.flatMap((h) => (h._source ? [h._source] : []));
      }),
  };
}
