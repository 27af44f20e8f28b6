/** Loads and validates the versioned lexicon files (lexicons/<lang>.yaml) with zod. */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { Lang } from '../domain.js';

export const CATEGORIES = [
  'target',
  'mention',
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

/**
 * What an entry does inside its category, for the categories whose entries play different parts:
 * `policy` entries are a migration `instrument` (quotas, permits, deportation, remittances, migration data) or only
 * `context` (laws, ministries, borders, the labour market); `counter` entries name xenophobia as a `topic`, report a
 * `court` case, `condemn`, or are an `argument` against blaming; `self` entries are the group's own voice (`we`) or
 * `irony`.
 */
export const ROLES_BY_CATEGORY = {
  policy: ['instrument', 'context'],
  counter: ['topic', 'court', 'condemn', 'argument'],
  self: ['we', 'irony'],
} as const satisfies Partial<Record<Category, readonly string[]>>;
export type Role = (typeof ROLES_BY_CATEGORY)[keyof typeof ROLES_BY_CATEGORY][number];
const ROLES = [...new Set(Object.values(ROLES_BY_CATEGORY).flat())] as [Role, ...Role[]];

const EntrySchema = z.strictObject({
  id: z.string().regex(/^[a-z]{2}\.[a-z_]+\.[a-z0-9_.-]+$/, 'expected <lang>.<category>.<name>, lower case'),
  pattern: z.string().trim().min(2, 'pattern must have at least 2 characters'),
  language: z.enum(LEXICON_LANGS).optional(),
  category: z.enum(CATEGORIES).optional(),
  role: z.enum(ROLES).optional(),
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
  /** The entry's part within its category (see {@link ROLES_BY_CATEGORY}); set exactly for those categories. */
  role?: Role;
  weight: number;
  note: string;
  group?: string;
  sense?: string;
  unless?: string[];
  fuzzy?: boolean;
}

export interface Lexicon {
  version: string;
  /** sha256 over VERSION, every lexicon file and every grammar file (lexicons/grammar), in name order. */
  sha256: string;
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
      const roles: readonly string[] | undefined = (ROLES_BY_CATEGORY as Partial<Record<Category, readonly string[]>>)[
        entry.category
      ];
      if (roles ? !entry.role || !roles.includes(entry.role) : entry.role)
        throw new LexiconError(
          `${file}: entry '${e.id}' field 'role': ${roles ? `${entry.category} entries need a role, one of ${roles.join(', ')}` : `${entry.category} entries take no role`}.`,
        );
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
  const digest = createHash('sha256').update(version);
  for (const f of files) {
    const path = join(dir, f);
    let data: unknown;
    try {
      const raw = await readFile(path, 'utf8');
      digest.update(`\0${f}\0${raw}`);
      data = parseYaml(raw);
    } catch (err) {
      throw new LexiconError(`${path}: not valid YAML: ${(err as Error).message}`);
    }
    for (const e of parseLexiconFile(path, data)) {
      if (seen.has(e.id)) throw new LexiconError(`${path}: entry '${e.id}' field 'id': duplicate id.`);
      seen.add(e.id);
      entries.push(e);
    }
  }
  // The analyzer's grammar words (lexicons/grammar) change classifications too: they are part of the digest.
  const grammarDir = join(dir, 'grammar');
  const grammar = (await readdir(grammarDir).catch(() => [] as string[])).filter((f) => /\.ya?ml$/.test(f)).sort();
  for (const f of grammar) digest.update(`\0grammar/${f}\0${await readFile(join(grammarDir, f), 'utf8')}`);
  return { version, sha256: digest.digest('hex'), entries, files };
}
