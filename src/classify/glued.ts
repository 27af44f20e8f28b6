/** Splits English tokens glued from several words ("killallimmigrants") into the lexicon and grammar words they hold. */
import type { AnalyzedToken } from '../text/index.js';
import { scopeWords } from '../text/scope-words.js';
import type { LexiconEntry } from './lexicon.js';

const GRAMMAR_WORDS =
  'a i all are is am be was were being been the an to of and or in on at by for with from them they their these ' +
  'those this that we you he she it its our us my me your his her so such just like should must will would can ' +
  'could shall every any some no not never nothing dont do does did have has had get go out back up down here ' +
  'there more most less than as what who why how really truly totally absolutely completely utterly very too only ' +
  'ever always people person country deserve want need let make each one ones many lot whole entire';
const ENDINGS = ['', 's', 'es', 'ed', 'd', 'ing', 'er', 'ers'];
const MIN_GLUED = 8;
const MAX_PIECE = 24;
const NEGATION_SPAN = 5;
const MEMO_LIMIT = 50_000;

export interface GluedSplitter {
  /** The pieces of one normalised token, or null when it is not a glue of known words with a lexicon word in it. */
  split(norm: string): string[] | null;
  negators: Set<string>;
}

/**
 * Builds the splitter from the single words of the English lexicon (exact words and stem prefixes) and a short
 * list of grammar words. A token splits only when every piece is known and at least one is a lexicon word.
 *
 * @example
 * gluedSplitter(entries).split('killallimmigrants'); // ['kill', 'all', 'immigrants']
 */
export function gluedSplitter(entries: LexiconEntry[]): GluedSplitter {
  const exact = new Set<string>();
  const stems = new Set<string>();
  const grammar = new Set(GRAMMAR_WORDS.split(' '));
  for (const e of entries) {
    if (e.category === 'sense' || e.pattern.startsWith('/')) continue;
    for (const alt of e.pattern.toLowerCase().split('|')) {
      const words = alt.trim().split(/\s+/);
      for (const w of words) {
        if (!/^=?[a-z']+$/.test(w)) continue;
        const bare = w.replace(/^=/, '').replace(/'/g, '');
        if (words.length > 1 || e.category === 'collective') grammar.add(bare);
        else if (w.startsWith('=')) exact.add(bare);
        else if (w.length >= 4) stems.add(bare);
      }
    }
  }
  const lexical = (piece: string): boolean => {
    if (exact.has(piece)) return true;
    for (const end of ENDINGS)
      if (piece.length >= end.length + 4 && piece.endsWith(end) && stems.has(piece.slice(0, piece.length - end.length)))
        return true;
    return false;
  };
  const memo = new Map<string, string[] | null>();
  const split = (norm: string): string[] | null => {
    if (norm.length < MIN_GLUED || !/^[a-z]+$/.test(norm)) return null;
    const hit = memo.get(norm);
    if (hit !== undefined) return hit;
    const n = norm.length;
    const best: ({ pieces: string[]; lex: number } | null)[] = new Array(n + 1).fill(null);
    best[n] = { pieces: [], lex: 0 };
    for (let i = n - 1; i >= 0; i--) {
      for (let j = Math.min(n, i + MAX_PIECE); j > i; j--) {
        const rest = best[j];
        if (!rest) continue;
        const piece = norm.slice(i, j);
        if (piece.length < 2 && (i > 0 || (piece !== 'a' && piece !== 'i'))) continue;
        const isLex = lexical(piece);
        if (!isLex && !grammar.has(piece)) continue;
        if (isLex && piece.length < 3) continue;
        const cand = { pieces: [piece, ...rest.pieces], lex: rest.lex + (isLex ? 1 : 0) };
        const cur = best[i];
        if (
          !cur ||
          cand.pieces.length < cur.pieces.length ||
          (cand.pieces.length === cur.pieces.length && cand.lex > cur.lex)
        )
          best[i] = cand;
      }
    }
    const out = best[0] && best[0].pieces.length > 1 && best[0].lex > 0 ? best[0].pieces : null;
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(norm, out);
    return out;
  };
  const w = scopeWords('en');
  return { split, negators: new Set([...w.negatorsBefore, 'dont', 'never', 'not', 'no']) };
}

/**
 * Replaces glued tokens that match nothing on their own by their pieces, with offsets inside the original token;
 * a negator piece negates the pieces after it.
 *
 * @example
 * splitGlued(tokens, splitter, (norm) => lexiconHit(norm));
 */
export function splitGlued(
  tokens: AnalyzedToken[],
  splitter: GluedSplitter,
  known: (norm: string) => boolean,
): AnalyzedToken[] {
  let out: AnalyzedToken[] | null = null;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const pieces = t.norm.length >= MIN_GLUED && !known(t.norm) ? splitter.split(t.norm) : null;
    if (!pieces) {
      out?.push(t);
      continue;
    }
    if (!out) out = tokens.slice(0, i);
    const aligned = t.text.length === t.norm.length;
    let at = 0;
    let negLeft = 0;
    for (const p of pieces) {
      const start = aligned ? t.start + at : t.start;
      const end = aligned ? start + p.length : t.end;
      out.push({
        ...t,
        text: aligned ? t.text.slice(at, at + p.length) : t.text,
        norm: p,
        start,
        end,
        negated: t.negated || negLeft > 0,
      });
      if (negLeft > 0) negLeft--;
      if (splitter.negators.has(p)) negLeft = NEGATION_SPAN;
      at += p.length;
    }
  }
  return out ?? tokens;
}
