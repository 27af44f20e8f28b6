import type { AnyNode, Element } from 'domhandler';
import { isBoilerplateLine } from './boilerplate.js';
import { BLOCK_ELEMENTS, descendants, elementChildren, isElement, removeNode, textOf } from './dom.js';
import { classWeight } from './score.js';
import { linkDensity, type NodeStats } from './stats.js';

const CONDITIONAL = new Set(['div', 'section', 'ul', 'ol', 'table', 'form', 'header', 'figure', 'dl', 'center']);
/** Elements rendered on a line of their own: the blocks plus table and disclosure parts. */
const BREAKS = new Set([...BLOCK_ELEMENTS, 'figcaption', 'tr', 'td', 'th', 'caption', 'center', 'details', 'summary']);

/** The top candidate plus siblings that score close to it or read like body paragraphs. */
export function gatherSiblings(top: Element, scores: Map<Element, number>, stats: Map<Element, NodeStats>): Element[] {
  const parent = top.parent;
  if (!parent || !isElement(parent as AnyNode)) return [top];
  const topScore = scores.get(top) ?? 0;
  const threshold = Math.max(10, topScore * 0.2);
  return elementChildren(parent as Element).filter((sibling) => {
    if (sibling === top) return true;
    let bonus = 0;
    if (top.attribs.class && sibling.attribs.class === top.attribs.class) bonus += topScore * 0.2;
    const score = scores.get(sibling);
    if (score !== undefined && score + bonus >= threshold) return true;
    if (sibling.name !== 'p') return false;
    const s = stats.get(sibling);
    if (!s) return false;
    const density = linkDensity(s);
    if (s.chars > 80 && density < 0.25) return true;
    return s.chars > 0 && s.chars <= 80 && density === 0 && /\.( |$)/.test(textOf(sibling));
  });
}

function shouldRemove(el: Element, s: NodeStats, scores: Map<Element, number>): boolean {
  const weight = classWeight(el);
  const isList = el.name === 'ul' || el.name === 'ol';
  if (weight < 0 || (!isList && weight + (scores.get(el) ?? 0) < 0)) return true;
  if (s.commas >= 10) return false;
  const density = linkDensity(s);
  const p = s.paragraphs;
  if (s.chars === 0) return s.images === 0;
  if (s.images > 1 && p / s.images < 0.5 && el.name !== 'figure') return true;
  if (!isList && s.listItems - 100 > p) return true;
  if (!isList && s.chars < 25 && (s.images === 0 || s.images > 2) && density > 0) return true;
  if (weight < 25 && density > (isList ? 0.5 : 0.2)) return true;
  if (weight >= 25 && density > 0.5) return true;
  return false;
}

function add(to: NodeStats, s: NodeStats, sign = 1): NodeStats {
  const out = { ...to };
  for (const key of Object.keys(s) as Array<keyof NodeStats>) out[key] += sign * s[key];
  return out;
}

const ZERO: NodeStats = { chars: 0, linkChars: 0, commas: 0, paragraphs: 0, images: 0, listItems: 0, headings: 0 };

/**
 * Removes link lists, image galleries and furniture left inside the chosen containers. Walks deepest first and
 * carries the text of removed subtrees up to their ancestors, so each decision sees what is left.
 */
export function cleanConditionally(
  roots: Element[],
  scores: Map<Element, number>,
  stats: Map<Element, NodeStats>,
): void {
  const removed = new Map<AnyNode, NodeStats>();
  for (const root of roots) {
    for (const el of descendants(root).reverse()) {
      const original = stats.get(el);
      if (!original) continue;
      const gone = removed.get(el) ?? ZERO;
      const current = gone === ZERO ? original : add(original, gone, -1);
      const parent = el.parent as AnyNode | null;
      const drop = CONDITIONAL.has(el.name) && shouldRemove(el, current, scores);
      if (drop) removeNode(el);
      if (!parent) continue;
      const carried = drop ? original : gone;
      if (carried !== ZERO) removed.set(parent, add(removed.get(parent) ?? ZERO, carried));
    }
  }
}

/** Renders containers as plain text: one paragraph per block element, joined by blank lines. */
export function renderText(roots: Element[], skip: (el: Element) => boolean = () => false): string {
  const blocks: string[] = [];
  let current = '';
  const flush = () => {
    const line = current
      .replace(/[ \t\f\r\u00a0]+/g, ' ')
      .replace(/ ?\n ?/g, '\n')
      .trim();
    if (line && !isBoilerplateLine(line)) blocks.push(line);
    current = '';
  };
  const walk = (node: AnyNode) => {
    if (node.type === 'text') {
      current += node.data.replace(/\s+/g, ' ');
      return;
    }
    if (!isElement(node) || node.type !== 'tag') return;
    if (node.name === 'br') {
      current += '\n';
      return;
    }
    if (skip(node)) return;
    const isBlock = BREAKS.has(node.name);
    if (isBlock) flush();
    for (const child of node.children) walk(child);
    if (isBlock) flush();
  };
  for (const root of roots) {
    walk(root);
    flush();
  }
  return blocks.join('\n\n');
}
