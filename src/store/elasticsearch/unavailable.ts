import { errors } from '@elastic/elasticsearch';

/** Elasticsearch answers that mean "not now": overload, a tripped breaker, a node or cluster unavailable. */
const UNAVAILABLE_STATUS = new Set([429, 502, 503, 504]);
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
