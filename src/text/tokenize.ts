/** Unicode tokenizer with exact offsets, de-obfuscation and re-joining of spaced-out letters. */
import type { Lang } from '../domain.js';
import { collapseRuns, deobfuscate, foldCase } from './normalize.js';

export interface RawToken {
  /** The original characters, `source.slice(start, end)`. */
  text: string;
  /** Lower-cased, ё→е, look-alikes mapped, `*` removed. */
  norm: string;
  /** `norm` with `*` kept, for wildcard matching of masked words (ч*рки); undefined when there is no `*`. */
  masked?: string;
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}@$](?:[\p{L}\p{N}\p{M}]|[@$](?=[\p{L}\p{N}*])|\*|['’ʻʼ‘`](?=\p{L}))*/gu;
const SPACED_GAP = /^[\s.\-_*·]{1,2}$/;
const MIN_SPACED_RUN = 3;

function plainWord(w: string): boolean {
  let cyr = false;
  let lat = false;
  let prev = 0;
  let run = 0;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c === 0x451) return false;
    if (c >= 0x400 && c <= 0x4ff) cyr = true;
    else if (c >= 97 && c <= 122) lat = true;
    else if ((c < 128 && c !== 39) || (c >= 0x2018 && c <= 0x2019) || c === 0x2bb || c === 0x2bc) return false;
    run = c === prev ? run + 1 : 1;
    if (run >= 3) return false;
    prev = c;
  }
  return !(cyr && lat);
}

interface Normalized {
  norm: string;
  masked?: string;
}

const NORM_MEMO_LIMIT = 100_000;
const normMemo = new Map<Lang, Map<string, Normalized>>();

function normalizeCached(lowered: string, lang: Lang, memo: Map<string, Normalized>): Normalized {
  let hit = memo.get(lowered);
  if (hit) return hit;
  hit = normalizeWord(lowered, lang);
  if (memo.size >= NORM_MEMO_LIMIT) memo.clear();
  memo.set(lowered, hit);
  return hit;
}

function normalizeWord(lowered: string, lang: Lang): Normalized {
  if (plainWord(lowered)) return { norm: lowered };
  const folded = collapseRuns(deobfuscate(foldCase(lowered), lang));
  if (!folded.includes('*')) return { norm: folded };
  const trimmed = folded.replace(/\*+$/, '');
  return { norm: trimmed.replace(/\*/g, ''), masked: trimmed.includes('*') ? trimmed : undefined };
}

function mergeSpacedLetters(text: string, tokens: RawToken[]): RawToken[] {
  const out: RawToken[] = [];
  let i = 0;
  while (i < tokens.length) {
    let j = i;
    while (
      j + 1 < tokens.length &&
      tokens[j].norm.length === 1 &&
      tokens[j + 1].norm.length === 1 &&
      SPACED_GAP.test(text.slice(tokens[j].end, tokens[j + 1].start))
    ) {
      j++;
    }
    if (j - i + 1 >= MIN_SPACED_RUN) {
      const run = tokens.slice(i, j + 1);
      const start = run[0].start;
      const end = run[run.length - 1].end;
      out.push({ text: text.slice(start, end), norm: run.map((t) => t.norm).join(''), start, end });
      i = j + 1;
    } else {
      out.push(tokens[i]);
      i++;
    }
  }
  return out;
}

/**
 * Splits text into word tokens with offsets into the original string.
 *
 * @example
 * tokenize('Ч у р к и, 4урка!', 'ru').map((t) => t.norm); // ['чурки', 'чурка']
 */
export function tokenize(text: string, lang: Lang): RawToken[] {
  const tokens: RawToken[] = [];
  let singles = 0;
  let memo = normMemo.get(lang);
  if (!memo) {
    memo = new Map();
    normMemo.set(lang, memo);
  }
  const lower = text.toLowerCase();
  const aligned = lower.length === text.length;
  const source = aligned ? lower : text;
  WORD.lastIndex = 0;
  for (let m = WORD.exec(source); m !== null; m = WORD.exec(source)) {
    const start = m.index;
    const end = start + m[0].length;
    const raw = aligned ? text.slice(start, end) : m[0];
    const { norm, masked } = normalizeCached(aligned ? m[0] : foldCase(raw), lang, memo);
    if (!norm) continue;
    if (norm.length === 1) singles++;
    tokens.push(masked ? { text: raw, norm, masked, start, end } : { text: raw, norm, start, end });
  }
  return singles >= MIN_SPACED_RUN ? mergeSpacedLetters(text, tokens) : tokens;
}
