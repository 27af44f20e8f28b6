import type { DriveOptions } from '../../api/bench/drive.js';
import { parseFlags } from '../flags.js';

const USAGE = `Usage: kuzet bench-api [--articles 100000] [--stores sqlite] [--concurrency 1,8,50] [--duration 10] [--max-requests 200000] [--cold 200] [--wide 0] [--data DIR] [--keep]

Builds a temporary store of synthetic articles (ru/kk/en, two years, clusters, classifications;
words drawn from Zipf-distributed vocabularies, see src/api/bench/zipf.ts) in each of --stores,
serves the API over it from a separate process on 127.0.0.1, and drives it with concurrent HTTP clients.
With more than one store, the same corpus and query mix run against each, and a last table sets
their p95 latencies side by side.
Measures the server's start-up (until /health answers, and until the first search), then the first
--cold requests of the search and time-series mixes on the fresh server (1 client), then, at each
client count, GET /health (baseline), the search mix and the time-series mix, each for --duration
seconds or --max-requests requests. Prints req/s, p50/p95/p99 latency, the server's CPU per request
and its resident memory as a markdown table.

  --articles N      synthetic articles to index (default 100000)
  --stores L        sqlite, elasticsearch or both, comma-separated (default sqlite); elasticsearch needs
                    ELASTICSEARCH_URL and indexes into bench-api-<N>-* there (kept with --data or --keep,
                    and then reused)
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
    stores: { type: 'string', default: 'sqlite' },
    concurrency: { type: 'string', default: '1,8,50' },
    duration: { type: 'string', default: '10' },
    'max-requests': { type: 'string', default: '200000' },
    cold: { type: 'string', default: '200' },
    wide: { type: 'string', default: '0' },
    data: { type: 'string' },
    serve: { type: 'string' },
    'serve-elasticsearch': { type: 'string' },
    keep: { type: 'boolean', default: false },
  } as const;
  const parsed = parseFlags<DriveOptions & { serve?: string; 'serve-elasticsearch'?: string }>(
    'bench-api',
    argv,
    options,
    USAGE,
    false,
  );
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  if (values.serve || values['serve-elasticsearch']) return serveFor(values.serve, values['serve-elasticsearch']);
  return (await import('../../api/bench/drive.js')).drive(values, USAGE);
}

/** The benchmark's server process over the SQLite folder or the Elasticsearch index prefix it was given. */
async function serveFor(dataDir: string | undefined, indexPrefix: string | undefined): Promise<number> {
  const { serveOnly } = await import('../../api/bench/serve.js');
  if (dataDir) return serveOnly((await import('../../store/sqlite/index.js')).createSqliteStore({ dataDir }));
  const node = process.env.ELASTICSEARCH_URL;
  if (!node) throw new Error('bench-api --serve-elasticsearch needs ELASTICSEARCH_URL');
  const { createElasticsearchStore } = await import('../../store/elasticsearch/index.js');
  return serveOnly(createElasticsearchStore({ node, indexPrefix: indexPrefix as string }));
}
