import { type ReclassifyCounts, reclassifyStored } from '../../pipeline/reclassify.js';
import { parseCommand } from '../flags.js';
import { progressOnStderr } from '../progress.js';
import { openRuntime } from '../runtime.js';

const USAGE = `Usage: kuzet reclassify [--data DIR] [--all]

Re-runs the classifier over stored articles whose classifier_version differs from the current
one (or every article with --all) and writes back the new classifications with their version (text
and search terms stay as stored), showing progress on stderr.`;

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommand(argv, { all: { type: 'boolean' } }, USAGE);
  if (!parsed) return Number(process.exitCode ?? 0);
  const runtime = await openRuntime(parsed.config, { withSources: false });
  const { store, classifier } = runtime;
  const total = await store.count();
  const progress = progressOnStderr(total);
  let counts: ReclassifyCounts;
  try {
    counts = await reclassifyStored(store, classifier, {
      all: parsed.values.all === true,
      onBatch: (seen) => progress.update(seen),
    });
  } finally {
    progress.end();
    await runtime.close();
  }
  console.log(
    JSON.stringify({
      classifier_version: classifier.version,
      articles: counts.articles,
      reclassified: counts.reclassified,
    }),
  );
  return 0;
}
