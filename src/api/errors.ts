import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { type Logger, repeatLimited } from '../log.js';
import { StoreRequestError, StoreUnavailableError } from '../store/errors.js';

/** The one error body every endpoint answers with. */
export interface ErrorBody {
  error: { status: number; message: string; param?: string };
}

/**
 * An HTTP error carrying the offending parameter, rendered by `errorHandler` as `{ error: {…} }`.
 *
 * @example
 * throw new ApiError(400, 'size must be between 1 and 100', 'size');
 */
export class ApiError extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    message: string,
    readonly param?: string,
  ) {
    super(status, { message });
  }
}

/** Builds the JSON error body; a 5xx never leaks internals. */
export function errorBody(status: number, message: string, param?: string): ErrorBody {
  return { error: { status, message, ...(param ? { param } : {}) } };
}

/**
 * Hono `onError` handler: HTTPExceptions keep their status and message, a store's rejection of its
 * input is a 400, anything else is a logged 500.
 */
export function errorHandler(log: Logger) {
  return (err: Error, c: Context): Response => {
    if (err instanceof StoreRequestError) return c.json(errorBody(400, `${err.param}: ${err.message}`, err.param), 400);
    if (err instanceof HTTPException && !(err instanceof ApiError) && err.res) return err.getResponse();
    if (err instanceof StoreUnavailableError) {
      unavailableLog(log)('store unavailable; answered 503', { path: c.req.path, error: err.message }, err.message);
      c.header('retry-after', String(err.retryAfterSeconds));
      return c.json(errorBody(503, `The store is busy or unreachable; try again in ${err.retryAfterSeconds} s.`), 503);
    }
    if (err instanceof HTTPException) {
      const param = err instanceof ApiError ? err.param : undefined;
      const status = err.status;
      if (status >= 500) log.error('request failed', { path: c.req.path, status, error: err.message });
      return c.json(
        errorBody(status, status >= 500 ? 'Internal error; the request was not completed.' : err.message, param),
        status,
      );
    }
    log.error('request failed', { path: c.req.path, error: err.message });
    return c.json(
      errorBody(500, 'Internal error; the request was not completed. Try again; if it persists, check the server log.'),
      500,
    );
  };
}

const limiters = new WeakMap<Logger, ReturnType<typeof repeatLimited>>();
/** One warning per distinct outage message every 30 s, with the count of those held back. */
function unavailableLog(log: Logger) {
  let limited = limiters.get(log);
  if (!limited) {
    limited = repeatLimited(log, 'warn');
    limiters.set(log, limited);
  }
  return limited;
}

/** Hono `notFound` handler in the same error format. */
export function notFoundHandler(c: Context): Response {
  return c.json(errorBody(404, `No route for ${c.req.method} ${c.req.path}; see /api/openapi.json.`), 404);
}
