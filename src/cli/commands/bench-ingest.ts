/**
 * `kuzet bench-ingest`: the stages after crawling on real-looking news articles (the crawl benchmark's texts), each
 * beside its same-run baseline: processDocument (dedupe + classify + store) beside the classifier alone, and the
 * bulk write putArticles beside a plain better-sqlite3 FTS5 insert of the same rows in one transaction, `kuzet
 * reclassify --all` over the stored rows beside the classifier alone, and the NDJSON export beside a plain SELECT
 * written as JSON lines.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../api/app.js';
import { newsArticles, newsDocument } from '../../bench/crawl/news-pages.js';
import { openPlainFts } from '../../bench/ingest/plain-fts.js';
import { median, rate, type Timed, timed, verdict, whole } from '../../bench/measure.js';
import { type Classifier, loadClassifier } from '../../classify/index.js';
import { type Article, type CrawledDocument, classifiedText } from '../../domain.js';
import { processDocument, processDocuments } from '../../pipeline/process-document.js';
import { reclassifyStored } from '../../pipeline/reclassify.js';
import { createSqliteStore, type SqliteStore } from '../../store/sqlite/index.js';
import { parseFlags } from '../flags.js';

const HELP = `Usage: kuzet bench-ingest [--docs 2000] [--rounds 3] [--json]

Runs N real-looking news articles (~3 KB of news-stream text each) through the stages after crawling into a
fresh embedded database, in interleaved rounds (medians printed): the classifier alone; processDocument one
document at a time; processDocuments in batches of 64 (as the crawler hands them on); putArticles of the
processed articles in one call beside a plain better-sqlite3 FTS5 insert of the same rows in one transaction;
then, on that store, GET /api/export?format=ndjson beside a plain SELECT of the same rows written as JSON lines,
and reclassify --all beside the classifier alone.`;

const TARGETS = { process_per_s: 2000, put_of_plain: 0.5, reclassify_of_classifier: 0.8, export_rows_per_s: 20_000 };
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
  exported: Timed;
  plainDump: Timed;
  reclassify: Timed;
}

/** Rows of an NDJSON export of every stored article, through the API as a client downloads it. */
async function exportRows(store: SqliteStore): Promise<number> {
  const res = await createApp({ store }).request('/api/export?format=ndjson&collapse=false');
  if (res.status !== 200) throw new Error(`export answered ${res.status}`);
  const body = await res.text();
  return body.split('\n').filter((line) => line !== '').length;
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
  const { put, exported, reclassify } = await withStore(async (store) => {
    const put = await timed(async () => {
      await store.putArticles(articles);
      return store.count();
    });
    const exported = await timed(() => exportRows(store));
    const reclassify = await timed(async () => (await reclassifyStored(store, classifier, { all: true })).reclassified);
    return { put, exported, reclassify };
  });
  const dir = mkdtempSync(join(tmpdir(), 'kuzet-bench-plain-'));
  const plainDb = openPlainFts(join(dir, 'plain.db'));
  try {
    const plain = await timed(() => plainDb.insert(articles));
    const plainDump = await timed(() => plainDb.dump());
    return { round: { classify, processOne, processBatch, put, plain, exported, plainDump, reclassify }, articles };
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
    export_rows_per_s: med((r) => r.exported),
    plain_dump_rows_per_s: med((r) => r.plainDump),
    reclassify_per_s: med((r) => r.reclassify),
  };
  const reclassifyShare = figures.reclassify_per_s / figures.classify_per_s;
  const share = figures.put_articles_per_s / figures.plain_fts5_per_s;
  if (parsed.values.json) {
    console.log(JSON.stringify({ ...figures, put_of_plain: share, reclassify_of_classifier: reclassifyShare }));
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
  console.log(
    row(
      'reclassify --all over the stored rows',
      figures.reclassify_per_s,
      `  ${reclassifyShare.toFixed(2)}× the classifier alone (target ≥ ${TARGETS.reclassify_of_classifier}×: ${verdict(reclassifyShare >= TARGETS.reclassify_of_classifier)})`,
    ),
  );
  console.log(row('plain SELECT as JSON lines (baseline)', figures.plain_dump_rows_per_s).replace('docs/s', 'rows/s'));
  console.log(
    row(
      'GET /api/export?format=ndjson',
      figures.export_rows_per_s,
      `  ${(figures.export_rows_per_s / figures.plain_dump_rows_per_s).toFixed(2)}× plain (target ≥ ${whole(TARGETS.export_rows_per_s)} rows/s: ${verdict(figures.export_rows_per_s >= TARGETS.export_rows_per_s)})`,
    ).replace('docs/s', 'rows/s'),
  );
  return 0;
}
