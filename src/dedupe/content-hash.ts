import { createHash } from 'node:crypto';

/** Text reduced to its letters and digits, lowercased, ё→е: what two copies of one article share. */
export function normalizeForHash(text: string): string {
  return (
    text
      .toLowerCase()
      .replaceAll('ё', 'е')
      .match(/[\p{L}\p{N}]+/gu) ?? []
  ).join(' ');
}

/**
 * Exact-duplicate key: sha256 of the normalised text, so whitespace, punctuation and case
 * differences between copies do not matter.
 *
 * @example
 * contentHash('Квоты, снова!') === contentHash('квоты снова') // true
 */
export function contentHash(text: string): string {
  return createHash('sha256').update(normalizeForHash(text)).digest('hex');
}
