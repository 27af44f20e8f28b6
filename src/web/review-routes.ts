/** The reviewer's pages: saving a review from the article page, the review queue, and agreement statistics. */
import { Hono } from 'hono';
import type { RouteDeps } from '../api/deps.js';
import { ApiError } from '../api/errors.js';
import { loadArticle } from '../api/routes/articles.js';
import { assignTo, queueFor } from '../api/routes/review-queue.js';
import { limitBody, MAX_REVIEW_BYTES, saveReview } from '../api/routes/reviews.js';
import { csrfToken, currentUser, requireRole } from '../auth/middleware.js';
import { formToReview } from '../review/input.js';
import { loadStats } from '../review/load.js';
import type { User } from '../review/types.js';
import { articlePage } from './article-page.js';
import { strings } from './i18n.js';
import { type Account, page } from './layout.js';
import { link } from './links.js';
import { context, send } from './respond.js';
import { queuePage, statsPage } from './review-pages.js';

/**
 * POST /articles/:id/review (the form on the article page; redirects back with `saved=1`, or shows the form again with
 * the problem and status 400); GET /review (the queue), POST /review/next (takes the first item and opens it),
 * GET /review/stats.
 */
export function reviewPageRoutes({ store, thresholds }: RouteDeps): Hono {
  const app = new Hono();
  const QUEUE_ONLY = ['ui'];

  app.get('/review', requireRole('reviewer'), async (c) => {
    const { url, ui, account } = context(c);
    const items = await queueFor(store, currentUser(c) as User, url, thresholds, QUEUE_ONLY);
    const body = queuePage(url, ui, account as Account, items);
    return send(c, page({ ui, url, account, title: strings(ui).reviewQueue, active: 'review', body }));
  });

  app.post('/review/next', requireRole('reviewer'), csrfToken(), async (c) => {
    const { url, ui } = context(c);
    const user = currentUser(c) as User;
    for (const item of await queueFor(store, user, url, thresholds, QUEUE_ONLY)) {
      try {
        await assignTo(store, user, item.article.id);
      } catch (error) {
        if (error instanceof ApiError && error.status === 409) continue;
        throw error;
      }
      return c.redirect(`/articles/${encodeURIComponent(item.article.id)}?ui=${ui}#review`, 303);
    }
    return c.redirect(link(url, '/review', {}, ['ui', 'label', 'source', 'lang']), 303);
  });

  app.get('/review/stats', async (c) => {
    const { url, ui, account } = context(c);
    const body = statsPage(ui, await loadStats(store));
    return send(c, page({ ui, url, account, title: strings(ui).statsTitle, active: 'review', body }));
  });

  app.post('/articles/:id/review', requireRole('reviewer'), limitBody(MAX_REVIEW_BYTES), csrfToken(), async (c) => {
    const { url, ui, account } = context(c);
    const view = await loadArticle(store, c.req.param('id'));
    try {
      await saveReview(store, view.article, currentUser(c) as User, formToReview(await c.req.parseBody()));
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 400) throw error;
      const body = articlePage(view, ui, url, account, error.message);
      return send(c, page({ ui, url, account, title: view.article.title || view.article.url, body }), 400);
    }
    const back = `/articles/${encodeURIComponent(view.article.id)}?ui=${ui}&saved=1#review`;
    return c.redirect(back, 303);
  });
  return app;
}
