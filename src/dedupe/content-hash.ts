import { createHash } from 'node:crypto';

/** The words of a text as dedupe sees them: runs of letters and digits, lowercased, ё→е. */
export function hashWords(text: string): string[] {
  return (
    text
      .toLowerCase()
      .replaceAll('ё', 'е')
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/** Text reduced to its letters and digits, lowercased, ё→е: what two copies of one article share. */
export function normalizeForHash(text: string): string {
  return hashWords(text).join(' ');
}

/** sha256 of words already normalised by `hashWords`. */
export function contentHashOfWords(words: string[]): string {
  return createHash('sha256').update(words.join(' ')).digest('hex');
}

/**
 * Exact-duplicate key: sha256 of the normalised text, so whitespace, punctuation and case
 * differences between copies do not matter.
 *
 * @example
 * contentHash('Квоты, снова!') === contentHash('квоты снова') // true
 */
export function contentHash(text: string): string {
  return contentHashOfWords(hashWords(text));
}
