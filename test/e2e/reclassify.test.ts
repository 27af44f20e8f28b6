import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadClassifier } from '../../src/classify/index.js';
import { createSqliteStore } from '../../src/store/sqlite/index.js';
import { runKuzet, tempDir } from '../helpers/cli.js';
import { ARTICLES } from '../store/fixtures.js';

async function withStore<T>(dataDir: string, fn: (store: ReturnType<typeof createSqliteStore>) => Promise<T>) {
  const store = createSqliteStore({ dataDir });
  await store.init();
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

describe('kuzet reclassify', () => {
  let data: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => {
    data = await tempDir();
  });
  afterEach(() => data.remove());

  it('re-runs the classifier over articles of another version and records the current one', async () => {
    const { version } = await loadClassifier();
    const stored = ARTICLES.slice(0, 4);
    await withStore(data.dir, async (store) => {
      for (const a of stored) await store.putArticle(a);
      await store.putArticle({ ...ARTICLES[4], classification: null });
    });

    const run = await runKuzet(['reclassify', '--data', data.dir], { LOG_LEVEL: 'warn' });
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ classifier_version: version, articles: 5, reclassified: 5 });
    expect(run.stderr).toContain('5/5');

    await withStore(data.dir, async (store) => {
      for (const a of [...stored, ARTICLES[4]]) {
        const after = await store.getArticle(a.id);
        expect(after?.classification?.classifier_version).toBe(version);
        expect(after?.text).toBe(a.text);
      }
    });

    const again = await runKuzet(['reclassify', '--data', data.dir], { LOG_LEVEL: 'warn' });
    expect(JSON.parse(again.stdout).reclassified).toBe(0);
  }, 60_000);
});
