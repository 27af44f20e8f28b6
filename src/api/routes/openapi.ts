import { Hono } from 'hono';
import type { RouteDeps } from '../deps.js';
import { openApiDocument } from '../openapi.js';

/** GET /api/openapi.json */
export function openApiRoutes({ version }: RouteDeps): Hono {
  const doc = openApiDocument(version);
  return new Hono().get('/openapi.json', (c) => c.json(doc));
}
