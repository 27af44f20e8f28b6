import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ApiError } from '../../api/errors.js';
import { exportParams, FILTER_KEYS, readParams, toFilters } from '../../api/params.js';
import { resolveCrawlOptions } from '../../crawl/index.js';
import { warcFile } from '../../evidence/warc.js';
import { parseCommand } from '../flags.js';
import { openRuntime } from '../runtime.js';

const USAGE = `Usage: kuzet export-warc --out FILE.warc.gz [--q QUERY] [--label L] [--min_severity N] [--target T]
                         [--source ID] [--lang L] [--country C] [--from DATE] [--to DATE] [--deleted true|false]
                         [--data DIR]

Writes the kept captures of every article matching the search (the same q and filters as /api/search;
list filters take comma-separated values) as a WARC 1.1 file: request and response records for each
capture and a metadata record per article with its labels, evidence, versions and deletion.`;

const FLAG_NAMES = FILTER_KEYS.filter((k) => k !== 'source');

export async function run(argv: string[]): Promise<number> {
  const flags = Object.fromEntries(FLAG_NAMES.map((k) => [k, { type: 'string' as const }]));
  const parsed = parseCommand(argv, { ...flags, source: { type: 'string' }, out: { type: 'string' } }, USAGE);
  if (!parsed) return Number(process.exitCode ?? 0);
  const out = parsed.values.out;
  if (typeof out !== 'string' || !out) {
    console.error(`kuzet export-warc: --out FILE.warc.gz is required\n\n${USAGE}`);
    return 2;
  }
  const url = new URL('http://kuzet.invalid/');
  for (const key of FILTER_KEYS) {
    const value = parsed.values[key];
    if (typeof value === 'string') url.searchParams.set(key, value);
  }
  let selection: ReturnType<typeof toFilters>;
  try {
    selection = toFilters(readParams(url, exportParams));
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    console.error(`kuzet export-warc: --${error.message}\n\n${USAGE}`);
    return 2;
  }
  const runtime = await openRuntime(parsed.config, { withSources: false });
  const stats = { articles: 0, captures: 0, missing: 0 };
  const temp = `${out}.partial`;
  try {
    const records = warcFile(
      runtime.store.scan(selection.filters, 200, selection.query),
      runtime.evidence,
      {
        userAgent: resolveCrawlOptions({ userAgent: parsed.config.userAgent }).userAgent,
        publicUrl: parsed.config.publicUrl ?? null,
        software: 'Kuzet (warcio.js)',
        filename: basename(out),
      },
      stats,
    );
    // Written beside the target and renamed at the end, so a stopped export leaves no truncated file.
    await pipeline(Readable.from(records), createWriteStream(temp));
    await rename(temp, out);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  } finally {
    await runtime.close();
  }
  console.log(JSON.stringify({ out, ...stats }));
  return 0;
}
