import { contentHashOfWords, hashWords } from './content-hash.js';

/** Number of min-hashes in a signature, and how they are banded for candidate lookup. */
const HASHES = 32;
const ROWS_PER_BAND = 4;

/** Estimated Jaccard similarity of word-pair shingles at or above which two texts are one story. */
export const NEAR_DUPLICATE_JACCARD = 0.6;

const SEEDS = Uint32Array.from({ length: HASHES }, (_, i) => Math.imul(0x9e3779b1, i + 1) >>> 0);

/** murmur3's 32-bit finaliser: every input bit reaches every output bit. */
function fmix32(x: number): number {
  let h = x;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a of a word, finalised. */
function wordHash(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) {
    h ^= word.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

/**
 * MinHash signature of words already normalised by `hashWords`: each word is hashed once, each word pair
 * (shingle) combines its two word hashes, and the 32 hash functions are that value under 32 seeds.
 */
export function minhashOfWords(words: string[]): string {
  const mins = new Uint32Array(HASHES).fill(0xffffffff);
  const take = (shingle: number) => {
    for (let k = 0; k < HASHES; k++) {
      const h = fmix32(shingle ^ SEEDS[k]);
      if (h < mins[k]) mins[k] = h;
    }
  };
  if (words.length < 2) take(wordHash(words[0] ?? ''));
  let previous = words.length ? wordHash(words[0]) : 0;
  for (let i = 1; i < words.length; i++) {
    const current = wordHash(words[i]);
    take(fmix32(Math.imul(previous, 0x9e3779b1) ^ current));
    previous = current;
  }
  let out = '';
  for (let k = 0; k < HASHES; k++) out += mins[k].toString(16).padStart(8, '0');
  return out;
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
  return minhashOfWords(hashWords(text));
}

/**
 * Both dedupe keys of a text from one pass over its words: the exact-copy hash and the MinHash signature.
 *
 * @example
 * const { content_hash, minhash } = dedupeKeys(classifiedText(doc));
 */
export function dedupeKeys(text: string): { content_hash: string; minhash: string } {
  const words = hashWords(text);
  return { content_hash: contentHashOfWords(words), minhash: minhashOfWords(words) };
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
