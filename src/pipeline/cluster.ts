import { bands, jaccard, NEAR_DUPLICATE_JACCARD } from '../dedupe/minhash.js';
import type { ArticleStore, ClusterCandidate } from '../store/port.js';

type Keyed = { id: string; content_hash: string; minhash: string };

/**
 * The near-duplicate cluster an article joins: the cluster of an exact copy, else of the most
 * similar article at or above NEAR_DUPLICATE_JACCARD, else a new cluster named after the
 * article. Clusters group copies for statistics; nothing is deleted. `unstored` are articles of the same
 * batch placed before this one and not written yet: they count as if they were stored.
 */
export async function assignCluster(
  store: ArticleStore,
  article: Keyed,
  unstored: Array<Keyed & { cluster_id: string }> = [],
): Promise<string> {
  const exact = await store.findByContentHash(article.content_hash);
  if (exact && exact.id !== article.id) return exact.cluster_id;
  const batchCopy = unstored.find((a) => a.content_hash === article.content_hash && a.id !== article.id);
  if (batchCopy) return batchCopy.cluster_id;
  const keys = bands(article.minhash);
  const stored = await store.findBandCandidates(keys, 200);
  const local: ClusterCandidate[] = unstored.filter((a) => bands(a.minhash).some((b) => keys.includes(b)));
  let best: { cluster_id: string; similarity: number } | null = null;
  for (const candidate of [...stored, ...local]) {
    if (candidate.id === article.id) continue;
    const similarity = jaccard(candidate.minhash, article.minhash);
    if (similarity >= NEAR_DUPLICATE_JACCARD && (!best || similarity > best.similarity)) {
      best = { cluster_id: candidate.cluster_id, similarity };
    }
  }
  return best?.cluster_id ?? article.id;
}
