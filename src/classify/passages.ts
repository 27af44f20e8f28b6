/**
 * The relevance stage: the passages of a text that can carry a label. A passage is built around an anchor — a
 * migrant, ethnic or national group named or referred to (target, mention and slur entries), a migration instrument (policy entries with role
 * `instrument`) or xenophobia named as a topic (counter entries with role `topic`) — and a text without anchors has
 * no passage and is classified as unrelated without scoring. Passages are whole paragraphs (or a window of sentences
 * in a long paragraph), so padding a text with unrelated paragraphs leaves every passage as it was.
 */
import type { AnalyzedToken } from '../text/index.js';
import type { Category } from './lexicon.js';
import type { Match } from './matcher.js';

/** A paragraph with at most this many sentences is one passage; a longer one is cut into windows. */
const WHOLE_PARAGRAPH_SENTENCES = 6;
/** Sentences on each side of an anchor in a long paragraph's window. */
const WINDOW_SENTENCES = 2;
/** A first paragraph of at most this many tokens, not ending a sentence and followed by others, is the title. */
const TITLE_TOKENS = 25;

const GROUP: ReadonlySet<Category> = new Set(['target', 'mention', 'slur']);
/** Words that speak about a group without naming it — pronouns and quantifiers («они», «олар», "they", «все») —
 * and so refer back to a group named in the title or the previous paragraph. */
const REFERRING: ReadonlySet<Category> = new Set(['collective']);

/** Character ranges of the text, in order, read as one passage. */
export interface Passage {
  ranges: [start: number, end: number][];
}

export type AnchorKind = 'group' | 'instrument' | 'topic';

/**
 * What makes a match an anchor, or null when it is not one.
 *
 * @example
 * anchorKind(match); // 'group' for «мигранты»
 */
export function anchorKind(m: Match): AnchorKind | null {
  // A misspelt or glued form («Khachanov», "chucking" near "khachi", "churki") is too weak to make a text relevant.
  if (m.near) return null;
  if (GROUP.has(m.entry.category)) return 'group';
  if (m.entry.role === 'instrument') return 'instrument';
  if (m.entry.role === 'topic') return 'topic';
  return null;
}

interface Paragraph {
  start: number;
  end: number;
  /** Sentence numbers (the analyzer's) in order, with the character offset each starts at. */
  sentences: { id: number; start: number }[];
  anchored: Set<number>;
  grouped: Set<number>;
  referring: Set<number>;
}

function paragraphsOf(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const re = /[^\n]+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const lead = m[0].length - m[0].trimStart().length;
    const body = m[0].trim();
    if (body) out.push({ start: m.index + lead, end: m.index + lead + body.length });
  }
  return out;
}

/** The paragraphs with their sentences and which sentences hold anchors, group names and referring words. */
function layout(text: string, tokens: AnalyzedToken[], matches: Match[]): Paragraph[] {
  const paragraphs: Paragraph[] = paragraphsOf(text).map((p) => ({
    ...p,
    sentences: [],
    anchored: new Set(),
    grouped: new Set(),
    referring: new Set(),
  }));
  let p = 0;
  const paragraphOfSentence = new Map<number, Paragraph>();
  for (const t of tokens) {
    while (p < paragraphs.length - 1 && t.start >= paragraphs[p].end) p++;
    const para = paragraphs[p];
    if (!para) break;
    const last = para.sentences[para.sentences.length - 1];
    if (!last || last.id !== t.sentence) {
      if (!paragraphOfSentence.has(t.sentence)) {
        para.sentences.push({ id: t.sentence, start: para.sentences.length ? t.start : para.start });
        paragraphOfSentence.set(t.sentence, para);
      }
    }
  }
  for (const m of matches) {
    const s = tokens[m.first].sentence;
    const para = paragraphOfSentence.get(s);
    if (!para) continue;
    const kind = anchorKind(m);
    if (kind) para.anchored.add(s);
    if (kind === 'group') para.grouped.add(s);
    if (REFERRING.has(m.entry.category)) para.referring.add(s);
  }
  return paragraphs;
}

