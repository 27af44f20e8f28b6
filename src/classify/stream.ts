/**
 * The real news stream (`../shared/datasets/news-stream`, outside the repository): real posts, most about something
 * else, split by a fixed rule into a part that training and tuning may use and a part that is only measured on.
 */
import { fileURLToPath } from 'node:url';
import type { GoldRecord } from './corpus.js';

/** Where the stream sits beside a checkout of the repository. */
export const DEFAULT_STREAM_PATH = fileURLToPath(
  new URL('../../../shared/datasets/news-stream/news-stream.jsonl', import.meta.url),
);

export type StreamPart = 'train' | 'measure';

/**
 * The part an item belongs to: odd id numbers (`ns-ru-0001`, `ns-ru-0003`, …) train, even ones are measured.
 *
 * @example
 * streamPart({ id: 'ns-ru-0042', text: '' }); // 'measure'
 */
export function streamPart(r: Pick<GoldRecord, 'id'>): StreamPart {
  const n = Number(String(r.id ?? '').replace(/\D+/g, ''));
  return n % 2 === 1 ? 'train' : 'measure';
}
