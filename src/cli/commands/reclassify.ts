import { classifiedText } from '../../domain.js';
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
      for (const article of batch) {
        seen++;
        if (!parsed.values.all && article.classification?.classifier_version === classifier.version) continue;
        const lang = article.lang === 'und' ? undefined : article.lang;
        // Re-put the whole article so the store also re-derives its search terms with the current analyzer.
        await store.putArticle({ ...article, classification: classifier.classify(classifiedText(article), lang) });
        changed++;
      }
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
