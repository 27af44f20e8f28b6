/** Compiles lexicon patterns into a per-language index and finds entry matches in analysed tokens. */
import type { AnalyzedToken } from '../text/index.js';
import { foldCase } from '../text/index.js';
import { scopeWords } from '../text/scope-words.js';
import { type LexiconEntry, LexiconError } from './lexicon.js';

interface Element {
  exact: boolean;
  value: string;
  re?: RegExp;
}

interface Alternative {
  entry: LexiconEntry;
  elements: Element[];
  /** The pattern holds its own negator (терпеть не могу, can't stand): scope negation does not flip it. */
  ownNegation: boolean;
}

export interface Match {
  entry: LexiconEntry;
  first: number;
  last: number;
  start: number;
  end: number;
  ownNegation: boolean;
  /** Found by the misspelling or glued-word search in a plainly typed word (not a masked one): weak evidence. */
  near?: boolean;
}

export interface LangIndex {
  byKey: Map<string, Alternative[]>;
  loose: Alternative[];
  wildcard: Alternative[];
  fuzzy: Alternative[];
  /** Memo: normalised token → alternatives whose first word it matches (bounded). */
  heads: Map<string, Alternative[]>;
  /** Memo: normalised token → fuzzy alternatives it is near or glued to (bounded). */
  near: Map<string, NearHit[]>;
}

interface NearHit {
  alt: Alternative;
  /** Where the entry word starts inside a longer glued token, or -1. */
  at: number;
  /** Within edit distance 1 of the entry word. */
  close: boolean;
}

const MEMO_LIMIT = 100_000;
const NONE: Alternative[] = [];

const WILDCARD_CATEGORIES = new Set(['slur', 'target', 'dehumanizing']);

function compileAlternative(entry: LexiconEntry, alt: string): Alternative {
  const regex = /^\/(.+)\/([a-z]*)$/.exec(alt);
  const negators = scopeWords(entry.language);
  if (regex) {
    const flags = regex[2].includes('u') ? regex[2] : `${regex[2]}u`;
    return { entry, elements: [{ exact: false, value: '', re: new RegExp(regex[1], flags) }], ownNegation: false };
  }
  const elements = foldCase(alt)
    .trim()
    .split(/\s+/)
    .map((w) => ({ exact: w.startsWith('=') || w.length === 1, value: w.replace(/^=/, '') }));
  if (elements.some((el) => !el.value))
    throw new LexiconError(`lexicon entry '${entry.id}' field 'pattern': empty element in '${alt}'.`);
  const ownNegation = elements.some(
    (el) => negators.negatorsBefore.has(el.value) || negators.negatorsAfter.has(el.value) || el.value.endsWith("n't"),
  );
  return { entry, elements, ownNegation };
}

function literalKey(alt: Alternative): string | undefined {
  const el = alt.elements[0];
  if (!el.re) return el.value.slice(0, 2);
  const m = /^\^([\p{L}]{2})/u.exec(el.re.source);
  return m ? m[1] : undefined;
}

/**
 * Builds the lookup index for one language's entries (sense entries included).
 *
 * @example
 * const idx = buildIndex(lexicon.entries.filter((e) => e.language === 'ru'));
 */
export function buildIndex(entries: LexiconEntry[]): LangIndex {
  const index: LangIndex = { byKey: new Map(), loose: [], wildcard: [], fuzzy: [], heads: new Map(), near: new Map() };
  for (const entry of entries) {
    const source = /^\/.+\/[a-z]*$/.test(entry.pattern) ? [entry.pattern] : entry.pattern.split('|');
    for (const raw of source) {
      const alt = compileAlternative(entry, raw);
      const key = literalKey(alt);
      if (key === undefined) index.loose.push(alt);
      else index.byKey.set(key, [...(index.byKey.get(key) ?? []), alt]);
      if (WILDCARD_CATEGORIES.has(entry.category) && alt.elements.length === 1 && !alt.elements[0].re)
        index.wildcard.push(alt);
      if (
        entry.fuzzy &&
        alt.elements.length === 1 &&
        !alt.elements[0].re &&
        alt.elements[0].value.length >= (entry.category === 'target' ? 5 : 6)
      )
        index.fuzzy.push(alt);
    }
  }
  return index;
}

function elementMatches(el: Element, norm: string): boolean {
  if (el.re) return el.re.test(norm);
  return el.exact ? norm === el.value : norm.startsWith(el.value);
}

function wildPrefix(p: string, masked: string, i = 0, j = 0): boolean {
  if (i === p.length) return true;
  if (j === masked.length) return false;
  if (masked[j] === '*') {
    for (let k = 0; k <= 2 && i + k <= p.length; k++) if (wildPrefix(p, masked, i + k, j + 1)) return true;
    return false;
  }
  return p[i] === masked[j] && wildPrefix(p, masked, i + 1, j + 1);
}

