import { Pool } from 'undici';

export interface LoadResult {
  name: string;
  requests: number;
  errors: number;
  seconds: number;
  latencies: Float64Array;
  firstError: string | null;
}

export interface LoadOptions {
  name: string;
  origin: string;
  concurrency: number;
  durationMs: number;
  maxRequests: number;
  next: () => string;
}

/**
 * Runs `concurrency` clients in a closed loop against one origin until the time or request
 * budget runs out; records each request's latency (ms). Non-2xx answers count as errors.
 *
 * @example
 * const r = await runLoad({ name: 'health', origin, concurrency: 50, durationMs: 10_000, maxRequests: 1e6, next: () => '/health' });
 */
export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const pool = new Pool(o.origin, { connections: o.concurrency, pipelining: 1 });
  const latencies: number[] = [];
  let errors = 0;
  let issued = 0;
  let firstError: string | null = null;
  const started = performance.now();
  const deadline = started + o.durationMs;
  const client = async () => {
    while (performance.now() < deadline && issued < o.maxRequests) {
      issued++;
      const path = o.next();
      const t0 = performance.now();
      try {
        const res = await pool.request({ path, method: 'GET' });
        const body = await res.body.text();
        if (res.statusCode >= 300) {
          errors++;
          firstError ??= `${res.statusCode} ${path}: ${body.slice(0, 200)}`;
        }
      } catch (error) {
        errors++;
        firstError ??= `${path}: ${(error as Error).message}`;
      }
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, client));
  const seconds = (performance.now() - started) / 1000;
  await pool.close();
  return {
    name: o.name,
    requests: latencies.length,
    errors,
    seconds,
    latencies: Float64Array.from(latencies).sort(),
    firstError,
  };
}

/** The p-th percentile (nearest rank) of ascending values. */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** A run with the server's share: CPU per request and resident memory after it (null where unknown). */
export interface ServerRun extends LoadResult {
  clients: number;
  cpuMsPerRequest: number | null;
  /** CPU of the store's own processes (Elasticsearch) per request; null when the store runs in the server. */
  storeCpuMsPerRequest?: number | null;
  rssMb: number | null;
}

const figure = (x: number | null, digits = 1) => (x === null || Number.isNaN(x) ? 'n/a' : x.toFixed(digits));

/** A markdown table of throughput, latency percentiles and the server's CPU and memory, one row per run. */
export function markdownTable(results: ServerRun[]): string {
  const withStore = results.some((r) => r.storeCpuMsPerRequest != null);
  const rows = results.map((r) => {
    const ms = (p: number) => percentile(r.latencies, p).toFixed(1);
    const store = withStore ? ` ${figure(r.storeCpuMsPerRequest ?? null, 2)} |` : '';
    return `| ${r.name} | ${r.clients} | ${r.requests} | ${r.errors} | ${(r.requests / r.seconds).toFixed(0)} | ${ms(50)} | ${ms(95)} | ${ms(99)} | ${figure(r.cpuMsPerRequest, 2)} |${store} ${figure(r.rssMb, 0)} |`;
  });
  return [
    `| endpoint | clients | requests | errors | req/s | p50 ms | p95 ms | p99 ms | server CPU ms/req |${withStore ? ' Elasticsearch CPU ms/req |' : ''} server RSS MB |`,
    `|---|---:|---:|---:|---:|---:|---:|---:|---:|${withStore ? '---:|' : ''}---:|`,
    ...rows,
  ].join('\n');
}
