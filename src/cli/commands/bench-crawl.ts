import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { memoryMb } from '../../api/bench/process-stats.js';
import { serveBigSitemap } from '../../bench/crawl/big-sitemap.js';
import { crawleeTrees, wholeDocumentSitemap } from '../../bench/crawl/whole-document.js';
import { xmlChunks } from '../../crawl/decode-xml.js';
import { crawlSource, DEFAULT_CRAWL_OPTIONS } from '../../crawl/index.js';
import { parseSitemap } from '../../crawl/sitemap.js';
import type { Source } from '../../domain.js';
import { logger } from '../../log.js';
import { parseFlags } from '../flags.js';

const USAGE = `Usage: kuzet bench-crawl [--urls 100000] [--cap ${DEFAULT_CRAWL_OPTIONS.maxListedUrls}]

Crawler memory on one long sitemap: serves a urlset of --urls article URLs (about 9 MB for 100,000,
oldest first, each with a lastmod) on 127.0.0.1, and reads it in separate processes, one per way:

  whole document   the baseline: the body parsed into whole-document trees (Crawlee's DOM and Cheerio
                   document, then the Cheerio read that kept every URL), as the crawler did before
  streamed         the entry reader over the decoded body, keeping the newest --cap URLs
  crawl            crawlSource on the sitemap (all URLs already stored, so no article is fetched),
                   with the cap, and without it (--urls as the cap) as a peer

Prints each process's RSS before reading and its peak (VmHWM, Linux) as a markdown table.

  --urls N   URLs in the sitemap (default 100000)
  --cap N    the per-crawl URL cap (default ${DEFAULT_CRAWL_OPTIONS.maxListedUrls}, as KUZET_MAX_LISTED_URLS)`;

type Way = 'whole' | 'streamed' | 'crawl';

interface Measured {
  kept: number;
  startMb: number;
  peakMb: number;
  seconds: number;
}

/** Peak resident set of this process so far, in MB (VmHWM); the current RSS where /proc is missing. */
const peakRssMb = () => memoryMb(process.pid)?.peak ?? process.memoryUsage().rss / 2 ** 20;

async function fetchBody(url: string): Promise<{ body: Buffer; type?: string }> {
  const response = await fetch(url);
  return { body: Buffer.from(await response.arrayBuffer()), type: response.headers.get('content-type') ?? undefined };
}

/** Child mode: reads the sitemap one way and prints what it measured as JSON. */
async function measure(way: Way, sitemapUrl: string, cap: number): Promise<number> {
  const startMb = process.memoryUsage().rss / 2 ** 20;
  const started = performance.now();
  let kept = 0;
  // The baseline's trees stay referenced until the peak is read, as they stayed alive through a handler.
  const held: unknown[] = [];
  if (way === 'whole') {
    const { body } = await fetchBody(sitemapUrl);
    const xml = body.toString('utf8');
    held.push(...crawleeTrees(xml));
    kept = wholeDocumentSitemap(xml, sitemapUrl).urls.length;
  } else if (way === 'streamed') {
    const { body, type } = await fetchBody(sitemapUrl);
    kept = parseSitemap(xmlChunks(body, type), sitemapUrl, { maxUrls: cap, maxSitemaps: 10 }).urls.length;
  } else {
    const source: Source = {
      id: 'bench',
      name: 'bench',
      kind: 'news',
      feeds: [],
      sitemaps: [sitemapUrl],
      listings: [],
      languages: ['ru'],
      country: 'KZ',
      schedule: '1h',
      max_items: 100,
      max_listed_urls: cap,
      enabled: true,
    };
    const report = await crawlSource(source, {
      state: {
        getState: async () => null,
        setState: async () => {},
        existingIds: async (ids) => new Set(ids),
      },
      emit: async () => {},
      options: { perHostDelayMs: 0, respectRobotsTxt: false },
      log: logger('bench-crawl'),
    });
    kept = report.items_found;
  }
  const seconds = (performance.now() - started) / 1000;
  const peakMb = peakRssMb();
  held.length = 0;
  console.log(JSON.stringify({ kept, startMb, peakMb, seconds } satisfies Measured));
  return 0;
}

async function inChild(way: Way, sitemapUrl: string, cap: number): Promise<Measured> {
  const bin = new URL('../bin.js', import.meta.url).pathname;
  const child = spawn(
    process.execPath,
    [bin, 'bench-crawl', '--child', way, '--url', sitemapUrl, '--cap', String(cap)],
    {
      env: { ...process.env, LOG_LEVEL: 'error' },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let measured: Measured | null = null;
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (line.startsWith('{')) measured = JSON.parse(line) as Measured;
  });
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  if (!measured) throw new Error(`bench-crawl: the ${way} process exited with ${code} without a figure`);
  return measured;
}

export async function run(argv: string[]): Promise<number> {
  const parsed = parseFlags<{ urls: string; cap?: string; child?: string; url?: string }>(
    'bench-crawl',
    argv,
    {
      urls: { type: 'string', default: '100000' },
      cap: { type: 'string' },
      child: { type: 'string' },
      url: { type: 'string' },
    },
    USAGE,
    false,
  );
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  const urls = Number(values.urls);
  const cap = Number(values.cap ?? DEFAULT_CRAWL_OPTIONS.maxListedUrls);
  if (![urls, cap].every((v) => Number.isInteger(v) && v > 0)) {
    console.error(`bench-crawl: --urls and --cap must be positive integers\n\n${USAGE}`);
    return 2;
  }
  if (values.child) return measure(values.child as Way, values.url ?? '', cap);
  const site = await serveBigSitemap(urls);
  const sitemapUrl = `${site.url}/sitemap.xml`;
  try {
    const rows: Array<[string, Measured]> = [
      ['whole document (baseline)', await inChild('whole', sitemapUrl, cap)],
      [`streamed, cap ${cap.toLocaleString('en')}`, await inChild('streamed', sitemapUrl, cap)],
      [`crawl, cap ${cap.toLocaleString('en')}`, await inChild('crawl', sitemapUrl, cap)],
      ['crawl, no cap (peer)', await inChild('crawl', sitemapUrl, urls)],
    ];
    console.log('\n## kuzet bench-crawl\n');
    console.log(
      `One sitemap of ${urls.toLocaleString('en')} URLs (${(site.bytes / 2 ** 20).toFixed(1)} MB) served on 127.0.0.1; each way in its own process; Node ${process.version}.\n`,
    );
    console.log('| reading | URLs kept | RSS before, MB | peak RSS, MB | growth, MB | seconds |');
    console.log('|---|---:|---:|---:|---:|---:|');
    for (const [name, m] of rows) {
      console.log(
        `| ${name} | ${m.kept} | ${m.startMb.toFixed(0)} | ${m.peakMb.toFixed(0)} | ${(m.peakMb - m.startMb).toFixed(0)} | ${m.seconds.toFixed(2)} |`,
      );
    }
    return 0;
  } finally {
    await site.close();
  }
}