function editDistanceAtMostOne(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (i === a.length || i === b.length) return true;
  const restA = a.slice(i + 1);
  const restB = b.slice(i + 1);
  if (restA === restB) return true;
  if (a.slice(i + 1) === b.slice(i)) return true;
  if (a.slice(i) === b.slice(i + 1)) return true;
  return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

function fuzzyPrefix(value: string, norm: string): boolean {
  if (norm.length < value.length - 1) return false;
  for (let k = value.length - 1; k <= value.length + 1 && k <= norm.length; k++) {
    if (editDistanceAtMostOne(value, norm.slice(0, k))) return true;
  }
  return false;
}

function headsOf(index: LangIndex, norm: string): Alternative[] {
  let hit = index.heads.get(norm);
  if (hit) return hit;
  hit = NONE;
  for (const alt of index.byKey.get(norm.slice(0, 2)) ?? NONE)
    if (elementMatches(alt.elements[0], norm)) hit = hit === NONE ? [alt] : [...hit, alt];
  for (const alt of index.loose) if (elementMatches(alt.elements[0], norm)) hit = hit === NONE ? [alt] : [...hit, alt];
  if (index.heads.size >= MEMO_LIMIT) index.heads.clear();
  index.heads.set(norm, hit);
  return hit;
}

/**
 * True when a lexicon word accounts for the whole token: an exact word, a regexp, or a stem prefix followed by at
 * most 3 letters of ending (longer tails may be other words glued on).
 *
 * @example
 * coversToken(index, 'immigrants'); // true
 * coversToken(index, 'immigrantsarefilth'); // false
 */
export function coversToken(index: LangIndex, norm: string): boolean {
  for (const alt of headsOf(index, norm)) {
    const el = alt.elements[0];
    if (el.exact || el.re || norm.length - el.value.length <= 3) return true;
  }
  return false;
}

function nearOf(index: LangIndex, norm: string): NearHit[] {
  let hit = index.near.get(norm);
  if (hit) return hit;
  hit = [];
  for (const alt of index.fuzzy) {
    const v = alt.elements[0].value;
    const at = norm.length >= v.length + 3 ? norm.indexOf(v, 2) : -1;
    const close = norm[0] === v[0] && fuzzyPrefix(v, norm);
    if (at > 0 || close) hit.push({ alt, at, close });
  }
  if (index.near.size >= MEMO_LIMIT) index.near.clear();
  index.near.set(norm, hit);
  return hit;
}

function restMatches(alt: Alternative, tokens: AnalyzedToken[], i: number): number {
  const els = alt.elements;
  if (i + els.length > tokens.length) return -1;
  for (let k = 1; k < els.length; k++) if (!elementMatches(els[k], tokens[i + k].norm)) return -1;
  return i + els.length - 1;
}

function push(
  out: Match[],
  alt: Alternative,
  tokens: AnalyzedToken[],
  first: number,
  last: number,
  start?: number,
  end?: number,
  near = false,
): void {
  const prev = out[out.length - 1];
  const m: Match = {
    entry: alt.entry,
    first,
    last,
    start: start ?? tokens[first].start,
    end: end ?? tokens[last].end,
    ownNegation: alt.ownNegation,
  };
  if (near) m.near = true;
  if (prev && prev.entry === alt.entry && prev.first === first) {
    if (last > prev.last) out[out.length - 1] = m;
    return;
  }
  out.push(m);
}

/** Letters of one script only: a word as typed («Khachanov», "chucking"), not a masked one («К3лімсек», "1mm1grants"). */
function isPlainWord(text: string): boolean {
  return /^\p{L}+$/u.test(text) && !(/\p{Script=Latin}/u.test(text) && /\p{Script=Cyrillic}/u.test(text));
}

function matchGluedHead(index: LangIndex, tokens: AnalyzedToken[], i: number, at: number, out: Match[]): void {
  const head = tokens[i].norm.slice(0, at);
  for (const alt of index.byKey.get(head.slice(0, 2)) ?? []) {
    if (alt.elements.length === 1 && elementMatches(alt.elements[0], head))
      push(out, alt, tokens, i, i, tokens[i].start, tokens[i].start + at);
  }
}

/**
 * Finds every lexicon entry in the tokens; masked (ч*рки), misspelt (immigrnts) and glued (hateimmigrants) forms
 * are tried only for tokens nothing else matched.
 *
 * @example
 * findMatches(index, analyzeDetailed('Чурки понаехали', 'ru', false)).map((m) => m.entry.id);
 */
export function findMatches(index: LangIndex, tokens: AnalyzedToken[]): Match[] {
  const out: Match[] = [];
  const fuzzy = index.fuzzy.length > 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const before = out.length;
    const heads = headsOf(index, t.norm);
    for (let h = 0; h < heads.length; h++) {
      const alt = heads[h];
      const last = alt.elements.length === 1 ? i : restMatches(alt, tokens, i);
      if (last >= 0) push(out, alt, tokens, i, last);
    }
    if (out.length > before) continue;
    if (t.masked) {
      for (const alt of index.wildcard) if (wildPrefix(alt.elements[0].value, t.masked)) push(out, alt, tokens, i, i);
      continue;
    }
    if (fuzzy && t.norm.length >= 5) {
      const hits = nearOf(index, t.norm);
      const near = hits.length > 0 && isPlainWord(t.text);
      for (const { alt, at, close } of hits) {
        if (at > 0 && t.norm.length === t.text.length) {
          push(out, alt, tokens, i, i, t.start + at, undefined, near);
          matchGluedHead(index, tokens, i, at, out);
        } else if (close) push(out, alt, tokens, i, i, undefined, undefined, near);
      }
    }
  }
  return out;
}
