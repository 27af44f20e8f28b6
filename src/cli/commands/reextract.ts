import type { Article, CaptureRef, Source } from '../../domain.js';
import type { EvidenceStore } from '../../evidence/port.js';
import { extractorVersion } from '../../extract/version.js';
import { processDocument } from '../../pipeline/process-document.js';
import { readAgain } from '../../pipeline/read-again.js';
import { parseCommand } from '../flags.js';
import { progressOnStderr } from '../progress.js';
import { openRuntime } from '../runtime.js';

const USAGE = `Usage: kuzet reextract [--data DIR] [--sources DIR] [--source ID] [--all]

Re-runs extraction, then classification, over the kept captures of stored articles and posts whose
extractor_version differs from the current one (or all of them with --all), optionally of one source.
Prints one JSON line per item whose title, text, date, author or language changed, then a summary;
progress goes to stderr. Each item is stored with the new version as it is done, so a run that is
stopped resumes where it was.`;

const FIELDS = ['title', 'text', 'published_at', 'author', 'lang'] as const;

/** The newest capture that served the page (2xx). */
const pageCapture = (a: Article): CaptureRef | undefined =>
  [...(a.captures ?? [])].reverse().find((c) => c.status >= 200 && c.status < 300);

async function reread(article: Article, source: Source, evidence: EvidenceStore) {
  const ref = pageCapture(article);
  if (!ref) return { outcome: 'without_capture' as const };
  const [record, body] = await Promise.all([evidence.getCapture(ref.id), evidence.captureBody(ref.digest)]);
  if (!record || !body) return { outcome: 'without_capture' as const };
  const doc = readAgain(article, source, { ...record, body });
  return doc ? { outcome: 'read' as const, doc } : { outcome: 'no_text' as const };
}

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommand(argv, { all: { type: 'boolean' }, source: { type: 'string' } }, USAGE);
  if (!parsed) return Number(process.exitCode ?? 0);
  const runtime = await openRuntime(parsed.config);
  const { store, evidence, classifier, sources } = runtime;
  const only = typeof parsed.values.source === 'string' ? parsed.values.source : null;
  if (only && !sources.has(only)) {
    await runtime.close();
    console.error(`kuzet reextract: no source '${only}' in ${parsed.config.sourcesDir}`);
    return 2;
  }
  const filters = only ? { sources: [only] } : null;
  let total = 0;
  for await (const batch of store.scanSummaries(filters, 1000)) total += batch.length;
  const progress = progressOnStderr(total);
  const counts = { articles: 0, reextracted: 0, changed: 0, current: 0, without_capture: 0, no_text: 0, no_source: 0 };
  try {
    for await (const batch of store.scan(filters, 200)) {
      for (const article of batch) {
        counts.articles++;
        const source = sources.get(article.source_id);
        if (!source) {
          counts.no_source++;
          continue;
        }
        const version = extractorVersion(source);
        if (!parsed.values.all && article.extractor_version === version) {
          counts.current++;
          continue;
        }
        const result = await reread(article, source, evidence);
        if (result.outcome !== 'read') {
          counts[result.outcome]++;
          continue;
        }
        const { article: next } = await processDocument(result.doc, {
          store,
          classifier,
          countryOf: (id) => sources.get(id)?.country ?? null,
          asEdit: false,
        });
        counts.reextracted++;
        const changed = FIELDS.filter((f) => (article[f] ?? null) !== (next[f] ?? null));
        if (changed.length) {
          counts.changed++;
          console.log(
            JSON.stringify({
              id: article.id,
              changed,
              from: article.extractor_version ?? null,
              to: version,
              chars: [article.text.length, next.text.length],
            }),
          );
        }
      }
      progress.update(counts.articles);
    }
    await store.refresh();
  } finally {
    progress.end();
    await runtime.close();
  }
  console.log(JSON.stringify({ summary: true, ...counts }));
  return 0;
}
