/** Serving the HTTP app, with the public URL fixed from configuration and the listening address, never a request. */
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { type ServerType, serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { createApp } from '../api/app.js';
import type { AppDeps } from '../api/deps.js';

const WILDCARD = new Set(['0.0.0.0', '::', '::0', '0:0:0:0:0:0:0:0']);

/**
 * The origin a server listening at `address` is reached at: that address and port, or for a wildcard address
 * (every interface) the machine's host name. It is what feed links use when `KUZET_PUBLIC_URL` is not set.
 *
 * @example
 * listenOrigin({ address: '127.0.0.1', family: 'IPv4', port: 8080 }); // 'http://127.0.0.1:8080'
 * listenOrigin({ address: '::', family: 'IPv6', port: 8080 }, 'kuzet-1'); // 'http://kuzet-1:8080'
 */
export function listenOrigin(address: AddressInfo, machine = hostname()): string {
  const host = WILDCARD.has(address.address)
    ? machine.toLowerCase()
    : address.address.includes(':')
      ? `[${address.address}]`
      : address.address;
  return `http://${host}:${address.port}`;
}

/**
 * Listens on host:port, then builds the app with its public URL: `publicUrl` (KUZET_PUBLIC_URL) when set, else the
 * address the server listens on. No request reaches the app before it exists: connections are served only after
 * this function's continuation has run.
 *
 * @example
 * const { server, publicUrl } = await listenApp({ store, log }, { host: '127.0.0.1', port: 8080 });
 */
export async function listenApp(
  deps: Omit<AppDeps, 'publicUrl'>,
  at: { host: string; port: number; publicUrl?: string },
): Promise<{ server: ServerType; publicUrl: string; app: Hono }> {
  let app: Hono | null = null;
  const server = serve({
    fetch: (request, env) => (app ? app.fetch(request, env) : new Response('starting', { status: 503 })),
    port: at.port,
    hostname: at.host,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const publicUrl = at.publicUrl ?? listenOrigin(server.address() as AddressInfo);
  app = createApp({ ...deps, publicUrl });
  return { server, publicUrl, app };
}
