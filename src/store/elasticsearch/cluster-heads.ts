/** Backfill of `cluster_head` on article documents indexed before the field existed. */
import type { Client, estypes } from '@elastic/elasticsearch';
import { isClusterHead } from '../derived.js';

const MISSING: estypes.QueryDslQueryContainer = { bool: { must_not: [{ exists: { field: 'cluster_head' } }] } };
const BATCH = 1000;

/**
 * Marks each article document without `cluster_head` (stored by an earlier version) with it: the documents are
 * read in id order and updated in bulk (partial updates, so no script module is needed). Idempotent: documents
 * written meanwhile already carry the field, and processes opening the store at once only repeat work. Returns
 * how many documents it marked.
 *
 * @example
 * await backfillClusterHeads(client, 'kuzet-articles'); // 0 on an index written by this version
 */
export async function backfillClusterHeads(client: Client, index: string): Promise<number> {
  let marked = 0;
  let after: estypes.SortResults | undefined;
  for (;;) {
    const r = await client.search<{ id?: string; cluster_id?: string }>({
      index,
      query: MISSING,
      sort: [{ id: { order: 'asc' } }],
      size: BATCH,
      _source: ['id', 'cluster_id'],
      ...(after ? { search_after: after } : {}),
    });
    const hits = r.hits.hits;
    if (!hits.length) break;
    const operations = hits.flatMap((h) => [
      { update: { _index: index, _id: h._id, retry_on_conflict: 3 } },
      {
        doc: { cluster_head: isClusterHead({ id: String(h._source?.id), cluster_id: String(h._source?.cluster_id) }) },
      },
    ]);
    const b = await client.bulk({ operations });
    const failed = b.items.find((i) => i.update?.error && i.update.status !== 404);
    if (failed) throw new Error(`marking cluster heads in ${index} failed: ${JSON.stringify(failed.update?.error)}`);
    marked += hits.length;
    after = hits[hits.length - 1].sort;
    if (hits.length < BATCH) break;
  }
  if (marked) await client.indices.refresh({ index });
  return marked;
}
