import { classifiedText } from '../../domain.js';
import type { SqliteStore } from '../../store/sqlite/index.js';
import { parseCommand } from '../flags.js';
import { progressOnStderr } from '../progress.js';
import { openRuntime } from '../runtime.js';

const USAGE = `Usage: kuzet reclassify [--data DIR] [--all]

Re-runs the classifier over stored articles whose classifier_version differs from the current
one (or every article with --all), records the new version, re-indexes their search terms, and
shows progress on stderr.`;

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommand(argv, { all: { type: 'boolean' } }, USAGE);
  if (!parsed) return Number(process.exitCode ?? 0);
  const runtime = await openRuntime(parsed.config, { withSources: false });
  const { store, classifier } = runtime;
  const total = await store.count();
  const progress = progressOnStderr(total);
  let seen = 0;
  let changed = 0;
  try {
    for await (const batch of store.scan(null, 500)) {
      seen += batch.length;
      const stale = batch.filter(
        (a) => parsed.values.all || a.classification?.classifier_version !== classifier.version,
      );
      // Re-put whole articles so the store also re-derives their search terms with the current analyzer.
      const updated = stale.map((article) => {
        const lang = article.lang === 'und' ? undefined : article.lang;
        return { ...article, classification: classifier.classify(classifiedText(article), lang) };
      });
      // One transaction per batch where the store offers it (SQLite), else one write per article.
      if ('putArticles' in store) await (store as SqliteStore).putArticles(updated);
      else for (const article of updated) await store.putArticle(article);
      changed += updated.length;
      progress.update(seen);
    }
    await store.refresh();
  } finally {
    progress.end();
    await runtime.close();
  }
  console.log(JSON.stringify({ classifier_version: classifier.version, articles: seen, reclassified: changed }));
  return 0;
}
