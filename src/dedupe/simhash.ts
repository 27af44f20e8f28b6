import { createHash } from 'node:crypto';
import { normalizeForHash } from './content-hash.js';

const SHINGLE = 3;
const BAND_COUNT = 4;
const MASK64 = (1n << 64n) - 1n;

function hash64(s: string): bigint {
  return createHash('md5').update(s).digest().readBigUInt64BE(0);
}

/**
 * 64-bit SimHash over word 3-gram shingles, as 16 hex characters. Near-identical texts
 * (a syndicated copy with a different lead, a repost with a signature) differ in few bits.
 *
 * @example
 * hammingDistance(simhash(article), simhash(article + ' Подписывайтесь на наш канал')) // small
 */
export function simhash(text: string): string {
  const words = normalizeForHash(text).split(' ').filter(Boolean);
  const weights = new Int32Array(64);
  const count = Math.max(1, words.length - SHINGLE + 1);
  for (let i = 0; i < count; i++) {
    const h = hash64(words.slice(i, i + SHINGLE).join(' '));
    for (let bit = 0; bit < 64; bit++) weights[bit] += (h >> BigInt(bit)) & 1n ? 1 : -1;
  }
  let out = 0n;
  for (let bit = 0; bit < 64; bit++) if (weights[bit] > 0) out |= 1n << BigInt(bit);
  return (out & MASK64).toString(16).padStart(16, '0');
}

export function hammingDistance(a: string, b: string): number {
  let x = BigInt(`0x${a}`) ^ BigInt(`0x${b}`);
  let bits = 0;
  while (x) {
    x &= x - 1n;
    bits++;
  }
  return bits;
}

/**
 * Band keys for candidate lookup: the 64 bits split into 4 bands of 16. Two hashes within
 * 3 bits of each other share at least one band (pigeonhole), so a store lookup by band
 * finds every near-duplicate candidate.
 */
export function bands(hash: string): string[] {
  const width = 16 / BAND_COUNT; // hex characters per band
  return Array.from({ length: BAND_COUNT }, (_, i) => `${i}:${hash.slice(i * width, (i + 1) * width)}`);
}
