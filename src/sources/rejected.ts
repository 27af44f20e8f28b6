import type { SourceFileError } from './load.js';

/** The state key under which the last load's rejected source files are kept. */
export const REJECTED_STATE_KEY = 'sources:rejected';

/** A source file that was skipped at load, and when that was. */
export interface RejectedSourceFile extends SourceFileError {
  at: string;
}

interface StateReader {
  getState(key: string): Promise<string | null>;
}
interface StateWriter {
  setState(key: string, value: string): Promise<void>;
}

/**
 * Remembers which source files the last load rejected (an empty list clears them), so every process
 * that serves /sources and /api/sources can show them, whichever process read the folder.
 *
 * @example
 * const { sources, errors } = await loadSources('crawlers');
 * await saveRejected(store, errors);
 */
export async function saveRejected(state: StateWriter, errors: SourceFileError[], at = new Date()): Promise<void> {
  const files: RejectedSourceFile[] = errors.map((e) => ({ ...e, at: at.toISOString() }));
  await state.setState(REJECTED_STATE_KEY, JSON.stringify(files));
}

/** The source files the last load rejected; empty when none were, or nothing was saved. */
export async function loadRejected(state: StateReader): Promise<RejectedSourceFile[]> {
  const saved = await state.getState(REJECTED_STATE_KEY);
  if (!saved) return [];
  try {
    const files = JSON.parse(saved) as unknown;
    return Array.isArray(files) ? (files as RejectedSourceFile[]).filter((f) => typeof f?.message === 'string') : [];
  } catch {
    return [];
  }
}
