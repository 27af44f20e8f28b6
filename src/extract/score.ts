import type { Element } from 'domhandler';
import { ancestors, BLOCK_ELEMENTS, elementChildren, isElement } from './dom.js';
import { linkDensity, type NodeStats } from './stats.js';

const POSITIVE =
  /article|body|content|entry|hentry|h-entry|main|page|post|text|blog|story|statya|stati|novost|material|tekst|detail|full|lead/;
const NEGATIVE =
  /-ad-|hidden|^hid$|banner|combx|comment|com-|contact|footer|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget|reklama|kommentar|pohozh|vrezka|caption|credit|byline|author/;

const SCORED = new Set(['p', 'pre', 'td', 'section', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'li']);
/** Elements that end a run of inline content when scoring: the blocks plus page furniture. */
const BLOCKS = new Set([...BLOCK_ELEMENTS, 'aside', 'fieldset', 'footer', 'nav']);
const TAG_BONUS: Record<string, number> = {
  div: 5,
  article: 10,
  main: 5,
  pre: 3,
  td: 3,
  blockquote: 3,
  address: -3,
  ol: -3,
  ul: -3,
  dl: -3,
  dd: -3,
  dt: -3,
  li: -3,
  form: -3,
  h1: -5,
  h2: -5,
  h3: -5,
  h4: -5,
  h5: -5,
  h6: -5,
  th: -5,
};

/** +25 for each of class and id that looks like content, -25 for each that looks like furniture. */
export function classWeight(el: Element): number {
  let weight = 0;
  for (const value of [el.attribs.class, el.attribs.id]) {
    if (!value) continue;
    const v = value.toLowerCase();
    if (NEGATIVE.test(v)) weight -= 25;
    if (POSITIVE.test(v)) weight += 25;
  }
  return weight;
}

const INLINE_HOSTS = new Set(['div', 'td', 'section', 'article', 'main', 'center', 'font', 'span']);

function paragraphScore(chars: number, commas: number, density: number): number {
  return (1 + commas + Math.min(Math.floor(chars / 100), 3)) * (1 - density);
}

/** Text written directly in a container between its block children (text nodes and inline elements). */
function inlineRun(el: Element, stats: Map<Element, NodeStats>): { chars: number; commas: number; linkChars: number } {
  const run = { chars: 0, commas: 0, linkChars: 0 };
  for (const child of el.children) {
    if (child.type === 'text') {
      const text = child.data.trim();
      run.chars += text.length;
      run.commas += text.split(',').length - 1;
    } else if (isElement(child) && !BLOCKS.has(child.name)) {
      const s = stats.get(child);
      if (!s) continue;
      run.chars += s.chars;
      run.commas += s.commas;
      run.linkChars += s.linkChars;
    }
  }
  return run;
}

function hasBlockChild(el: Element): boolean {
  return el.children.some((c) => isElement(c) && BLOCKS.has(c.name));
}

/** Candidate containers with their content scores, in the manner of Readability. */
export function scoreCandidates(all: Element[], stats: Map<Element, NodeStats>): Map<Element, number> {
  const scores = new Map<Element, number>();
  const init = (el: Element): number => {
    let score = scores.get(el);
    if (score === undefined) {
      score = (TAG_BONUS[el.name] ?? 0) + classWeight(el);
      scores.set(el, score);
    }
    return score;
  };
  const credit = (targets: Element[], contentScore: number) => {
    targets.forEach((ancestor, level) => {
      const divider = level === 0 ? 1 : level === 1 ? 2 : level * 3;
      scores.set(ancestor, init(ancestor) + contentScore / divider);
    });
  };
  for (const el of all) {
    const blockChild = hasBlockChild(el);
    if (SCORED.has(el.name) || (el.name === 'div' && !blockChild)) {
      const s = stats.get(el);
      if (!s || s.chars < 25) continue;
      if (el.name === 'li' && linkDensity(s) > 0.3) continue;
      credit(ancestors(el, 5), paragraphScore(s.chars, s.commas, linkDensity(s)));
    } else if (blockChild && INLINE_HOSTS.has(el.name)) {
      const run = inlineRun(el, stats);
      if (run.chars >= 25)
        credit([el, ...ancestors(el, 4)], paragraphScore(run.chars, run.commas, run.linkChars / run.chars));
    }
  }
  for (const [el, score] of scores) scores.set(el, score * (1 - linkDensity(stats.get(el))));
  return scores;
}

/** Picks the best container, climbing to an ancestor when it holds comparably scored siblings. */
export function pickTopCandidate(scores: Map<Element, number>, body: Element): Element {
  const ranked = [...scores.entries()].sort((a, b) => b[1] - a[1]);
  if (ranked.length === 0) return body;
  let [top, topScore] = ranked[0];
  const rivals = ranked
    .slice(1, 5)
    .filter(([, s]) => s >= topScore * 0.75)
    .map(([el]) => el);
  if (rivals.length >= 3) {
    const topAncestors = ancestors(top);
    const shared = topAncestors.find((a) => rivals.filter((r) => ancestors(r).includes(a)).length >= 3);
    if (shared && shared !== body) top = shared;
  }
  let lastScore = scores.get(top) ?? topScore;
  let parent = top.parent as Element | null;
  while (parent && isElement(parent) && parent !== body) {
    const parentScore = scores.get(parent);
    if (parentScore === undefined) {
      parent = parent.parent as Element | null;
      continue;
    }
    if (parentScore < topScore / 3) break;
    if (parentScore > lastScore) {
      top = parent;
      break;
    }
    lastScore = parentScore;
    parent = parent.parent as Element | null;
  }
  while (top.parent && isElement(top.parent) && top.parent !== body && elementChildren(top.parent).length === 1) {
    top = top.parent;
  }
  return top;
}
