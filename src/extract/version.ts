/**
 * The extractor's version, like the classifier's: anything that can change what is extracted from a stored
 * page is part of it. That is the extraction code (this folder and the Telegram preview parser, hashed as
 * shipped), the parsing libraries' pinned versions, and the source's own selectors and language hints.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import type { Source } from '../domain.js';

const LIBRARIES = ['cheerio', 'franc', 'iconv-lite'];

function codeHash(): string {
  const hash = createHash('sha256');
  const dir = new URL('.', import.meta.url);
  const files = readdirSync(dir)
    .filter((f) => /\.(ts|js)$/.test(f))
    .sort()
    .map((f) => new URL(f, dir));
  files.push(new URL('../crawl/telegram.ts', import.meta.url));
  for (const file of files) {
    hash.update(file.pathname.split('/').slice(-2).join('/'));
    hash.update(readFileSync(file));
  }
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  for (const lib of LIBRARIES) hash.update(`${lib}@${pkg.dependencies?.[lib] ?? '?'}`);
  return hash.digest('hex').slice(0, 8);
}

/** The extraction code's part of every version; changes when the code or a parsing library changes. */
export const EXTRACTOR_CODE = codeHash();

/**
 * The version of what extracted a source's items: `html-<code>` or `telegram-<code>`, plus `+src-<hash>` of
 * the source's selectors and language hints.
 *
 * @example
 * extractorVersion({ kind: 'news', selectors: { body: '.article' }, languages: ['ru'] }); // 'html-1a2b3c4d+src-5e6f7a'
 */
export function extractorVersion(source: Pick<Source, 'kind' | 'selectors' | 'languages'>): string {
  const kind = source.kind === 'telegram' ? 'telegram' : 'html';
  const settings = JSON.stringify({ selectors: source.selectors ?? null, languages: source.languages ?? [] });
  return `${kind}-${EXTRACTOR_CODE}+src-${createHash('sha256').update(settings).digest('hex').slice(0, 6)}`;
}
