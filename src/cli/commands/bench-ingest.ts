/**
 * `kuzet bench-ingest`: the stages after crawling on real-looking news articles (the crawl benchmark's texts), each
 * beside its same-run baseline: processDocument (dedupe + classify + store) beside the classifier alone, and the
 * bulk write putArticles beside a plain better-sqlite3 FTS5 insert of the same rows in one transaction.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newsArticles, newsDocument } from '../../bench/crawl/news-pages.js';
import { openPlainFts } from '../../bench/ingest/plain-fts.js';
import { median, rate, type Timed, timed, verdict, whole } from '../../bench/measure.js';
import { type Classifier, loadClassifier } from '../../classify/index.js';
import { type Article, type CrawledDocument, classifiedText } from '../../domain.js';
import { processDocument, processDocuments } from '../../pipeline/process-document.js';
import { createSqliteStore, type SqliteStore } from '../../store/sqlite/index.js';
import { parseFlags } from '../flags.js';

const HELP = `Usage: kuzet bench-ingest [--docs 2000] [--rounds 3] [--json]

Runs N real-looking news articles (~3 KB of news-stream text each) through the stages after crawling into a
fresh embedded database, in interleaved rounds (medians printed): the classifier alone; processDocument one
document at a time; processDocuments in batches of 64 (as the crawler hands them on); putArticles of the
processed articles in one call beside a plain better-sqlite3 FTS5 insert of the same rows in one transaction.`;

const TARGETS = { process_per_s: 2000, put_of_plain: 0.5 };
const BATCH = 64;

async function withStore<T>(work: (store: SqliteStore) => Promise<T>): Promise<T> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kuzet-bench-ingest-'));
  const store = createSqliteStore({ dataDir });
  try {
    await store.init();
    return await work(store);
  } finally {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

interface Round {
  classify: Timed;
  processOne: Timed;
  processBatch: Timed;
  put: Timed;
  plain: Timed;
}

async function round(docs: CrawledDocument[], classifier: Classifier): Promise<{ round: Round; articles: Article[] }> {
  const deps = (store: SqliteStore) => ({ store, classifier, countryOf: () => 'KZ' });
  const classify = await timed(() => {
    for (const doc of docs) classifier.classify(classifiedText(doc), doc.lang);
    return docs.length;
  });
  const articles: Article[] = [];
  const processOne = await withStore((store) =>
    timed(async () => {
      for (const doc of docs) articles.push((await processDocument(doc, deps(store))).article);
      return store.count();
    }),
  );
  const processBatch = await withStore((store) =>
    timed(async () => {
      for (let i = 0; i < docs.length; i += BATCH) await processDocuments(docs.slice(i, i + BATCH), deps(store));
      return store.count();
    }),
  );
  const put = await withStore((store) =>
    timed(async () => {
      await store.putArticles(articles);
      return store.count();
    }),
  );
  const dir = mkdtempSync(join(tmpdir(), 'kuzet-bench-plain-'));
  const plainDb = openPlainFts(join(dir, 'plain.db'));
  try {
    const plain = await timed(() => plainDb.insert(articles));
    return { round: { classify, processOne, processBatch, put, plain }, articles };
  } finally {
    plainDb.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(argv: string[]): Promise<number> {
  const parsed = parseFlags<{ docs?: string; rounds?: string; json?: boolean }>(
    'bench-ingest',
    argv,
    { docs: { type: 'string' }, rounds: { type: 'string' }, json: { type: 'boolean' } },
    HELP,
    false,
  );
  if (typeof parsed === 'number') return parsed;
  const count = Number(parsed.values.docs ?? 2000);
  const rounds = Number(parsed.values.rounds ?? 3);
  const docs = newsArticles(count).map((a) => newsDocument(a, 'https://bench.example.kz', 'bench-news'));
  const classifier = await loadClassifier();
  for (const doc of docs.slice(0, 100)) classifier.classify(classifiedText(doc), doc.lang);
  const results: Round[] = [];
  for (let r = 0; r < rounds; r++) {
    const { round: result } = await round(docs, classifier);
    for (const [name, t] of Object.entries(result))
      if (t.items !== count) throw new Error(`${name} handled ${t.items} of ${count} documents in round ${r + 1}`);
    results.push(result);
  }
  const med = (pick: (r: Round) => Timed) => median(results.map((r) => rate(pick(r))));
  const figures = {
    docs: count,
    rounds,
    avg_bytes: Math.round(docs.reduce((s, d) => s + Buffer.byteLength(classifiedText(d)), 0) / count),
    classify_per_s: med((r) => r.classify),
    process_document_per_s: med((r) => r.processOne),
    process_documents_batched_per_s: med((r) => r.processBatch),
    put_articles_per_s: med((r) => r.put),
    plain_fts5_per_s: med((r) => r.plain),
  };
  const share = figures.put_articles_per_s / figures.plain_fts5_per_s;
  if (parsed.values.json) {
    console.log(JSON.stringify({ ...figures, put_of_plain: share }));
    return 0;
  }
  console.log(
    `ingest: ${count} news articles (~${figures.avg_bytes} bytes each) into a fresh embedded database; median of ${rounds} interleaved rounds`,
  );
  const row = (name: string, perS: number, note = '') =>
    `  ${name.padEnd(40)} ${whole(perS).padStart(7)} docs/s${note}`;
  console.log(row('classifier alone (baseline)', figures.classify_per_s));
  console.log(
    row(
      'processDocument, one at a time',
      figures.process_document_per_s,
      `  (target ≥ ${whole(TARGETS.process_per_s)}: ${verdict(figures.process_document_per_s >= TARGETS.process_per_s)})`,
    ),
  );
  console.log(
    row(
      `processDocuments, batches of ${BATCH}`,
      figures.process_documents_batched_per_s,
      `  (target ≥ ${whole(TARGETS.process_per_s)}: ${verdict(figures.process_documents_batched_per_s >= TARGETS.process_per_s)})`,
    ),
  );
  console.log(row('plain better-sqlite3 FTS5 insert (baseline)', figures.plain_fts5_per_s));
  console.log(
    row(
      'putArticles, one call',
      figures.put_articles_per_s,
      `  ${share.toFixed(2)}× plain (target ≥ ${TARGETS.put_of_plain}×: ${verdict(share >= TARGETS.put_of_plain)})`,
    ),
  );
  return 0;
}
