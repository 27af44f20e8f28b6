import path from 'node:path';
import { Hono } from 'hono';
import type { SourceWithHealth } from '../../domain.js';
import { loadRejected, sourceStatus } from '../../sources/index.js';
import type { RejectedSourceFile } from '../../sources/rejected.js';
import type { RouteDeps } from '../deps.js';

/**
 * A source as responses show it: without the server path of the file it was loaded from.
 *
 * @example
 * publicSource(source).file // undefined
 */
export function publicSource({ file: _file, ...source }: SourceWithHealth): Omit<SourceWithHealth, 'file'> {
  return source;
}

/** A rejected source file named by its file name only, in its own field and in its message. */
function publicRejected(r: RejectedSourceFile): RejectedSourceFile {
  const name = path.basename(r.file);
  return { ...r, file: name, message: r.message.split(r.file).join(name) };
}

/** GET /api/sources: every source with its crawl health and status, and the source files rejected at load. */
export function sourcesRoutes({ store }: RouteDeps): Hono {
  return new Hono().get('/sources', async (c) => {
    const [sources, rejected] = await Promise.all([store.listSources(), loadRejected(store)]);
    const now = Date.now();
    const items = sources.map((s) => ({ ...publicSource(s), status: sourceStatus(s, now) }));
    return c.json({ total: sources.length, items, rejected: rejected.map(publicRejected) });
  });
}
