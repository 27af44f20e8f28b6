import { Hono } from 'hono';
import { loadRejected, sourceStatus } from '../../sources/index.js';
import type { RouteDeps } from '../deps.js';

/** GET /api/sources: every source with its crawl health and status, and the source files rejected at load. */
export function sourcesRoutes({ store }: RouteDeps): Hono {
  return new Hono().get('/sources', async (c) => {
    const [sources, rejected] = await Promise.all([store.listSources(), loadRejected(store)]);
    const now = Date.now();
    const items = sources.map((s) => ({ ...s, status: sourceStatus(s, now) }));
    return c.json({ total: sources.length, items, rejected });
  });
}
