import { parseArgs } from 'node:util';
import { didYouMean } from './did-you-mean.js';
import { UsageError } from './flags.js';

/** A subcommand: parses its own argv and resolves to the process exit code. */
export type Command = (argv: string[]) => Promise<number>;

const COMMANDS: Record<string, { summary: string; load: () => Promise<{ run: Command }> }> = {
  serve: { summary: 'run the API and crawl each source on its schedule', load: () => import('./commands/serve.js') },
  demo: {
    summary: 'crawl a bundled demo site of invented stories offline, then serve the UI',
    load: () => import('./commands/demo.js'),
  },
  crawl: { summary: 'crawl every source (--once)', load: () => import('./commands/crawl.js') },
  sources: {
    summary: 'check every source: fetch its feeds, sitemaps, listings and channel page once (check)',
    load: () => import('./commands/sources.js'),
  },
  worker: { summary: 'run pipeline workers (distributed mode)', load: () => import('./commands/worker.js') },
  scheduler: {
    summary: 'enqueue crawls on each source schedule (distributed mode)',
    load: () => import('./commands/scheduler.js'),
  },
  extract: {
    summary: 'extract articles from HTML files, one JSON line each',
    load: () => import('./commands/extract.js'),
  },
  classify: { summary: 'classify JSON lines {id, text, lang?}', load: () => import('./commands/classify.js') },
  eval: { summary: 'score the classifier on gold-labelled JSON lines', load: () => import('./commands/eval.js') },
  train: {
    summary: 'rebuild the classifier model from the labelled corpus',
    load: () => import('./commands/train.js'),
  },
  review: {
    summary: 'export reviewed items as corpus lines, or print reviewer agreement',
    load: () => import('./commands/review.js'),
  },
  users: {
    summary: 'add, list, disable or reset accounts (roles viewer, reviewer, admin)',
    load: () => import('./commands/users.js'),
  },
  reclassify: { summary: 're-run the classifier over stored articles', load: () => import('./commands/reclassify.js') },
  reextract: {
    summary: 're-run extraction over the kept pages of stored articles',
    load: () => import('./commands/reextract.js'),
  },
  'export-warc': {
    summary: 'write the captures of a search as a WARC 1.1 file',
    load: () => import('./commands/export-warc.js'),
  },
  'bench-extract': {
    summary: 'score the extractor on the article-extraction benchmark',
    load: () => import('./commands/bench-extract.js'),
  },
  'bench-classify': {
    summary: 'classifier quality and throughput',
    load: () => import('./commands/bench-classify.js'),
  },
  'bench-crawl-speed': {
    summary: 'crawl throughput beside bare Crawlee and a fetch + cheerio loop',
    load: () => import('./commands/bench-crawl-speed.js'),
  },
  'bench-ingest': {
    summary: 'processDocument and putArticles throughput beside the classifier and plain FTS5 inserts',
    load: () => import('./commands/bench-ingest.js'),
  },
  'bench-capture': {
    summary: 'disk cost of kept captures per 10,000 articles',
    load: () => import('./commands/bench-capture.js'),
  },
  'bench-api': { summary: 'search and time-series latency under load', load: () => import('./commands/bench-api.js') },
  'bench-crawl': {
    summary: 'crawler memory on a 100,000-URL sitemap, streamed against whole-document parsing',
    load: () => import('./commands/bench-crawl.js'),
  },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(15)} ${c.summary}`);
  return `Usage: kuzet <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun 'kuzet <command> --help' for a command's options.`;
}

async function main(argv: string[]): Promise<number> {
  const first = argv[0];
  if (first === '--help' || first === '-h' || first === 'help') {
    console.log(usage());
    return 0;
  }
  const { positionals } = parseArgs({ args: argv.slice(0, 1), allowPositionals: true, strict: false });
  const name = positionals[0];
  if (!name) {
    if (first) console.error(`kuzet: unknown option '${first}'; a command comes first\n`);
    console.log(usage());
    return 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`kuzet: unknown command '${name}'${didYouMean(name, Object.keys(COMMANDS))}\n\n${usage()}`);
    return 2;
  }
  const { run } = await command.load();
  return run(argv.slice(1));
}

// A closed pipe (`kuzet extract ... | head`) ends output quietly instead of crashing.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError) {
    console.error(`kuzet: ${error.message}`);
    process.exit(2);
  }
  // Start-up failures (a store that cannot be reached, a data folder that cannot be written) end
  // with one line saying what failed, not a stack dump; LOG_LEVEL=debug shows the stack.
  console.error(`kuzet: ${error instanceof Error ? error.message : String(error)}`);
  if (process.env.LOG_LEVEL === 'debug' && error instanceof Error) console.error(error.stack);
  process.exitCode = 1;
}
