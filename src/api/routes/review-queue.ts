import { Hono } from 'hono';
import { currentUser, requireRole } from '../../auth/middleware.js';
import { labelsOf } from '../../present/why.js';
import { loadStats } from '../../review/load.js';
import { type QueueItem, REVIEW_SLOTS, reviewQueue } from '../../review/queue.js';
import type { User } from '../../review/types.js';
import type { ArticleStore } from '../../store/port.js';
import type { RouteDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { queueParams, readParams, toFilters } from '../params.js';
import { loadArticle } from './articles.js';

/**
 * The queue of the signed-in reviewer for a URL's `label`, `source`, `lang` and `size`.
 *
 * @example
 * const items = await queueFor(store, user, new URL(c.req.url), thresholds());
 */
export async function queueFor(
  store: ArticleStore,
  user: User,
  url: URL,
  thresholds: RouteDeps['thresholds'],
  ignore: string[] = [],
): Promise<QueueItem[]> {
  const p = readParams(url, queueParams, ignore);
  const { filters } = toFilters(p);
  return reviewQueue(store, user.id, filters, thresholds(), p.size);
}

/**
 * Claims one of an article's review slots for the user; 409 when other reviewers hold them all.
 *
 * @example
 * await assignTo(store, user, id);
 */
export async function assignTo(store: ArticleStore, user: User, id: string): Promise<void> {
  const { article } = await loadArticle(store, id);
  if (!(await store.assign(article.id, user.id, REVIEW_SLOTS, new Date().toISOString())))
    throw new ApiError(409, `${REVIEW_SLOTS} reviewers already hold article ${article.id}; take the next one.`, 'id');
}

/**
 * GET /api/review/queue (reviewers), POST /api/review/assign/:id (reviewers), GET /api/review/stats (readers).
 */
export function reviewQueueRoutes({ store, thresholds }: RouteDeps): Hono {
  const app = new Hono();
  app.get('/review/queue', requireRole('reviewer'), async (c) => {
    const items = await queueFor(store, currentUser(c) as User, new URL(c.req.url), thresholds);
    return c.json({
      items: items.map(({ article: a, reason }) => ({
        id: a.id,
        url: a.url,
        title: a.title,
        source_id: a.source_id,
        lang: a.lang,
        published_at: a.published_at,
        labels: labelsOf(a.classification),
        xenophobia_score: a.classification?.xenophobia_score ?? null,
        migration_policy_score: a.classification?.migration_policy_score ?? null,
        classifier_version: a.classification?.classifier_version ?? null,
        reason,
      })),
    });
  });
  app.post('/review/assign/:id', requireRole('reviewer'), async (c) => {
    await assignTo(store, currentUser(c) as User, c.req.param('id'));
    return c.json({ assigned: true });
  });
  app.get('/review/stats', async (c) => c.json(await loadStats(store)));
  return app;
}
