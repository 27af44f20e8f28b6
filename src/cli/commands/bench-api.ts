import type { DriveOptions } from '../../api/bench/drive.js';
import { parseFlags } from '../flags.js';

const USAGE = `Usage: kuzet bench-api [--articles 100000] [--concurrency 1,8,50] [--duration 10] [--max-requests 200000] [--cold 200] [--wide 0] [--data DIR] [--keep]

Builds a temporary SQLite store of synthetic articles (ru/kk/en, two years, clusters, classifications;
words drawn from Zipf-distributed vocabularies, see src/api/bench/zipf.ts),
serves the API from a separate process on 127.0.0.1, and drives it with concurrent HTTP clients.
Measures the server's start-up (until /health answers, and until the first search), then the first
--cold requests of the search and time-series mixes on the fresh server (1 client), then, at each
client count, GET /health (baseline), the search mix and the time-series mix, each for --duration
seconds or --max-requests requests. Prints req/s, p50/p95/p99 latency, the server's CPU per request
and its resident memory as a markdown table.

  --articles N      synthetic articles to index (default 100000)
  --concurrency L   comma-separated client counts (default 1,8,50)
  --duration S      seconds per endpoint and client count (default 10)
  --max-requests N  request cap per endpoint and client count (default 200000)
  --cold N          requests of each mix measured on the fresh server (default 200; 0 skips)
  --wide N          last, N distinct daily time series since 2000 split by language (~3 MB each, 1 client),
                    the load that fills the server's aggregate cache (default 0: skipped)
  --data DIR        reuse (or build into) this data folder instead of a temporary one
  --keep            keep the temporary data folder`;

export async function run(argv: string[]): Promise<number> {
  const options = {
    articles: { type: 'string', default: '100000' },
    concurrency: { type: 'string', default: '1,8,50' },
    duration: { type: 'string', default: '10' },
    'max-requests': { type: 'string', default: '200000' },
    cold: { type: 'string', default: '200' },
    wide: { type: 'string', default: '0' },
    data: { type: 'string' },
    serve: { type: 'string' },
    keep: { type: 'boolean', default: false },
  } as const;
  const parsed = parseFlags<DriveOptions & { serve?: string }>('bench-api', argv, options, USAGE, false);
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  if (values.serve) return (await import('../../api/bench/serve.js')).serveOnly(values.serve);
  return (await import('../../api/bench/drive.js')).drive(values, USAGE);
}
