/**
 * A search or timeseries request a store cannot answer because of its input (a cursor from another
 * query, a date that is not a date). The API answers 400 with the message; `param` names the field.
 *
 * @example
 * if (err instanceof StoreRequestError) throw new ApiError(400, err.message, err.param);
 */
export class StoreRequestError extends Error {
  constructor(
    message: string,
    readonly param: string,
  ) {
    super(message);
    this.name = 'StoreRequestError';
  }
}

/**
 * A write refused because a record with the same key exists (a user name taken). The API answers 409.
 *
 * @example
 * if (err instanceof StoreConflictError) console.error(`user ${name} exists`);
 */
export class StoreConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreConflictError';
  }
}

/**
 * A store that cannot answer now: overloaded (Elasticsearch's 429, a tripped circuit breaker) or
 * unreachable. The API answers 503 with `Retry-After`; workers retry the job with backoff.
 *
 * @example
 * if (err instanceof StoreUnavailableError) return c.json(body, 503, { 'retry-after': String(err.retryAfterSeconds) });
 */
export class StoreUnavailableError extends Error {
  constructor(
    message: string,
    readonly retryAfterSeconds = 5,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}
