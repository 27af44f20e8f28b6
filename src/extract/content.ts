import type { Element, ParentNode } from 'domhandler';
import { pruneBoilerplate } from './boilerplate.js';
import { descendants, textOf } from './dom.js';
import { cleanConditionally, gatherSiblings, renderText } from './render.js';
import { pickTopCandidate, scoreCandidates } from './score.js';
import { measure } from './stats.js';

const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/** Options of one pass of the content scorer. */
export interface ContentOptions {
  /** The page headline; headings repeating it are left out of the text. */
  title: string;
  /** Remove elements whose class or id names them as furniture, and clean link lists inside the result. */
  strict: boolean;
}

const normalise = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/**
 * Finds the main text under `root` (mutating it): drops furniture, scores paragraph containers by text
 * length, commas and link density, takes the best one with its content-like siblings, and renders it.
 *
 * @example
 * const text = extractMainText(body, { title: 'Headline', strict: true });
 */
export function extractMainText(root: Element | ParentNode, options: ContentOptions): string {
  pruneBoilerplate(root, options.strict);
  const stats = measure(root);
  const all = descendants(root);
  const body = all.find((el) => el.name === 'body') ?? (root as Element);
  const scores = scoreCandidates(all, stats);
  const top = pickTopCandidate(scores, body);
  const selected = gatherSiblings(top, scores, stats);
  if (options.strict) cleanConditionally(selected, scores, stats);
  const title = normalise(options.title);
  return renderText(selected, (el) => HEADINGS.has(el.name) && title !== '' && normalise(textOf(el)) === title);
}
