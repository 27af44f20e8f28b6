import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { load } from 'cheerio';
import { extractArticle } from '../../extract/index.js';
import { aggregate, type PageScore, scorePage } from '../../extract/metric.js';
import { renderText } from '../../extract/render.js';
import { parseFlags } from '../flags.js';

const USAGE = `Usage: kuzet bench-extract [--dataset DIR] [--verbose]

Scores the article extractor on the article-extraction benchmark (181 pages, 4-token shingle F1)
and prints it next to published figures and a whole-page-text baseline measured in the same run.

  --dataset DIR   benchmark folder with ground-truth.jsonl and html/ (default ../shared/datasets/article-extraction)
  --verbose       also print the F1 of every page, worst first`;

const PUBLISHED: Array<[string, number]> = [
  ['rs_trafilatura', 0.97],
  ['trafilatura 2.0', 0.958],
  ['newspaper4k', 0.949],
  ['news-please', 0.948],
  ['Readability.js', 0.947],
  ['readability-lxml', 0.922],
  ['goose3', 0.896],
  ['whole-page baseline (published)', 0.665],
];

interface GroundTruth {
  id: string;
  url: string;
  html_file: string;
  articleBody: string;
}

/** The text of the whole page with only scripts and styles removed: the benchmark's lower bound. */
function wholePageText(html: string): string {
  const $ = load(html, { xml: { xmlMode: false, decodeEntities: true } });
  $('script, style, noscript, template, head').remove();
  return renderText(
    $.root()
      .children()
      .toArray()
      .filter((el) => el.type === 'tag'),
  );
}

const f1Of = (p: PageScore) => (p.tp === 0 ? 0 : (2 * p.tp) / (2 * p.tp + p.fp + p.fn));

/**
 * `kuzet bench-extract`: prints F1, precision, recall and pages per second of the extractor.
 *
 * @example
 * await run(['--dataset', '/work/shared/datasets/article-extraction']);
 */
export async function run(argv: string[]): Promise<number> {
  const options = { dataset: { type: 'string' }, verbose: { type: 'boolean' } } as const;
  const parsed = parseFlags<{ dataset?: string; verbose?: boolean }>('bench-extract', argv, options, USAGE, false);
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  const dataset = resolve(values.dataset ?? '../shared/datasets/article-extraction');
  let rows: GroundTruth[];
  try {
    const lines = (await readFile(join(dataset, 'ground-truth.jsonl'), 'utf8')).split('\n').filter((l) => l.trim());
    rows = lines.map((l) => JSON.parse(l) as GroundTruth);
  } catch (error) {
    console.error(
      `kuzet bench-extract: cannot read ${join(dataset, 'ground-truth.jsonl')} (${(error as Error).message}); pass --dataset DIR`,
    );
    return 1;
  }
  const pages: Array<{ row: GroundTruth; html: string }> = [];
  for (const row of rows) {
    try {
      pages.push({ row, html: gunzipSync(await readFile(join(dataset, row.html_file))).toString('utf8') });
    } catch (error) {
      console.error(`kuzet bench-extract: skipped ${row.html_file}: ${(error as Error).message}`);
    }
  }
  const started = process.hrtime.bigint();
  const predicted = pages.map(({ html, row }) => extractArticle(html, row.url).text);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const scores = pages.map(({ row }, i) => scorePage(predicted[i], row.articleBody));
  const baseline = aggregate(pages.map(({ html, row }) => scorePage(wholePageText(html), row.articleBody)));
  const ours = aggregate(scores);
  if (values.verbose) {
    const ranked = scores
      .map((s, i) => ({ f1: f1Of(s), id: pages[i].row.id, url: pages[i].row.url }))
      .sort((a, b) => a.f1 - b.f1);
    for (const r of ranked) console.log(`${r.f1.toFixed(3)}  ${r.id.slice(0, 12)}  ${r.url}`);
    console.log('');
  }
  const fmt = (n: number) => n.toFixed(3);
  console.log(`article-extraction benchmark: ${pages.length} pages from ${dataset}`);
  console.log(
    `kuzet extractor             F1 ${fmt(ours.f1)}  precision ${fmt(ours.precision)}  recall ${fmt(ours.recall)}  ${(pages.length / seconds).toFixed(0)} pages/s`,
  );
  console.log(
    `whole-page text (this run)  F1 ${fmt(baseline.f1)}  precision ${fmt(baseline.precision)}  recall ${fmt(baseline.recall)}`,
  );
  console.log('published F1:');
  for (const [name, f1] of PUBLISHED) console.log(`  ${name.padEnd(34)} ${fmt(f1)}`);
  return 0;
}
