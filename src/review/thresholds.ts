/** The classifier's decision thresholds, read once from the model file, for ranking the review queue. */
import { readFileSync } from 'node:fs';
import type { Label } from '../domain.js';

const MODEL = new URL('../../lexicons/model.json', import.meta.url);
let cached: Partial<Record<Label, number>> | null = null;

/**
 * @example
 * modelThresholds().xenophobic // 0.35
 */
export function modelThresholds(): Partial<Record<Label, number>> {
  if (cached) return cached;
  try {
    const labels = JSON.parse(readFileSync(MODEL, 'utf8')).labels as Record<string, { threshold?: number }>;
    cached = Object.fromEntries(
      Object.entries(labels).flatMap(([k, v]) => (typeof v?.threshold === 'number' ? [[k, v.threshold]] : [])),
    );
  } catch {
    cached = {};
  }
  return cached;
}
