import { Hono } from 'hono';
import { withLimit } from '../../queue/lease.js';
import type { RouteDeps } from '../deps.js';

/** Longest /health waits for one dependency before reporting it down. */
export const HEALTH_CHECK_MS = 800;

interface DependencyReport {
  ok: boolean;
  ms: number;
  error?: string;
}

async function check(probe: () => Promise<unknown>): Promise<DependencyReport & { value?: unknown }> {
  const started = Date.now();
  try {
    const value = await withLimit(probe(), HEALTH_CHECK_MS);
    return { ok: true, ms: Date.now() - started, value };
  } catch (error) {
    return { ok: false, ms: Date.now() - started, error: (error as Error).message };
  }
}

/**
 * GET /health: the store's name and article count, and each dependency (the store, and the queue's Redis when
 * the process uses one) checked at once with a deadline under a second: 200 when all answer, else 503 naming
 * the one that did not.
 *
 * @example
 * await app.request('/health') // { status: 'ok', store: 'sqlite', articles: 1234, version: '0.1.0', dependencies: { store: { ok: true, ms: 1 } } }
 */
export function healthRoutes({ store, version, dependencies }: RouteDeps): Hono {
  return new Hono().get('/health', async (c) => {
    const names = ['store', ...Object.keys(dependencies)];
    const probes = [() => store.count(), ...Object.values(dependencies)];
    const reports = await Promise.all(probes.map((probe) => check(probe)));
    const ok = reports.every((r) => r.ok);
    const articles = reports[0].ok ? (reports[0].value as number) : null;
    const deps = Object.fromEntries(names.map((name, i) => [name, { ...reports[i], value: undefined }]));
    c.header('cache-control', 'no-store');
    return c.json(
      { status: ok ? 'ok' : 'unavailable', store: store.name, articles, version, dependencies: deps },
      ok ? 200 : 503,
    );
  });
}
