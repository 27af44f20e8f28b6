import { bands, hammingDistance } from '../dedupe/simhash.js';
import type { ArticleStore } from '../store/port.js';

/** SimHashes this close (of 64 bits) are the same story: a syndicated copy or a repost. */
export const NEAR_DUPLICATE_BITS = 3;

/**
 * The near-duplicate cluster an article joins: the cluster of an exact copy, else of the
 * closest SimHash within NEAR_DUPLICATE_BITS, else a new cluster named after the article.
 * Clusters group copies for statistics; nothing is deleted.
 */
export async function assignCluster(
  store: ArticleStore,
  article: { id: string; content_hash: string; simhash: string },
): Promise<string> {
  const exact = await store.findByContentHash(article.content_hash);
  if (exact && exact.id !== article.id) return exact.cluster_id;
  let best: { cluster_id: string; distance: number } | null = null;
  for (const candidate of await store.findBandCandidates(bands(article.simhash), 200)) {
    if (candidate.id === article.id) continue;
    const distance = hammingDistance(candidate.simhash, article.simhash);
    if (distance <= NEAR_DUPLICATE_BITS && (!best || distance < best.distance)) {
      best = { cluster_id: candidate.cluster_id, distance };
    }
  }
  return best?.cluster_id ?? article.id;
}
