/** Re-running the classifier over stored articles: what `kuzet reclassify` does and `bench-ingest` measures. */
import type { Classifier } from '../classify/index.js';
import { classifiedText } from '../domain.js';
import type { PipelineDeps } from './process-document.js';

/** Articles read per batch; each batch is written in one transaction where the store offers it. */
const BATCH = 500;

export interface ReclassifyCounts {
  /** Articles read. */
  articles: number;
  /** Articles classified again and written back. */
  reclassified: number;
}

/**
 * Classifies again every stored article whose classifier_version differs from the classifier's (every article with
 * `all`), and writes it back whole, so the store also re-derives its search terms with the current analyzer.
 *
 * @example
 * await reclassifyStored(store, classifier, { all: true, onBatch: (seen) => progress.update(seen) });
 */
export async function reclassifyStored(
  store: PipelineDeps['store'],
  classifier: Classifier,
  options: { all?: boolean; onBatch?: (seen: number) => void } = {},
): Promise<ReclassifyCounts> {
  const counts: ReclassifyCounts = { articles: 0, reclassified: 0 };
  for await (const batch of store.scan(null, BATCH)) {
    counts.articles += batch.length;
    const stale = batch.filter((a) => options.all || a.classification?.classifier_version !== classifier.version);
    const updated = stale.map((article) => {
      const lang = article.lang === 'und' ? undefined : article.lang;
      return { ...article, classification: classifier.classify(classifiedText(article), lang) };
    });
    if (store.putArticles) await store.putArticles(updated);
    else for (const article of updated) await store.putArticle(article);
    counts.reclassified += updated.length;
    options.onBatch?.(counts.articles);
  }
  await store.refresh();
  return counts;
}
