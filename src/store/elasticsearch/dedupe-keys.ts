import type { Client, estypes } from '@elastic/elasticsearch';
import { bands } from '../../dedupe/minhash.js';
import type { Article } from '../../domain.js';
import type { ClusterCandidate } from '../port.js';
import type { IndexNames } from './mappings.js';
import { bulkItemError } from './unavailable.js';

const byDate: estypes.SortCombinations[] = [{ date: { order: 'asc' } }, { id: { order: 'asc' } }];

/**
 * Near-duplicate lookups for the Elasticsearch adapter. Searches see writes only after a refresh,
 * so each article also claims its dedupe keys (`hash:<content hash>`, `band:<MinHash band>`) as
 * documents in the keys index, which realtime mget reads at once: two copies of a story crawled a
 * moment apart still join one cluster.
 *
 * @example
 * const keys = dedupeKeys(client, indexNames('kuzet'));
 * await keys.claimAll([article]);
 * await keys.candidates([`hash:${article.content_hash}`], { term: { content_hash: article.content_hash } }, 1);
 */
export function dedupeKeys(client: Client, idx: IndexNames) {
  /**
   * Records each article as the holder of its dedupe keys where no earlier article holds them (in one bulk
   * request; within a batch the first article listed wins a key).
   */
  async function claimKeys(articles: Article[]): Promise<void> {
    const operations = articles.flatMap((article) => {
      const holder = { id: article.id, minhash: article.minhash, cluster_id: article.cluster_id };
      const ids = [`hash:${article.content_hash}`, ...bands(article.minhash).map((b) => `band:${b}`)];
      return ids.flatMap((_id) => [{ create: { _index: idx.keys, _id } }, holder]);
    });
    if (!operations.length) return;
    const r = await client.bulk({ operations });
    // 409: an earlier article holds the key, as it should.
    const failed = r.items.map((i) => i.create).filter((c) => c?.error && c.status !== 409);
    if (failed.length) throw bulkItemError(failed);
  }

  async function searchCandidates(query: estypes.QueryDslQueryContainer, size: number): Promise<ClusterCandidate[]> {
    const r = await client.search<ClusterCandidate>({
      index: idx.articles,
      query,
      sort: byDate,
      size,
      _source: ['id', 'minhash', 'cluster_id'],
    });
    return r.hits.hits.flatMap((h) => (h._source ? [h._source] : []));
  }

  /** Realtime holders of the keys first, then any other article a search sees (refreshed writes). */
  async function candidates(keys: string[], query: estypes.QueryDslQueryContainer, size: number) {
    const found = new Map<string, ClusterCandidate>();
    for (const c of [...(await keyHolders(keys)), ...(await searchCandidates(query, size))]) found.set(c.id, c);
    return [...found.values()].slice(0, size);
  }

  async function keyHolders(ids: string[]): Promise<ClusterCandidate[]> {
    if (!ids.length) return [];
    const r = await client.mget<ClusterCandidate>({ index: idx.keys, ids });
    const seen = new Map<string, ClusterCandidate>();
    for (const doc of r.docs) {
      if ('found' in doc && doc.found && doc._source) seen.set(doc._source.id, doc._source);
    }
    return [...seen.values()];
  }

  return {
    claimAll: claimKeys,
    candidates,
  };
}
