import type { CheerioAPI } from 'cheerio';

/** A schema.org object found in JSON-LD, loosely typed. */
export type JsonLdNode = Record<string, unknown>;

const ARTICLE_TYPES = /Article|BlogPosting|Report|NewsArticle|WebPage|LiveBlogPosting|Posting/;

function flatten(value: unknown, out: JsonLdNode[], depth = 0): void {
  if (depth > 5 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) flatten(item, out, depth + 1);
    return;
  }
  const node = value as JsonLdNode;
  out.push(node);
  if (node['@graph']) flatten(node['@graph'], out, depth + 1);
  if (node.mainEntity) flatten(node.mainEntity, out, depth + 1);
}

function typeOf(node: JsonLdNode): string {
  const t = node['@type'];
  return Array.isArray(t) ? t.join(' ') : typeof t === 'string' ? t : '';
}

/**
 * Every schema.org node in the page's JSON-LD blocks (including `@graph` members), article types first.
 * Blocks that do not parse are skipped.
 *
 * @example
 * const nodes = readJsonLd($);
 * nodes[0]?.datePublished;
 */
export function readJsonLd($: CheerioAPI): JsonLdNode[] {
  const nodes: JsonLdNode[] = [];
  $('script[type="application/ld+json"]').each((_, el) => {
    const raw = $(el).text().trim();
    if (!raw) return;
    try {
      flatten(JSON.parse(raw), nodes);
    } catch {
      try {
        flatten(JSON.parse(raw.replace(/[\u0000-\u001f]+/g, ' ')), nodes);
      } catch {
        /* malformed block: the other metadata sources still apply */
      }
    }
  });
  const isArticle = (n: JsonLdNode) => (ARTICLE_TYPES.test(typeOf(n)) && !/WebPage/.test(typeOf(n)) ? 0 : 1);
  return nodes.sort((a, b) => isArticle(a) - isArticle(b));
}

/** A person's or organisation's name from a JSON-LD `author` value (string, object or list). */
export function jsonLdName(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (Array.isArray(value)) {
    const names = value.map(jsonLdName).filter((n): n is string => !!n);
    return names.length > 0 ? names.join(', ') : null;
  }
  if (value && typeof value === 'object') return jsonLdName((value as JsonLdNode).name);
  return null;
}

export function firstString(nodes: JsonLdNode[], key: string): string | null {
  for (const node of nodes) {
    const value = node[key];
    if (typeof value === 'string' && value.trim()) return value.trim();
  }
  return null;
}
