import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { decodeHtml, extractArticle } from '../../extract/index.js';
import { parseFlags } from '../flags.js';

const USAGE = `Usage: kuzet extract FILE... [--url URL]

Extracts the article of each HTML file (gzip accepted) and prints one JSON line per file:
{file, url, title, text, published_at, author, lang}. A file that cannot be read prints {file, error}
and the others continue; the exit code is 1 when any file failed.

  --url URL   page URL, used to resolve the canonical link and read a date from the path
              (default: file:// URL of each file)`;

/** Reads an HTML file, gunzipping it when it starts with the gzip magic bytes; rejects binary content. */
export async function readHtmlFile(file: string): Promise<string> {
  let bytes = await readFile(file);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes);
    } catch (error) {
      throw new Error(`corrupt gzip data (${(error as Error).message})`);
    }
  }
  if (bytes.subarray(0, 4096).includes(0)) throw new Error('binary content, not HTML');
  return decodeHtml(bytes);
}

/**
 * `kuzet extract`: one JSON line per file on stdout, reasons for failures on stderr.
 *
 * @example
 * await run(['page.html.gz', '--url', 'https://example.kz/news/1']); // 0
 */
export async function run(argv: string[]): Promise<number> {
  const parsed = parseFlags<{ url?: string }>('extract', argv, { url: { type: 'string' } }, USAGE);
  if (typeof parsed === 'number') return parsed;
  if (parsed.positionals.length === 0) {
    console.error(`kuzet extract: no FILE given\n\n${USAGE}`);
    return 2;
  }
  let failed = 0;
  const out: string[] = [];
  const emit = (line: object) => {
    out.push(JSON.stringify(line));
    if (out.length >= 64) process.stdout.write(`${out.splice(0).join('\n')}\n`);
  };
  for (const file of parsed.positionals) {
    const url = parsed.values.url ?? new URL(file, `file://${process.cwd()}/`).href;
    try {
      const html = await readHtmlFile(file);
      const { title, text, published_at, author, lang } = extractArticle(html, url);
      emit({ file, url, title, text, published_at, author, lang });
    } catch (error) {
      failed++;
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message;
      emit({ file, error: reason });
      console.error(`kuzet extract: skipped ${file}: ${reason}`);
    }
  }
  if (out.length > 0) process.stdout.write(`${out.join('\n')}\n`);
  return failed > 0 ? 1 : 0;
}
