import { describe, expect, it } from 'vitest';
import { runKuzet } from '../helpers/cli.js';

describe('kuzet bench-ingest', () => {
  it('measures every stage on the same documents, each beside its baseline', async () => {
    const run = await runKuzet(['bench-ingest', '--docs', '30', '--rounds', '1', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const figures = JSON.parse(run.stdout.trim().split('\n').at(-1) as string);
    expect(figures.docs).toBe(30);
    for (const key of [
      'classify_per_s',
      'process_document_per_s',
      'process_documents_batched_per_s',
      'put_articles_per_s',
      'plain_fts5_per_s',
      'reclassify_per_s',
      'export_rows_per_s',
      'plain_dump_rows_per_s',
      'put_of_plain',
      'reclassify_of_classifier',
    ])
      expect(figures[key], key).toBeGreaterThan(0);
  }, 120_000);
});
