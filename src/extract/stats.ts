import type { AnyNode, Element, ParentNode } from 'domhandler';
import { isElement } from './dom.js';

/** Text measurements of one element's subtree, computed once per document. */
export interface NodeStats {
  /** Characters of text, whitespace collapsed approximately. */
  chars: number;
  /** Characters of text inside links. */
  linkChars: number;
  commas: number;
  paragraphs: number;
  images: number;
  listItems: number;
  headings: number;
}

const EMPTY: NodeStats = { chars: 0, linkChars: 0, commas: 0, paragraphs: 0, images: 0, listItems: 0, headings: 0 };

function visibleLength(text: string): number {
  let n = 0;
  let space = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const isSpace = c === 32 || c === 10 || c === 9 || c === 13 || c === 160;
    if (isSpace) {
      if (!space) n++;
      space = true;
    } else {
      n++;
      space = false;
    }
  }
  return n;
}

const COMMAS = /[,،﹐︐︑⹁⸴⸲，、]/g;
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/**
 * Measures every element under `root` in one post-order pass, so scoring never re-reads a subtree.
 *
 * @example
 * const stats = measure(doc);
 * stats.get(bodyElement)?.chars;
 */
export function measure(root: ParentNode): Map<Element, NodeStats> {
  const stats = new Map<Element, NodeStats>();
  const visit = (node: AnyNode, inLink: boolean): NodeStats => {
    if (node.type === 'text') {
      const chars = visibleLength(node.data);
      const commas = node.data.match(COMMAS)?.length ?? 0;
      return { ...EMPTY, chars, linkChars: inLink ? chars : 0, commas };
    }
    if (!isElement(node)) return EMPTY;
    const link = inLink || node.name === 'a';
    const own: NodeStats = {
      ...EMPTY,
      paragraphs: node.name === 'p' ? 1 : 0,
      images: node.name === 'img' ? 1 : 0,
      listItems: node.name === 'li' ? 1 : 0,
      headings: HEADINGS.has(node.name) ? 1 : 0,
    };
    for (const child of node.children) {
      const s = visit(child, link);
      own.chars += s.chars;
      own.linkChars += s.linkChars;
      own.commas += s.commas;
      own.paragraphs += s.paragraphs;
      own.images += s.images;
      own.listItems += s.listItems;
      own.headings += s.headings;
    }
    stats.set(node, own);
    return own;
  };
  for (const child of root.children) visit(child, false);
  return stats;
}

export function linkDensity(s: NodeStats | undefined): number {
  return s && s.chars > 0 ? s.linkChars / s.chars : 0;
}
