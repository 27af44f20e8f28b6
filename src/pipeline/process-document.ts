import type { Classifier } from '../classify/index.js';
import { canonicalizeUrl, documentKey } from '../dedupe/canonical-url.js';
import { contentHash } from '../dedupe/content-hash.js';
import { minhash } from '../dedupe/minhash.js';
import { type Article, type CrawledDocument, classifiedText } from '../domain.js';
import { revisedEvidence } from '../evidence/revise.js';
import type { ArticleStore } from '../store/port.js';
import { assignCluster } from './cluster.js';

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

/**
 * The stages after crawling, for one document: canonical id → content hash and MinHash →
 * near-duplicate cluster → classification → (beforeStore) → store. Idempotent: the id comes from the canonical
 * URL it was fetched from (canonicalised, the same key the crawler checks before fetching), so a document processed twice (a retried job, a re-run crawl) is stored once, and an
 * article keeps the cluster it first joined.
 *
 * @example
 * await processDocument(doc, { store, classifier, countryOf: () => 'KZ' });
 */
export async function processDocument(
  doc: CrawledDocument,
  deps: PipelineDeps,
): Promise<{ article: Article; created: boolean; previous: Article | null }> {
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
    content_hash: contentHash(text),
    minhash: minhash(text),
    telegram: doc.telegram ?? null,
    ...(doc.extractor_version ? { extractor_version: doc.extractor_version } : {}),
  };
  const evidence = revisedEvidence(previous, doc, { asEdit: deps.asEdit ?? true });
  const cluster_id = previous?.cluster_id ?? (await assignCluster(deps.store, base));
  const classification = deps.classifier.classify(text, doc.lang === 'und' ? undefined : doc.lang);
  const article: Article = { ...base, ...evidence, cluster_id, classification };
  await deps.beforeStore?.(article);
  const { created } = await deps.store.putArticle(article);
  return { article, created, previous };
}
