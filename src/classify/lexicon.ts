/** Loads and validates the versioned lexicon files (lexicons/<lang>.yaml) with zod. */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { Lang } from '../domain.js';

export const CATEGORIES = [
  'target',
  'slur',
  'dehumanizing',
  'derogatory',
  'blame',
  'collective',
  'hostile',
  'violence',
  'expulsion',
  'denial',
  'policy',
  'labour',
  'counter',
  'reporting',
  'endorse',
  'self',
  'positive',
  'negative',
  'sense',
] as const;
export type Category = (typeof CATEGORIES)[number];

const LEXICON_LANGS = ['ru', 'kk', 'en', 'uz', 'ky', 'tg'] as const;

const EntrySchema = z.strictObject({
  id: z.string().regex(/^[a-z]{2}\.[a-z_]+\.[a-z0-9_.-]+$/, 'expected <lang>.<category>.<name>, lower case'),
  pattern: z.string().trim().min(2, 'pattern must have at least 2 characters'),
  language: z.enum(LEXICON_LANGS).optional(),
  category: z.enum(CATEGORIES).optional(),
  weight: z.number().min(0).max(5).optional(),
  note: z.string().min(1, 'every entry needs a note'),
  group: z
    .string()
    .regex(/^[a-z_]+$/)
    .optional(),
  sense: z
    .string()
    .regex(/^[a-z_]+$/)
    .optional(),
  unless: z.array(z.string().regex(/^[a-z_]+$/)).optional(),
  fuzzy: z.boolean().optional(),
});

const FileSchema = z.strictObject({
  language: z.enum(LEXICON_LANGS),
  sections: z.array(
    z.strictObject({
      category: z.enum(CATEGORIES),
      weight: z.number().min(0).max(5),
      entries: z.array(EntrySchema).min(1),
    }),
  ),
});

/** One lexicon entry after section defaults are applied. */
export interface LexiconEntry {
  id: string;
  pattern: string;
  language: Lang;
  category: Category;
  weight: number;
  note: string;
  group?: string;
  sense?: string;
  unless?: string[];
  fuzzy?: boolean;
}

export interface Lexicon {
  version: string;
  entries: LexiconEntry[];
  files: string[];
}

/** A lexicon file failed validation; the message names the file, the entry and the field. */
export class LexiconError extends Error {
  override name = 'LexiconError';
}

export const DEFAULT_LEXICON_DIR = fileURLToPath(new URL('../../lexicons/', import.meta.url));

function checkRegexp(file: string, e: LexiconEntry): void {
  const m = /^\/(.+)\/([a-z]*)$/.exec(e.pattern);
  if (!m) return;
  try {
    new RegExp(m[1], m[2].includes('u') ? m[2] : `${m[2]}u`);
  } catch (err) {
    throw new LexiconError(
      `${file}: entry '${e.id}' field 'pattern': bad regexp ${e.pattern}: ${(err as Error).message}. Fix the pattern; the lexicon was not loaded.`,
    );
  }
}

/**
 * Validates one parsed lexicon file and flattens its sections into entries.
 *
 * @example
 * parseLexiconFile('ru.yaml', { language: 'ru', sections: [] }); // []
 */
export function parseLexiconFile(file: string, data: unknown): LexiconEntry[] {
  const parsed = FileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue.path;
    let where = path.join('.');
    if (path[0] === 'sections' && path[2] === 'entries' && typeof path[3] === 'number') {
      const raw = (data as { sections: { entries: { id?: string }[] }[] }).sections[path[1] as number].entries[path[3]];
      const field = path.slice(4).join('.') || '(entry)';
      where = `entry '${raw?.id ?? `#${path[3]}`}' field '${field}'`;
    }
    throw new LexiconError(`${file}: ${where}: ${issue.message}. Fix the file; the lexicon was not loaded.`);
  }
  const out: LexiconEntry[] = [];
  for (const section of parsed.data.sections) {
    for (const e of section.entries) {
      const entry: LexiconEntry = {
        ...e,
        language: e.language ?? parsed.data.language,
        category: e.category ?? section.category,
        weight: e.weight ?? section.weight,
      };
      if (entry.language !== parsed.data.language) {
        throw new LexiconError(
          `${file}: entry '${e.id}' field 'language': '${entry.language}' differs from the file language '${parsed.data.language}'.`,
        );
      }
      if (entry.category === 'sense' && !entry.sense)
        throw new LexiconError(`${file}: entry '${e.id}' field 'sense': sense entries need a sense tag.`);
      checkRegexp(file, entry);
      out.push(entry);
    }
  }
  return out;
}

/**
 * Reads lexicons/VERSION and every lexicons/*.yaml, validating each; duplicate ids are an error.
 *
 * @example
 * const lex = await loadLexicon();
 * lex.version; // '2025.11.0'
 */
export async function loadLexicon(dir = DEFAULT_LEXICON_DIR): Promise<Lexicon> {
  const version = (
    await readFile(join(dir, 'VERSION'), 'utf8').catch(() => {
      throw new LexiconError(`${join(dir, 'VERSION')}: missing; write the lexicon version there.`);
    })
  ).trim();
  const files = (await readdir(dir)).filter((f) => /\.ya?ml$/.test(f)).sort();
  const entries: LexiconEntry[] = [];
  const seen = new Set<string>();
  for (const f of files) {
    const path = join(dir, f);
    let data: unknown;
    try {
      data = parseYaml(await readFile(path, 'utf8'));
    } catch (err) {
      throw new LexiconError(`${path}: not valid YAML: ${(err as Error).message}`);
    }
    for (const e of parseLexiconFile(path, data)) {
      if (seen.has(e.id)) throw new LexiconError(`${path}: entry '${e.id}' field 'id': duplicate id.`);
      seen.add(e.id);
      entries.push(e);
    }
  }
  return { version, entries, files };
}
