/** The reviewer's pages: saving a review from the article page, the review queue, and agreement statistics. */
import { Hono } from 'hono';
import type { RouteDeps } from '../api/deps.js';
import { ApiError } from '../api/errors.js';
import { loadArticle } from '../api/routes/articles.js';
import { limitBody, MAX_REVIEW_BYTES, saveReview } from '../api/routes/reviews.js';
import { csrfToken, currentUser, requireRole } from '../auth/middleware.js';
import { formToReview } from '../review/input.js';
import type { User } from '../review/types.js';
import { articlePage } from './article-page.js';
import { page } from './layout.js';
import { context, send } from './respond.js';

/**
 * POST /articles/:id/review (the form on the article page; redirects back with `saved=1`, or shows the form again with
 * the problem and status 400).
 */
export function reviewPageRoutes({ store }: RouteDeps): Hono {
  const app = new Hono();
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
