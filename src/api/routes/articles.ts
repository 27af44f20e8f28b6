import { Hono } from 'hono';
import type { Article, SourceWithHealth } from '../../domain.js';
import { labelsOf, whyFlagged } from '../../present/why.js';
import type { Review } from '../../review/types.js';
import { humanVerdict } from '../../review/verdict.js';
import type { ArticleStore } from '../../store/port.js';
import type { RouteDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { publicSource } from './sources.js';

const ID = /^[A-Za-z0-9_:.-]{1,128}$/;

export interface ArticleView {
  article: Article;
  siblings: Article[];
  source: SourceWithHealth | null;
  /** Every review of the article, oldest first. */
  reviews: Review[];
}

/**
 * Loads an article with its near-duplicate siblings and source; 404 ApiError when absent.
 *
 * @example
 * const { article, siblings, source } = await loadArticle(store, id);
 */
export async function loadArticle(store: ArticleStore, id: string): Promise<ArticleView> {
  if (!ID.test(id)) throw new ApiError(400, 'id: is not an article id', 'id');
  const article = await store.getArticle(id);
  if (!article) throw new ApiError(404, `No article with id ${id}; it may have been removed.`, 'id');
  const [members, sources, reviews] = await Promise.all([
    store.clusterMembers(article.cluster_id, 50),
    store.listSources(),
    store.reviewsOf([article.id]),
  ]);
  return {
    article,
    reviews,
    siblings: members.filter((m) => m.id !== article.id),
    source: sources.find((s) => s.id === article.source_id) ?? null,
  };
}

const brief = (a: Article) => ({
  id: a.id,
  url: a.url,
  source_id: a.source_id,
  title: a.title,
  published_at: a.published_at,
  lang: a.lang,
});

/** GET /api/articles/:id: the full article, classification with evidence, the human verdict and every review, cluster
 * siblings and source health. */
export function articleRoutes({ store }: RouteDeps): Hono {
  return new Hono().get('/articles/:id', async (c) => {
    const { article, siblings, source, reviews } = await loadArticle(store, c.req.param('id'));
    return c.json({
      ...article,
      labels: labelsOf(article.classification),
      why: whyFlagged(article.classification),
      human: humanVerdict(reviews),
      reviews,
      siblings: siblings.map(brief),
      source: source && publicSource(source),
    });
  });
}
