/**
 * The random stream sample: a fixed 1 in 20 of all stored articles, chosen by a hash of the article id, so it is
 * independent of what the article says or how it was classified. Reviews of these articles estimate how the
 * classifier does on the whole stream, including what it misses.
 */
import { createHash } from 'node:crypto';

export const STREAM_SAMPLE_RATE = 20;

/** Position of the article in the sample order (0 ≤ x < 1); below 1/STREAM_SAMPLE_RATE it is in the sample. */
export function sampleKey(articleId: string): number {
  return createHash('sha256').update(`stream-sample:${articleId}`).digest().readUInt32BE(0) / 2 ** 32;
}

/**
 * @example
 * inStreamSample(article.id) // true for about 5% of articles, always the same ones
 */
export function inStreamSample(articleId: string): boolean {
  return sampleKey(articleId) < 1 / STREAM_SAMPLE_RATE;
}
