/** Opaque page cursors: base64url JSON that names the sort it belongs to. */
import { StoreRequestError } from './errors.js';

export type CursorPosition =
  /** Keyset position: the sort values of the last hit. */
  | { after: Array<string | number> }
  /** Offset position, where keyset paging is not possible. */
  | { offset: number };

type Cursor = CursorPosition & { key: string };

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
    throw new StoreRequestError('cursor is not a cursor from a previous page; start again without it', 'cursor');
  }
  if (!parsed || typeof parsed !== 'object' || parsed.key !== key) {
    throw new StoreRequestError(
      'cursor belongs to a different sort or collapse setting; start again without it',
      'cursor',
    );
  }
  if ('offset' in parsed && Number.isInteger(parsed.offset) && parsed.offset >= 0) return { offset: parsed.offset };
  if (
    'after' in parsed &&
    Array.isArray(parsed.after) &&
    parsed.after.every((v) => typeof v === 'string' || typeof v === 'number')
  ) {
    return { after: parsed.after };
  }
  throw new StoreRequestError('cursor is not a cursor from a previous page; start again without it', 'cursor');
}
