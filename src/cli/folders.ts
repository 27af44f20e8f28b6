/** Checks of the folders a command is pointed at, so a typo is an error instead of a new, empty database. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { didYouMean } from './did-you-mean.js';
import { UsageError } from './flags.js';

/** The SQLite database file inside a data folder. */
export const DATABASE_FILE = 'kuzet.db';

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** Folders beside `dir` (in its parent) that pass `keep`, as the user would type them. */
function siblings(dir: string, keep: (candidate: string) => boolean): string[] {
  const parent = path.dirname(dir);
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return [];
  }
  const prefix = parent === '.' && !dir.startsWith('./') ? '' : `${parent}${path.sep}`;
  return names.filter((n) => !n.startsWith('.') && keep(path.join(parent, n))).map((n) => `${prefix}${n}`);
}

/**
 * Whether `dataDir` holds a Kuzet database. Without one, `create` commands (serve, crawl, demo) go on and make it;
 * every other command stops with a UsageError naming the folder and a near folder that has one.
 *
 * @example
 * checkDataDir('./dta', 'existing') // throws: ./dta holds no Kuzet database (kuzet.db) (did you mean ./data?) …
 */
export function checkDataDir(dataDir: string, mode: 'create' | 'existing'): 'found' | 'new' {
  if (existsSync(path.join(dataDir, DATABASE_FILE))) return 'found';
  if (mode === 'create') return 'new';
  const near = didYouMean(
    dataDir,
    siblings(dataDir, (d) => existsSync(path.join(d, DATABASE_FILE))),
  );
  throw new UsageError(
    `${dataDir} holds no Kuzet database (${DATABASE_FILE})${near}; give the folder with --data or KUZET_DATA_DIR, or create one with 'kuzet crawl --once' or 'kuzet serve'`,
  );
}

/**
 * A sources folder that does not exist is a UsageError naming a near folder of source files.
 *
 * @example
 * checkSourcesDir('crawler') // throws: sources folder crawler does not exist (did you mean crawlers?)
 */
export function checkSourcesDir(dir: string): void {
  if (isDir(dir)) return;
  const hasSources = (d: string) => isDir(d) && readdirSync(d).some((n) => /\.(ya?ml|json)$/i.test(n));
  const near = didYouMean(dir, siblings(dir, hasSources));
  throw new UsageError(
    `sources folder ${dir} ${existsSync(dir) ? 'is not a folder' : 'does not exist'}${near}; give it with --sources or KUZET_SOURCES_DIR`,
  );
}
