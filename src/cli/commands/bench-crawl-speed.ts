/**
 * `kuzet bench-crawl-speed`: crawl throughput on a loopback site of real-looking news pages behind RSS feeds (per-host
 * delay 0 for that fixture only), Kuzet's whole embedded path (crawl, extract, dedupe, classify, capture, store)
 * beside a bare Crawlee CheerioCrawler and a Node fetch + cheerio.load loop over the same pages, in interleaved
 * rounds, medians printed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startNewsSite } from '../../bench/crawl/news-site.js';
import { bareCrawlee, rawLoop } from '../../bench/crawl/peers.js';
import { cpuPerItem, medianRun, rate, type Timed, timed, verdict, whole } from '../../bench/measure.js';
import { type Classifier, loadClassifier } from '../../classify/index.js';
import type { Source } from '../../domain.js';
import { createFileEvidenceStore } from '../../evidence/files/index.js';
import { DEFAULT_EVIDENCE_SETTINGS } from '../../evidence/keep.js';
import { logger } from '../../log.js';
import { runCrawl } from '../../pipeline/stages.js';
import { createMemoryQueues } from '../../queue/index.js';
import { createSqliteStore } from '../../store/sqlite/index.js';
import { parseFlags } from '../flags.js';

const HELP = `Usage: kuzet bench-crawl-speed [--pages 2000] [--rounds 3] [--concurrency 8] [--json]

Serves N real-looking article pages (news-stream text in a news site's furniture) behind RSS feeds on
127.0.0.1 from a child process, then crawls them in interleaved rounds with: a Node fetch + cheerio.load
loop, a bare Crawlee CheerioCrawler, and Kuzet (crawl, extract, dedupe, classify, capture and store into a
fresh embedded database). Prints pages/s and CPU ms per page (median round) and the targets.`;

/** The targets: absolute pages/s and the share of the bare Crawlee crawler's rate. */
const TARGETS = { pages_per_s: 250, of_crawlee: 0.65 };

export function benchSource(feeds: string[], pages: number): Source {
  return {
    id: 'bench-news',
    name: 'Benchmark news site',
    kind: 'news',
    feeds,
    sitemaps: [],
    listings: [],
    languages: ['ru', 'kk', 'en'],
    country: 'KZ',
    schedule: '1h',
    max_items: pages,
    enabled: true,
  };
}

/** One crawl by Kuzet into a fresh data folder, timed from its start to its report (the stores are opened before). */
export async function kuzetCrawl(
  source: Source,
  classifier: Classifier,
  concurrency: number,
  pages: number,
): Promise<Timed> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kuzet-bench-crawl-'));
  const store = createSqliteStore({ dataDir });
  const evidence = createFileEvidenceStore({ dataDir });
  const queues = createMemoryQueues({});
  const log = logger('bench-crawl');
  try {
    await store.init();
    await evidence.init();
    let report: Awaited<ReturnType<typeof runCrawl>> | undefined;
    const run = await timed(async () => {
      report = await runCrawl(source, {
        store,
        classifier,
        queues,
        sources: () => new Map([[source.id, source]]),
        crawlOptions: {
          perHostDelayMs: 0,
          maxConcurrencyPerHost: concurrency,
          maxRequestsPerCrawl: pages + source.feeds.length + 10,
        },
        log,
        documents: 'inline',
        evidence: { evidence, log, settings: DEFAULT_EVIDENCE_SETTINGS },
      });
      return store.count();
    });
    if (report?.errors.length) throw new Error(`Kuzet crawl problems: ${report.errors.slice(0, 3).join('; ')}`);
    return run;
  } finally {
    await queues.close();
    await evidence.close();
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const line = (name: string, t: Timed) =>
  `  ${name.padEnd(28)} ${whole(rate(t)).padStart(6)} pages/s  ${cpuPerItem(t).toFixed(2).padStart(6)} CPU-ms/page  (${t.items} pages in ${(t.wallMs / 1000).toFixed(1)} s)`;

export async function run(argv: string[]): Promise<number> {
  const parsed = parseFlags<{ pages?: string; rounds?: string; concurrency?: string; json?: boolean }>(
    'bench-crawl-speed',
    argv,
    {
      pages: { type: 'string' },
      rounds: { type: 'string' },
      concurrency: { type: 'string' },
      json: { type: 'boolean' },
    },
    HELP,
    false,
  );
  if (typeof parsed === 'number') return parsed;
  // Info lines (one per crawl) would interleave with the figures; warnings and errors still show.
  process.env.LOG_LEVEL ??= 'warn';
  const pages = Number(parsed.values.pages ?? 2000);
  const rounds = Number(parsed.values.rounds ?? 3);
  const concurrency = Number(parsed.values.concurrency ?? 8);
  const classifier = await loadClassifier();
  classifier.classify('проверка', 'ru');
  const site = await startNewsSite(pages);
  const runs: Record<'raw' | 'crawlee' | 'kuzet', Timed[]> = { raw: [], crawlee: [], kuzet: [] };
  try {
    const source = benchSource(site.feeds, pages);
    for (let round = 0; round < rounds; round++) {
      // Interleaved, so a noisy neighbour slows one round rather than one contender.
      runs.raw.push(await timed(() => rawLoop(site.feeds, concurrency)));
      runs.crawlee.push(await timed(() => bareCrawlee(site.feeds, concurrency)));
      runs.kuzet.push(await kuzetCrawl(source, classifier, concurrency, pages));
      for (const [name, list] of Object.entries(runs)) {
        const last = list[list.length - 1];
        if (last.items !== pages) throw new Error(`${name} read ${last.items} of ${pages} pages in round ${round + 1}`);
      }
    }
  } finally {
    await site.close();
  }
  const raw = medianRun(runs.raw);
  const crawlee = medianRun(runs.crawlee);
  const kuzet = medianRun(runs.kuzet);
  const share = rate(kuzet) / rate(crawlee);
  const result = {
    pages,
    rounds,
    concurrency,
    pages_per_s: { raw: rate(raw), crawlee: rate(crawlee), kuzet: rate(kuzet) },
    cpu_ms_per_page: { raw: cpuPerItem(raw), crawlee: cpuPerItem(crawlee), kuzet: cpuPerItem(kuzet) },
    kuzet_of_crawlee: share,
    kuzet_of_raw: rate(kuzet) / rate(raw),
  };
  if (parsed.values.json) {
    console.log(JSON.stringify(result));
    return 0;
  }
  console.log(
    `crawl: ${pages} pages behind ${site.feeds.length} feeds on 127.0.0.1, concurrency ${concurrency}, per-host delay 0; median of ${rounds} interleaved rounds`,
  );
  console.log(line('fetch + cheerio.load', raw));
  console.log(line('bare Crawlee CheerioCrawler', crawlee));
  console.log(line('Kuzet (crawl→store)', kuzet));
  console.log(
    `  Kuzet ${share.toFixed(2)}× Crawlee, ${result.kuzet_of_raw.toFixed(2)}× the raw loop; targets: ≥ ${TARGETS.pages_per_s} pages/s ${verdict(rate(kuzet) >= TARGETS.pages_per_s)}, ≥ ${TARGETS.of_crawlee}× Crawlee ${verdict(share >= TARGETS.of_crawlee)}`,
  );
  return 0;
}
