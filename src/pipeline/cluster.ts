import { bands, jaccard, NEAR_DUPLICATE_JACCARD } from '../dedupe/minhash.js';
import type { ArticleStore, ClusterCandidate } from '../store/port.js';

type Keyed = { id: string; content_hash: string; minhash: string };
type Clustered = Keyed & { cluster_id: string };

/**
 * Articles of one batch not written yet, looked up as the store would look them up: by content hash and by
 * MinHash band.
 */
export class UnstoredArticles {
  private readonly byHash = new Map<string, Clustered>();
  private readonly byBand = new Map<string, Clustered[]>();

  add(article: Clustered): void {
    if (!this.byHash.has(article.content_hash)) this.byHash.set(article.content_hash, article);
    for (const band of bands(article.minhash)) {
      const list = this.byBand.get(band);
      if (list) list.push(article);
      else this.byBand.set(band, [article]);
    }
  }

  copyOf(hash: string): Clustered | undefined {
    return this.byHash.get(hash);
  }

  sharingBands(keys: string[]): Clustered[] {
    return [...new Set(keys.flatMap((band) => this.byBand.get(band) ?? []))];
  }
}

/**
 * The near-duplicate cluster an article joins: the cluster of an exact copy, else of the most
 * similar article at or above NEAR_DUPLICATE_JACCARD, else a new cluster named after the
 * article. Clusters group copies for statistics; nothing is deleted. `unstored` are the articles of the same
 * batch placed before this one and not written yet: they count as if they were stored.
 */
export async function assignCluster(
  store: ArticleStore,
  article: Keyed,
  unstored: UnstoredArticles = new UnstoredArticles(),
): Promise<string> {
  const exact = await store.findByContentHash(article.content_hash);
  if (exact && exact.id !== article.id) return exact.cluster_id;
  const batchCopy = unstored.copyOf(article.content_hash);
  if (batchCopy && batchCopy.id !== article.id) return batchCopy.cluster_id;
  const keys = bands(article.minhash);
  const candidates: ClusterCandidate[] = [
    ...(await store.findBandCandidates(keys, 200)),
    ...unstored.sharingBands(keys),
  ];
  let best: { cluster_id: string; similarity: number } | null = null;
  for (const candidate of candidates) {
    if (candidate.id === article.id) continue;
    const similarity = jaccard(candidate.minhash, article.minhash);
    if (similarity >= NEAR_DUPLICATE_JACCARD && (!best || similarity > best.similarity)) {
      best = { cluster_id: candidate.cluster_id, similarity };
    }
  }
  return best?.cluster_id ?? article.id;
}
