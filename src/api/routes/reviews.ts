import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { csrfToken, currentUser, requireRole } from '../../auth/middleware.js';
import type { Article } from '../../domain.js';
import { newReview, parseReview, ReviewInputError } from '../../review/input.js';
import type { User } from '../../review/types.js';
import { humanVerdict } from '../../review/verdict.js';
import type { ArticleStore } from '../../store/port.js';
import type { RouteDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { loadArticle } from './articles.js';

/** Largest review body accepted (a note is at most 2,000 characters). */
export const MAX_REVIEW_BYTES = 16 * 1024;

/** Refuses bodies over `max` bytes with 413 before they are read. */
export const limitBody = (max: number) =>
  bodyLimit({
    maxSize: max,
    onError: () => {
      throw new ApiError(413, `The request body is over ${max} bytes; a note holds at most 2,000 characters.`, 'body');
    },
  });

/**
 * Validates and stores one review of an article; returns the review and the article's human verdict after it.
 *
 * @example
 * const { review, human } = await saveReview(store, article, user, await c.req.json());
 */
export async function saveReview(store: ArticleStore, article: Article, user: User, body: unknown) {
  let input: ReturnType<typeof parseReview>;
  try {
    input = parseReview(body);
  } catch (error) {
    if (error instanceof ReviewInputError) throw new ApiError(400, error.message, error.param);
    throw error;
  }
  const review = newReview(article, user, input);
  await store.addReview(review);
  return { review, human: humanVerdict(await store.reviewsOf([article.id])) };
}

/** POST /api/articles/:id/reviews: a reviewer's verdict (JSON), stored beside the classifier's. */
export function reviewRoutes({ store }: RouteDeps): Hono {
  return new Hono().post(
    '/articles/:id/reviews',
    requireRole('reviewer'),
    csrfToken(),
    limitBody(MAX_REVIEW_BYTES),
    async (c) => {
      const { article } = await loadArticle(store, c.req.param('id'));
      let body: unknown;
      try {
        body = await c.req.json();
      } catch {
        throw new ApiError(400, 'body: must be a JSON object', 'body');
      }
      const saved = await saveReview(store, article, currentUser(c) as User, body);
      return c.json(saved, 201);
    },
  );
}
