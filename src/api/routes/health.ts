import { Hono } from 'hono';
import type { RouteDeps } from '../deps.js';

/**
 * GET /health: liveness plus the store's name and article count.
 *
 * @example
 * await app.request('/health') // { status: 'ok', store: 'sqlite', articles: 1234, version: '0.1.0' }
 */
export function healthRoutes({ store, version }: RouteDeps): Hono {
  return new Hono().get('/health', async (c) => {
    const articles = await store.count();
    return c.json({ status: 'ok', store: store.name, articles, version });
  });
}
