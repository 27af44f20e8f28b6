import type { Classifier } from '../classify/index.js';
import { canonicalizeUrl, documentKey } from '../dedupe/canonical-url.js';
import { dedupeKeys } from '../dedupe/minhash.js';
import { type Article, type CrawledDocument, classifiedText } from '../domain.js';
import { revisedEvidence } from '../evidence/revise.js';
import type { ArticleStore } from '../store/port.js';
import { assignCluster, UnstoredArticles } from './cluster.js';

export interface PipelineDeps {
  store: ArticleStore;
  classifier: Classifier;
  /** Country of each source id, stored on its articles for filtering. */
  countryOf: (sourceId: string) => string | null;
  /** Runs with the classified article before it is stored (a crash in between leaves the work undone, not half
   * done: the crawler fetches what is not stored again). */
  beforeStore?: (article: Article) => Promise<void>;
  /**
   * Whether a changed text of a stored item is an edit at its source (kept as a version, `edited_at` set; the
   * default) or a new extraction of the same page (replaced in place).
   */
  asEdit?: boolean;
}

export interface Processed {
  article: Article;
  created: boolean;
  previous: Article | null;
}

/** The article a document becomes, before it is stored; `unstored` are earlier articles of its batch. */
async function prepare(doc: CrawledDocument, deps: PipelineDeps, unstored: UnstoredArticles) {
  const id = documentKey(doc.url);
  const canonical = (doc.canonical_url && canonicalizeUrl(doc.canonical_url)) || canonicalizeUrl(doc.url) || doc.url;
  const previous = await deps.store.getArticle(id);
  const text = classifiedText(doc);
  const base = {
    id,
    source_id: doc.source_id,
    kind: doc.kind,
    url: doc.url,
    canonical_url: canonical,
    title: doc.title,
    text: doc.text,
    published_at: doc.published_at,
    fetched_at: doc.fetched_at,
    author: doc.author,
    lang: doc.lang,
    country: deps.countryOf(doc.source_id),
    ...dedupeKeys(text),
    telegram: doc.telegram ?? null,
    ...(doc.extractor_version ? { extractor_version: doc.extractor_version } : {}),
  };
  const evidence = revisedEvidence(previous, doc, { asEdit: deps.asEdit ?? true });
  const cluster_id = previous?.cluster_id ?? (await assignCluster(deps.store, base, unstored));
  const classification = deps.classifier.classify(text, doc.lang === 'und' ? undefined : doc.lang);
  const article: Article = { ...base, ...evidence, cluster_id, classification };
  await deps.beforeStore?.(article);
  return { article, previous };
}

/** Runs of documents without a repeated id: a later copy of an item is processed after the earlier one is stored. */
function distinctRuns(docs: CrawledDocument[]): CrawledDocument[][] {
  const runs: CrawledDocument[][] = [[]];
  let ids = new Set<string>();
  for (const doc of docs) {
    const id = documentKey(doc.url);
    if (ids.has(id)) {
      runs.push([]);
      ids = new Set();
    }
    ids.add(id);
    runs[runs.length - 1].push(doc);
  }
  return runs.filter((run) => run.length > 0);
}

/**
 * The stages after crawling, for a batch of documents: canonical id → content hash and MinHash →
 * near-duplicate cluster → classification → (beforeStore) → store, the batch written in one transaction where
 * the store can (`putArticles`). Idempotent: the id comes from the canonical URL it was fetched from (canonicalised,
 * the same key the crawler checks before fetching), so a document processed twice (a retried job, a re-run crawl)
 * is stored once, and an article keeps the cluster it first joined. Copies within one batch cluster together as if
 * stored one by one.
 *
 * @example
 * const [{ article, created }] = await processDocuments([doc], { store, classifier, countryOf: () => 'KZ' });
 */
export async function processDocuments(docs: CrawledDocument[], deps: PipelineDeps): Promise<Processed[]> {
  const out: Processed[] = [];
  for (const run of distinctRuns(docs)) {
    const prepared: Array<{ article: Article; previous: Article | null }> = [];
    const unstored = new UnstoredArticles();
    for (const doc of run) {
      const next = await prepare(doc, deps, unstored);
      unstored.add(next.article);
      prepared.push(next);
    }
    const articles = prepared.map((p) => p.article);
    const written = await deps.store.putArticles(articles);
    prepared.forEach((p, i) => {
      out.push({ ...p, created: written[i].created });
    });
  }
  return out;
}

/**
 * One document through the stages (see processDocuments).
 *
 * @example
 * await processDocument(doc, { store, classifier, countryOf: () => 'KZ' });
 */
export async function processDocument(doc: CrawledDocument, deps: PipelineDeps): Promise<Processed> {
  return (await processDocuments([doc], deps))[0];
}
