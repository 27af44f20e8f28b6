/** Chooses the evidence store from configuration, like the article store: Elasticsearch when a URL is given. */
import { createElasticsearchEvidenceStore } from './elasticsearch/index.js';
import { createFileEvidenceStore } from './files/index.js';
import type { EvidenceStore } from './port.js';

export type { CaptureRecord, CaptureRef, EvidenceStore, FetchedPage } from './port.js';

/**
 * @example
 * const evidence = createEvidenceStore({ dataDir: './data' }); // ./data/captures/
 */
export function createEvidenceStore(config: {
  dataDir: string;
  elasticsearchUrl?: string;
  indexPrefix?: string;
}): EvidenceStore {
  if (config.elasticsearchUrl) {
    return createElasticsearchEvidenceStore({
      node: config.elasticsearchUrl,
      indexPrefix: config.indexPrefix ?? 'kuzet',
    });
  }
  return createFileEvidenceStore({ dataDir: config.dataDir });
}
