/**
 * Grammar words the analyzer needs for scope — negators, reporting verbs and clause breakers — read from
 * lexicons/grammar/<lang>.yaml, one file per language, validated on first use.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { Lang } from '../domain.js';

export interface ScopeWords {
  /** Negate the words that follow (ru не, en not). */
  negatorsBefore: Set<string>;
  /** Negate the words that precede (kk емес, жоқ). */
  negatorsAfter: Set<string>;
  /** Prefixes of reporting verbs and attributions; a sentence holding one is reported speech. */
  reporting: string[];
  /** Words that end a negation scope. */
  breakers: Set<string>;
}

/** The languages with grammar files; any other language (und) uses Russian's. */
export const GRAMMAR_LANGS = ['ru', 'kk', 'en', 'uz', 'ky', 'tg'] as const;
export const GRAMMAR_DIR = fileURLToPath(new URL('../../lexicons/grammar/', import.meta.url));

const words = z.array(z.string().trim().min(1));
const GrammarFile = z.strictObject({
  language: z.enum(GRAMMAR_LANGS),
  negators_before: words,
  negators_after: words,
  reporting: words,
  breakers: words,
});

/** A grammar file failed validation; the message names the file and the field. */
export class GrammarError extends Error {
  override name = 'GrammarError';
}

/**
 * Reads and validates one language's grammar file.
 *
 * @example
 * readGrammar('kk').negatorsAfter.has('емес'); // true
 */
export function readGrammar(lang: (typeof GRAMMAR_LANGS)[number], dir = GRAMMAR_DIR): ScopeWords {
  const file = join(dir, `${lang}.yaml`);
  let data: unknown;
  try {
    data = parseYaml(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new GrammarError(`${file}: not readable YAML: ${(err as Error).message}`);
  }
  const parsed = GrammarFile.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new GrammarError(`${file}: field '${issue.path.join('.')}': ${issue.message}. Fix the file.`);
  }
  if (parsed.data.language !== lang)
    throw new GrammarError(`${file}: field 'language': '${parsed.data.language}' in the file of '${lang}'.`);
  const g = parsed.data;
  return {
    negatorsBefore: new Set(g.negators_before),
    negatorsAfter: new Set(g.negators_after),
    reporting: g.reporting,
    breakers: new Set(g.breakers),
  };
}

const loaded = new Map<Lang, ScopeWords>();

export function scopeWords(lang: Lang): ScopeWords {
  const known = (GRAMMAR_LANGS as readonly string[]).includes(lang) ? (lang as (typeof GRAMMAR_LANGS)[number]) : 'ru';
  let w = loaded.get(known);
  if (!w) {
    w = readGrammar(known);
    loaded.set(known, w);
  }
  return w;
}
