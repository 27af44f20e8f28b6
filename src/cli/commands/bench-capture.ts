import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { createFileEvidenceStore } from '../../evidence/files/index.js';

const USAGE = `Usage: kuzet bench-capture [--articles N] [--dataset DIR]

Disk cost of keeping raw pages: N article pages (default 10,000) built from the real pages of the
article-extraction benchmark (each made distinct), captured into a fresh embedded evidence store, then
every page captured again unchanged. Compared in the same run with the baseline of keeping the bodies
uncompressed.`;

/** Bytes under `dir`, as allocated on disk and as file lengths. */
function diskUsage(dir: string): { allocated: number; apparent: number } {
  let allocated = 0;
  let apparent = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const s = statSync(join(entry.parentPath, entry.name));
    allocated += s.blocks * 512;
    apparent += s.size;
  }
  return { allocated, apparent };
}

const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { articles: { type: 'string' }, dataset: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const count = Number(values.articles ?? 10_000);
  const dataset = resolve(values.dataset ?? '../shared/datasets/article-extraction');
  const dir = join(dataset, 'html');
  const pages = readdirSync(dir)
    .filter((f) => f.endsWith('.html.gz'))
    .sort()
    .map((f) => gunzipSync(readFileSync(join(dir, f))).toString('utf8'));
  if (!pages.length) throw new Error(`no pages in ${dir}`);
  const dataDir = mkdtempSync(join(tmpdir(), 'kuzet-bench-capture-'));
  const store = createFileEvidenceStore({ dataDir });
  await store.init();
  // Article i: a real page with its own id in the head and the body, as two articles of one site differ.
  const body = (i: number) => {
    const html = pages[i % pages.length];
    const marked = html.replace(/<head[^>]*>/i, (m) => `${m}<meta name="kuzet-bench" content="${i}">`);
    return Buffer.from(`${marked}\n<!-- article ${i}: published ${new Date(1.7e12 + i * 60_000).toISOString()} -->\n`);
  };
  const fetch = (i: number, round: number) => ({
    url: `https://bench.example/news/${i}`,
    final_url: `https://bench.example/news/${i}`,
    status: 200,
    headers: { 'content-type': 'text/html; charset=utf-8', date: new Date().toUTCString() },
    body: body(i),
    fetched_at: new Date(1.7e12 + round * 86_400_000 + i * 1000).toISOString(),
    source_id: 'bench',
  });
  try {
    let raw = 0;
    const started = Date.now();
    for (let i = 0; i < count; i++) raw += (await store.putCapture(fetch(i, 0))).size;
    const seconds = (Date.now() - started) / 1000;
    const first = diskUsage(join(dataDir, 'captures'));
    const stats = await store.captureStats();
    for (let i = 0; i < count; i++) await store.putCapture(fetch(i, 1));
    const second = diskUsage(join(dataDir, 'captures'));
    const per = (n: number) => mb((n / count) * 10_000);
    console.log(`capture bench: ${count} article pages from ${pages.length} real pages in ${dataset}`);
    console.log('');
    console.log('| kept as | on disk | per 10,000 articles | vs baseline |');
    console.log('|---|---:|---:|---:|');
    console.log(`| uncompressed bodies (baseline) | ${mb(raw)} | ${per(raw)} | 100% |`);
    console.log(
      `| Kuzet captures: gzip bodies + SQLite records | ${mb(first.allocated)} | ${per(first.allocated)} | ${((100 * first.allocated) / raw).toFixed(1)}% |`,
    );
    console.log(
      `| … after every page is fetched again unchanged | ${mb(second.allocated)} | ${per(second.allocated)} | ${((100 * second.allocated) / raw).toFixed(1)}% |`,
    );
    console.log('');
    console.log(
      `compressed bodies alone: ${mb(stats.stored_bytes)} (${((100 * stats.stored_bytes) / stats.body_bytes).toFixed(1)}% of ${mb(stats.body_bytes)}); ` +
        `the second round added ${mb(second.allocated - first.allocated)} of records and no body; ` +
        `${(count / seconds).toFixed(0)} captures/s (gzip and an fsync'd file each)`,
    );
  } finally {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return 0;
}
