import { bands, jaccard, NEAR_DUPLICATE_JACCARD } from '../dedupe/minhash.js';
import type { ArticleStore } from '../store/port.js';

/**
 * The near-duplicate cluster an article joins: the cluster of an exact copy, else of the most
 * similar article at or above NEAR_DUPLICATE_JACCARD, else a new cluster named after the
 * article. Clusters group copies for statistics; nothing is deleted.
 */
export async function assignCluster(
  store: ArticleStore,
  article: { id: string; content_hash: string; minhash: string },
): Promise<string> {
  const exact = await store.findByContentHash(article.content_hash);
  if (exact && exact.id !== article.id) return exact.cluster_id;
  let best: { cluster_id: string; similarity: number } | null = null;
  for (const candidate of await store.findBandCandidates(bands(article.minhash), 200)) {
    if (candidate.id === article.id) continue;
    const similarity = jaccard(candidate.minhash, article.minhash);
    if (similarity >= NEAR_DUPLICATE_JACCARD && (!best || similarity > best.similarity)) {
      best = { cluster_id: candidate.cluster_id, similarity };
    }
  }
  return best?.cluster_id ?? article.id;
}
