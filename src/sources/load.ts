import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import YAML from 'yaml';
import type { z } from 'zod';
import type { Source } from '../domain.js';
import { SOURCE_KEYS, SourceFileSchema } from './schema.js';

/** Why one source file was skipped; `message` is the whole line, e.g. `crawlers/x.yaml: feeds[0]: Invalid URL`. */
export interface SourceFileError {
  file: string;
  /** The offending field (`feeds[0]`, `feed`), absent for file-level problems. */
  field?: string;
  message: string;
}

const SOURCE_FILE = /\.(ya?ml|json)$/i;

function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

function fieldPath(parts: PropertyKey[]): string {
  return parts.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const next = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = row[j];
      row[j] = next;
    }
  }
  return row[b.length];
}

/** The known key closest to a misspelt one, when it is close enough to be a typo. */
export function suggestKey(key: string, known: string[] = SOURCE_KEYS): string | undefined {
  const lower = key.toLowerCase();
  const ranked = known.map((k) => ({ k, d: editDistance(lower, k) })).sort((a, b) => a.d - b.d);
  const best = ranked[0];
  return best && best.d <= Math.max(2, Math.floor(key.length / 3)) ? best.k : undefined;
}

function issueErrors(file: string, issues: z.core.$ZodIssue[]): SourceFileError[] {
  const errors: SourceFileError[] = [];
  for (const issue of issues) {
    const base = fieldPath(issue.path);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const field = base ? `${base}.${key}` : key;
        const hint = suggestKey(key);
        const message = `unknown key "${key}"${hint ? ` (did you mean ${hint}?)` : ''}`;
        errors.push({ file, field, message: `${file}: ${field}: ${message}` });
      }
      continue;
    }
    const field = base || undefined;
    errors.push({ file, field, message: `${file}: ${field ? `${field}: ` : ''}${issue.message}` });
  }
  return errors;
}

function parseFile(file: string, text: string): unknown {
  if (file.toLowerCase().endsWith('.json')) return JSON.parse(text);
  const doc = YAML.parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length) throw new Error(doc.errors[0].message.split('\n')[0]);
  return doc.toJS();
}

/**
 * Reads one source definition file (YAML or JSON holding a single mapping) into a Source.
 * Returns the errors instead when the file cannot be parsed or does not validate.
 */
export function parseSourceFile(file: string, text: string): { source?: Source; errors: SourceFileError[] } {
  const shown = displayPath(file);
  let raw: unknown;
  try {
    raw = parseFile(file, text);
  } catch (err) {
    return { errors: [{ file: shown, message: `${shown}: cannot parse: ${(err as Error).message}` }] };
  }
  if (raw === null || raw === undefined) return { errors: [{ file: shown, message: `${shown}: file is empty` }] };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    const message = `${shown}: expected one source (a mapping of keys such as name, feeds), found ${Array.isArray(raw) ? 'a list' : typeof raw}`;
    return { errors: [{ file: shown, message }] };
  }
  const parsed = SourceFileSchema.safeParse(raw);
  if (!parsed.success) return { errors: issueErrors(shown, parsed.error.issues) };
  const { note: _note, id, ...rest } = parsed.data;
  const fallbackId = path.basename(file).replace(SOURCE_FILE, '').toLowerCase();
  const source: Source = { ...rest, id: id ?? fallbackId, file: shown };
  if (!/^[a-z0-9-]+$/.test(source.id)) {
    return {
      errors: [
        {
          file: shown,
          field: 'id',
          message: `${shown}: id: set an id of lowercase letters, digits and "-" (the file name "${fallbackId}" cannot be used)`,
        },
      ],
    };
  }
  return { source, errors: [] };
}

/**
 * Loads every `*.yaml`, `*.yml` and `*.json` file in `dir` (one source per file; files starting with `_` or `.` are
 * ignored). A file that fails to parse or validate is skipped and reported; duplicate ids keep the first file.
 *
 * @example
 * const { sources, errors } = await loadSources('crawlers');
 * for (const e of errors) console.error(e.message); // crawlers/tengrinews.yaml: feeds[0]: Invalid URL ...
 */
export async function loadSources(dir: string): Promise<{ sources: Source[]; errors: SourceFileError[] }> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    const message = `${dir}: cannot read the sources directory (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); no sources loaded`;
    return { sources: [], errors: [{ file: dir, message }] };
  }
  const sources: Source[] = [];
  const errors: SourceFileError[] = [];
  const byId = new Map<string, string>();
  for (const name of names.filter((n) => SOURCE_FILE.test(n) && !/^[._]/.test(n)).sort()) {
    const file = path.join(dir, name);
    const text = await readFile(file, 'utf8').catch((err: Error) => err);
    if (text instanceof Error) {
      errors.push({ file: displayPath(file), message: `${displayPath(file)}: cannot read: ${text.message}` });
      continue;
    }
    const result = parseSourceFile(file, text);
    errors.push(...result.errors);
    if (!result.source) continue;
    const first = byId.get(result.source.id);
    if (first) {
      const shown = result.source.file ?? file;
      errors.push({
        file: shown,
        field: 'id',
        message: `${shown}: id: duplicate id "${result.source.id}" (already defined in ${first}); file skipped`,
      });
      continue;
    }
    byId.set(result.source.id, result.source.file ?? file);
    sources.push(result.source);
  }
  return { sources, errors };
}
