import { normalizeForHash } from './content-hash.js';

/** Number of min-hashes in a signature, and how they are banded for candidate lookup. */
const HASHES = 32;
const ROWS_PER_BAND = 4;
const SHINGLE_WORDS = 2;

/** Estimated Jaccard similarity of word-pair shingles at or above which two texts are one story. */
export const NEAR_DUPLICATE_JACCARD = 0.6;

const SEEDS = Array.from({ length: HASHES }, (_, i) => Math.imul(0x9e3779b1, i + 1) >>> 0);

function fnv1a(s: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

/**
 * MinHash signature of a text's word-pair shingles: 32 32-bit minimums as 256 hex characters.
 * The share of equal positions in two signatures estimates the Jaccard similarity of the
 * texts, so a syndicated copy with an added line, or a Telegram repost with a signature,
 * stays close to its original.
 *
 * @example
 * jaccard(minhash(story), minhash(`${story} Подписывайтесь на наш канал.`)) // ≈ 0.9
 */
export function minhash(text: string): string {
  const words = normalizeForHash(text).split(' ').filter(Boolean);
  const shingles = new Set<string>();
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i++) shingles.add(words.slice(i, i + SHINGLE_WORDS).join(' '));
  if (shingles.size === 0) shingles.add(words.join(' '));
  const mins = new Uint32Array(HASHES).fill(0xffffffff);
  for (const shingle of shingles) {
    for (let k = 0; k < HASHES; k++) {
      const h = fnv1a(shingle, SEEDS[k]);
      if (h < mins[k]) mins[k] = h;
    }
  }
  return Array.from(mins, (m) => m.toString(16).padStart(8, '0')).join('');
}

/** Estimated Jaccard similarity of the texts behind two signatures, 0..1. */
export function jaccard(a: string, b: string): number {
  let same = 0;
  for (let k = 0; k < HASHES; k++) if (a.slice(k * 8, k * 8 + 8) === b.slice(k * 8, k * 8 + 8)) same++;
  return same / HASHES;
}

/**
 * Locality-sensitive band keys: 8 bands of 4 min-hashes. Texts with Jaccard 0.8 share a band
 * with probability 0.98, unrelated texts practically never, so a store lookup by band key
 * finds near-duplicate candidates without scanning.
 */
export function bands(signature: string): string[] {
  const width = ROWS_PER_BAND * 8;
  return Array.from(
    { length: HASHES / ROWS_PER_BAND },
    (_, i) => `${i}:${signature.slice(i * width, (i + 1) * width)}`,
  );
}
