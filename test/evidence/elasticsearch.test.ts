import { randomUUID } from 'node:crypto';
import { Client } from '@elastic/elasticsearch';
import { describe, expect, it } from 'vitest';
import { createElasticsearchEvidenceStore } from '../../src/evidence/elasticsearch/index.js';
import { createEvidenceStore } from '../../src/evidence/index.js';
import { page, runEvidenceContract } from './contract.js';

const url = process.env.ELASTICSEARCH_URL;
if (!url) throw new Error('ELASTICSEARCH_URL is not set: run the evidence tests through `npm test`.');
const node: string = url;

async function deletePrefix(prefix: string): Promise<void> {
  const client = new Client({ node });
  try {
    await client.indices.delete({ index: `${prefix}-*`, ignore_unavailable: true, allow_no_indices: true });
  } finally {
    await client.close();
  }
}

runEvidenceContract('elasticsearch', async () => {
  const indexPrefix = `test-${randomUUID()}`;
  return { store: createElasticsearchEvidenceStore({ node, indexPrefix }), cleanup: () => deletePrefix(indexPrefix) };
});

describe('elasticsearch evidence store extras', () => {
  it('is what createEvidenceStore picks with a URL; the body field is binary, not indexed', async () => {
    const indexPrefix = `test-${randomUUID()}`;
    const store = createEvidenceStore({ dataDir: '/nonexistent', elasticsearchUrl: node, indexPrefix });
    const client = new Client({ node });
    try {
      expect(store.name).toBe('elasticsearch');
      await store.init();
      await store.putCapture(page());
      const mapping = await client.indices.getMapping({ index: `${indexPrefix}-capture-bodies` });
      expect(mapping[`${indexPrefix}-capture-bodies`].mappings.properties?.body).toMatchObject({ type: 'binary' });
    } finally {
      await store.close();
      await client.close();
      await deletePrefix(indexPrefix);
    }
  });
});
