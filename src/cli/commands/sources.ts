import { checkSources } from '../../crawl/check.js';
import { logger } from '../../log.js';
import { loadSources } from '../../sources/index.js';
import { checkTable } from '../check-table.js';
import { crawlOptionsFrom } from '../crawl-options.js';
import { parseCommand } from '../flags.js';

const USAGE = `Usage: kuzet sources check [--only ID[,ID...]] [--sources DIR] [--json]

Fetches every entry point of each enabled source once (feeds, sitemaps, listings, the
channel page), through the crawler itself but following and storing nothing, and prints a
table: HTTP status, Content-Type, items found, newest item date, robots.txt verdict, result.
--only checks the named sources (disabled ones too); --json prints one JSON line per source.

Exits 1 when an enabled source checked has no working entry point, or when (without --only)
a source file was rejected; 0 otherwise.`;

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommand(argv, { only: { type: 'string' }, json: { type: 'boolean' } }, USAGE);
  if (!parsed) return Number(process.exitCode ?? 0);
  const [action, ...extra] = parsed.positionals;
  if (action !== 'check' || extra.length) {
    console.error(
      `kuzet sources: ${action ? `unknown action '${[action, ...extra].join(' ')}'` : 'name an action'}\n\n${USAGE}`,
    );
    return 2;
  }
  const { sources, errors } = await loadSources(parsed.config.sourcesDir);
  const only = typeof parsed.values.only === 'string' ? parsed.values.only.split(',').map((id) => id.trim()) : null;
  const known = new Set(sources.map((s) => s.id));
  const unknown = only?.filter((id) => !known.has(id)) ?? [];
  if (unknown.length) {
    console.error(
      `kuzet sources check: no source with id ${unknown.map((id) => `'${id}'`).join(', ')} in ${parsed.config.sourcesDir}`,
    );
    return 2;
  }
  const chosen = sources.filter((s) => (only ? only.includes(s.id) : s.enabled));
  const reports = await checkSources(chosen, {
    options: { ...crawlOptionsFrom(parsed.config), maxRetries: 1 },
    log: logger('sources-check'),
  });
  const dead = reports.filter((r, i) => !r.ok && chosen[i].enabled).map((r) => r.source_id);
  if (parsed.values.json) {
    for (const [i, report] of reports.entries()) console.log(JSON.stringify({ name: chosen[i].name, ...report }));
  } else {
    console.log(checkTable(reports));
    console.log(
      `\n${reports.length} sources checked: ${reports.length - dead.length} with a working entry point` +
        (dead.length ? `, ${dead.length} without: ${dead.join(', ')}` : ''),
    );
  }
  for (const error of errors) console.error(`rejected: ${error.message}`);
  if (errors.length)
    console.error(
      `${errors.length} source file problem${errors.length === 1 ? '' : 's'}; those files were not checked`,
    );
  return dead.length || (errors.length && !only) ? 1 : 0;
}
