/** Opaque page cursors: base64url JSON that names the sort it belongs to. */
import { StoreRequestError } from './errors.js';

export type CursorPosition =
  /** Keyset position: the sort values of the last hit. */
  | { after: Array<string | number> }
  /** Offset position, where keyset paging is not possible. */
  | { offset: number };

type Cursor = CursorPosition & { key: string };

const NOT_A_CURSOR = 'cursor is not a cursor from a previous page; start again without it';

/**
 * @example
 * const next = encodeCursor('date|c', { after: ['2024-05-01T00:00:00.000Z', 'abc'] });
 * decodeCursor(next, 'date|c'); // { after: [...] }
 */
export function encodeCursor(key: string, position: CursorPosition): string {
  return Buffer.from(JSON.stringify({ key, ...position })).toString('base64url');
}

/** Reads a cursor made for the same sort (`key`); anything else is a StoreRequestError. */
export function decodeCursor(cursor: string | undefined, key: string): CursorPosition | null {
  if (!cursor) return null;
  let parsed: Cursor;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new StoreRequestError(NOT_A_CURSOR, 'cursor');
  }
  if (!parsed || typeof parsed !== 'object' || parsed.key !== key) {
    throw new StoreRequestError(
      'cursor belongs to a different sort or collapse setting; start again without it',
      'cursor',
    );
  }
  const position = cursorPosition(parsed);
  if (!position) throw new StoreRequestError(NOT_A_CURSOR, 'cursor');
  return position;
}

/** Deepest offset a cursor may hold (SQLite pages relevance order, and collapsed results, by offset). */
export const MAX_CURSOR_OFFSET = 1_000_000;
const MAX_ID_LENGTH = 512;

/** A sort value: a finite number (a score, a date in ms) or a date string. */
const sortValue = (v: unknown) =>
  (typeof v === 'number' && Number.isFinite(v)) ||
  (typeof v === 'string' && v.length <= 40 && !Number.isNaN(Date.parse(v)));

/** The position a decoded cursor holds when its shape and bounds are right, else null. */
function cursorPosition(parsed: unknown): CursorPosition | null {
  if (!parsed || typeof parsed !== 'object') return null;
  const c = parsed as { offset?: unknown; after?: unknown };
  if ('offset' in c) {
    const offset = c.offset;
    return typeof offset === 'number' && Number.isInteger(offset) && offset >= 0 && offset <= MAX_CURSOR_OFFSET
      ? { offset }
      : null;
  }
  const after = c.after;
  if (!Array.isArray(after) || after.length !== 2) return null;
  const [value, id] = after as unknown[];
  if (!sortValue(value) || typeof id !== 'string' || id.length === 0 || id.length > MAX_ID_LENGTH) return null;
  return { after: [value as string | number, id] };
}

/**
 * Checks a cursor's shape and bounds before any store sees it (the API's one validation for both stores):
 * null when it is well formed, else why not.
 *
 * @example
 * cursorProblem('bm90IGEgY3Vyc29y'); // 'cursor is not a cursor from a previous page; start again without it'
 */
export function cursorProblem(cursor: string): string | null {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return parsed && typeof parsed.key === 'string' && cursorPosition(parsed) ? null : NOT_A_CURSOR;
  } catch {
    return NOT_A_CURSOR;
  }
}
