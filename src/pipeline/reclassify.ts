/** Re-running the classifier over stored articles: what `kuzet reclassify` does and `bench-ingest` measures. */
import type { Classifier } from '../classify/index.js';
import { classifiedText } from '../domain.js';
import type { PipelineDeps } from './process-document.js';

/** Articles read per batch; each batch's classifications are written in one transaction or bulk request. */
const BATCH = 500;

export interface ReclassifyCounts {
  /** Articles read. */
  articles: number;
  /** Articles classified again and written back. */
  reclassified: number;
}

/**
 * Classifies again every stored article whose classifier_version differs from the classifier's (every article with
 * `all`), and writes back the classifications alone (text and search terms are unchanged; `kuzet reextract`
 * stores articles again whole).
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
      return { id: article.id, classification: classifier.classify(classifiedText(article), lang) };
    });
    await store.setClassifications(updated);
    counts.reclassified += updated.length;
    options.onBatch?.(counts.articles);
  }
  await store.refresh();
  return counts;
}
