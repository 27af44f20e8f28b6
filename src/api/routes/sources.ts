import { Hono } from 'hono';
import type { RouteDeps } from '../deps.js';

/** GET /api/sources: every source with its crawl health. */
export function sourcesRoutes({ store }: RouteDeps): Hono {
  return new Hono().get('/sources', async (c) => {
    const sources = await store.listSources();
    return c.json({ total: sources.length, items: sources });
  });
}