/** The character range of sentences `from..to` (indexes into the paragraph's sentence list). */
function sentenceRange(para: Paragraph, from: number, to: number): [number, number] {
  const start = para.sentences[from].start;
  const end = to + 1 < para.sentences.length ? para.sentences[to + 1].start : para.end;
  return [start, end];
}

/** The whole paragraph when it is short, else merged windows around the chosen sentences. */
function rangesAround(para: Paragraph, chosen: Set<number>): [number, number][] {
  if (para.sentences.length <= WHOLE_PARAGRAPH_SENTENCES) return [[para.start, para.end]];
  const out: [number, number][] = [];
  let from = -1;
  let to = -1;
  para.sentences.forEach((s, i) => {
    if (!chosen.has(s.id)) return;
    const a = Math.max(0, i - WINDOW_SENTENCES);
    const b = Math.min(para.sentences.length - 1, i + WINDOW_SENTENCES);
    if (from >= 0 && a <= to + 1) to = b;
    else {
      if (from >= 0) out.push(sentenceRange(para, from, to));
      from = a;
      to = b;
    }
  });
  if (from >= 0) out.push(sentenceRange(para, from, to));
  return out;
}

/**
 * The passages of one analysed text, in text order.
 *
 * @example
 * passagesOf(text, tokens, matches); // [] for a football report that names no group, instrument or xenophobia
 */
export function passagesOf(text: string, tokens: AnalyzedToken[], matches: Match[]): Passage[] {
  const paragraphs = layout(text, tokens, matches);
  const first = paragraphs[0];
  const title =
    paragraphs.length > 1 &&
    first.grouped.size > 0 &&
    countTokens(tokens, first) <= TITLE_TOKENS &&
    !/[.!?…]$/.test(text.slice(first.start, first.end))
      ? first
      : null;
  const out: Passage[] = [];
  paragraphs.forEach((para, i) => {
    if (para.anchored.size > 0) {
      for (const range of rangesAround(para, para.anchored)) out.push({ ranges: [range] });
      return;
    }
    if (para.referring.size === 0) return;
    // A paragraph that names no group but speaks of one («Они…», hate words) after a title or paragraph that names it.
    const before = i > 0 && paragraphs[i - 1].grouped.size > 0 ? paragraphs[i - 1] : null;
    const context = before ?? (title && title !== para ? title : null);
    if (!context) return;
    const named = context.sentences.findLast((s) => context.grouped.has(s.id));
    if (!named) return;
    const at = context.sentences.indexOf(named);
    const contextRange = sentenceRange(context, at, at);
    for (const range of rangesAround(para, para.referring)) out.push({ ranges: [contextRange, range] });
  });
  return out;
}

function countTokens(tokens: AnalyzedToken[], para: { start: number; end: number }): number {
  let n = 0;
  for (const t of tokens) if (t.start >= para.start && t.end <= para.end) n++;
  return n;
}

/** A passage as text, with the way back from its offsets to the original text's. */
export interface PassageText {
  text: string;
  /** The offset in the original text of offset `at` in the passage text. */
  original(at: number): number;
}

const JOIN = '\n';

/**
 * The passage's ranges joined by a line break, so that each keeps its own sentences.
 *
 * @example
 * const p = passageText(text, passage);
 * text.slice(p.original(3), p.original(10)); // the same words as p.text.slice(3, 10)
 */
export function passageText(text: string, passage: Passage): PassageText {
  const segments: { from: number; start: number }[] = [];
  let out = '';
  for (const [start, end] of passage.ranges) {
    if (out) out += JOIN;
    segments.push({ from: out.length, start });
    out += text.slice(start, end);
  }
  return {
    text: out,
    original(at) {
      let seg = segments[0];
      for (const s of segments) if (s.from <= at) seg = s;
      return seg.start + (at - seg.from);
    },
  };
}
