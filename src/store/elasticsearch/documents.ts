/** Article ↔ Elasticsearch document. */
import type { Article, Classification } from '../../domain.js';
import { articleLabels, deriveFields } from '../derived.js';
import { DERIVED_FIELDS } from './mappings.js';

/**
 * @example
 * await client.index({ index, id: a.id, document: articleDocument(a) });
 */
export function articleDocument(a: Article): Record<string, unknown> {
  return { ...a, ...deriveFields(a) };
}

/** The partial update that sets a classification and the labels derived from it. */
export function classificationUpdate(classification: Classification): Record<string, unknown> {
  return { classification, labels: articleLabels({ classification }) };
}

export function articleFromSource(source: Record<string, unknown>): Article {
  const out = { ...source };
  for (const f of DERIVED_FIELDS) delete out[f];
  return out as unknown as Article;
}
