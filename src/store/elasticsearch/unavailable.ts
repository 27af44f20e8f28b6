import { errors, type estypes } from '@elastic/elasticsearch';
import { StoreUnavailableError } from '../errors.js';

/**
 * Elasticsearch answers that mean "not now": overload, a tripped breaker, a node or cluster unavailable, and a
 * cluster health wait that timed out (408: the indices are not yet allocated).
 */
const UNAVAILABLE_STATUS = new Set([408, 429, 502, 503, 504]);
const OVERLOAD_TYPES = ['circuit_breaking_exception', 'es_rejected_execution_exception', 'too_many_requests'];

/**
 * Why Elasticsearch cannot answer now (unreachable, overloaded, cluster not ready), or null for an error that
 * trying again will not cure.
 *
 * @example
 * const down = unavailable(err); // 'Elasticsearch is overloaded or unavailable (503)'
 */
export function unavailable(err: unknown): string | null {
  if (
    err instanceof errors.ConnectionError ||
    err instanceof errors.TimeoutError ||
    err instanceof errors.NoLivingConnectionsError
  ) {
    return `Elasticsearch is unreachable (${err.message})`;
  }
  if (!(err instanceof errors.ResponseError)) return null;
  const body = JSON.stringify(err.body ?? '');
  if (UNAVAILABLE_STATUS.has(err.statusCode ?? 0) || OVERLOAD_TYPES.some((t) => body.includes(t))) {
    return `Elasticsearch is overloaded or unavailable (${err.statusCode})`;
  }
  return null;
}

/** Bulk item statuses that mean "not now" (a full write queue, a shard not yet available). */
const UNAVAILABLE_ITEM_STATUS = new Set([429, 503]);

/**
 * The first failed item of a bulk request: unavailable (worth retrying the whole batch, which is idempotent)
 * when Elasticsearch refused it for load, an error otherwise.
 *
 * @example
 * if (r.errors) throw bulkItemError(r.items.map((i) => i.index));
 */
export function bulkItemError(items: Array<estypes.BulkResponseItem | undefined>): Error {
  const failed = items.find((i) => i?.error);
  const reason = `${failed?.status} ${failed?.error?.type}: ${failed?.error?.reason ?? ''}`;
  if (UNAVAILABLE_ITEM_STATUS.has(failed?.status ?? 0)) {
    return new StoreUnavailableError(`Elasticsearch is overloaded or unavailable (${reason})`);
  }
  return new Error(reason);
}
