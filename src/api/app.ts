import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import { identify, requireLogin } from '../auth/middleware.js';
import { logger } from '../log.js';
import { modelThresholds } from '../review/thresholds.js';
import { webRoutes } from '../web/index.js';
import { reviewPageRoutes } from '../web/review-routes.js';
import { signinRoutes } from '../web/signin.js';
import { type AppDeps, DEFAULT_PUBLIC_URL, type RouteDeps } from './deps.js';
import { errorHandler, notFoundHandler } from './errors.js';
import { articleRoutes } from './routes/articles.js';
import { evidenceRoutes } from './routes/evidence.js';
import { exportRoutes } from './routes/export.js';
import { feedRoutes } from './routes/feed.js';
import { healthRoutes } from './routes/health.js';
import { openApiRoutes } from './routes/openapi.js';
import { reviewQueueRoutes } from './routes/review-queue.js';
import { reviewRoutes } from './routes/reviews.js';
import { searchRoutes } from './routes/search.js';
import { sourcesRoutes } from './routes/sources.js';
import { spikeRoutes } from './routes/spikes.js';
import { timeseriesRoutes } from './routes/timeseries.js';
import { securityHeaders } from './security.js';

function packageVersion(): string {
  try {
    return JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * The HTTP app: JSON API under /api, /health, and the server-rendered web UI, over one store.
 *
 * @example
 * const app = createApp({ store: createSqliteStore({ file: ':memory:' }) });
 * serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 8080 });
 */
export function createApp(deps: AppDeps): Hono {
  const d: RouteDeps = {
    store: deps.store,
    version: deps.version ?? packageVersion(),
    log: deps.log ?? logger('api'),
    publicUrl: deps.publicUrl ?? DEFAULT_PUBLIC_URL,
    requireLogin: deps.requireLogin ?? false,
    thresholds: deps.thresholds ? () => deps.thresholds ?? {} : modelThresholds,
    evidence: deps.evidence ?? null,
    dependencies: deps.dependencies ?? {},
  };
  const app = new Hono();
  app.use('*', securityHeaders());
  app.use('*', identify(d.store));
  app.use('*', requireLogin(d.requireLogin));
  app.route('/', healthRoutes(d));
  for (const routes of [
    searchRoutes,
    articleRoutes,
    reviewRoutes,
    evidenceRoutes,
    reviewQueueRoutes,
    timeseriesRoutes,
    exportRoutes,
    feedRoutes,
    spikeRoutes,
    sourcesRoutes,
    openApiRoutes,
  ]) {
    app.route('/api', routes(d));
  }
  app.route('/', signinRoutes(d));
  app.route('/', reviewPageRoutes(d));
  app.route('/', webRoutes(d));
  app.notFound(notFoundHandler);
  app.onError(errorHandler(d.log));
  return app;
}
