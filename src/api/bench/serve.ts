/** The benchmark's server process: the API over an existing store, nothing else loaded. */
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import type { ArticleStore } from '../../store/port.js';
import { createApp } from '../app.js';

/**
 * Serves until SIGTERM and prints `PORT n` once listening.
 *
 * @example
 * await serveOnly(createSqliteStore({ dataDir: '/data/bench' })); // PORT 40123
 */
export async function serveOnly(store: ArticleStore): Promise<number> {
  await store.init();
  const server = serve({ fetch: createApp({ store }).fetch, hostname: '127.0.0.1', port: 0 }, (info) =>
    console.log(`PORT ${info.port}`),
  ) as Server;
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve) => process.once('SIGTERM', () => resolve()));
  await new Promise((resolve) => server.close(resolve));
  await store.close();
  return 0;
}
