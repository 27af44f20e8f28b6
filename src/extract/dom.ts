import type { AnyNode, Element, ParentNode } from 'domhandler';

/** True for element nodes (including <script> and <style>, which domhandler types separately). */
export function isElement(node: AnyNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

export function elementChildren(node: ParentNode): Element[] {
  return node.children.filter(isElement);
}

/** All descendant elements in document order, without recursion (deep pages stay safe). */
export function descendants(root: ParentNode): Element[] {
  const out: Element[] = [];
  const stack: AnyNode[] = [...root.children].reverse();
  while (stack.length > 0) {
    const node = stack.pop() as AnyNode;
    if (!isElement(node)) continue;
    out.push(node);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
  }
  return out;
}

/** Concatenated text of a subtree, whitespace collapsed. */
export function textOf(root: AnyNode): string {
  const parts: string[] = [];
  const stack: AnyNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as AnyNode;
    if (node.type === 'text') parts.push(node.data);
    else if (isElement(node) && node.type === 'tag') {
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
    } else if (node.type === 'root') {
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
    }
  }
  return parts.join('').replace(/\s+/g, ' ').trim();
}

/** The class and id of an element, lower-cased, for boilerplate and content hints. */
export function classAndId(el: Element): string {
  const cls = el.attribs.class ?? '';
  const id = el.attribs.id ?? '';
  return cls || id ? `${cls} ${id}`.toLowerCase() : '';
}

export function removeNode(node: AnyNode): void {
  const parent = node.parent;
  if (!parent) return;
  const index = parent.children.indexOf(node as never);
  if (index >= 0) parent.children.splice(index, 1);
  const prev = node.prev;
  const next = node.next;
  if (prev) prev.next = next;
  if (next) next.prev = prev;
  node.parent = null;
  node.prev = null;
  node.next = null;
}

export function ancestors(node: AnyNode, max = Number.POSITIVE_INFINITY): Element[] {
  const out: Element[] = [];
  let current = node.parent;
  while (current && isElement(current as AnyNode) && out.length < max) {
    out.push(current as Element);
    current = current.parent;
  }
  return out;
}

/** Block-level elements: they start a new line when rendered and are not inline content when scored. */
export const BLOCK_ELEMENTS: readonly string[] = [
  'address',
  'article',
  'blockquote',
  'dd',
  'div',
  'dl',
  'dt',
  'figure',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'ul',
];
