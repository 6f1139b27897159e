// Keyset paging of the admin's newest-first lists (orders, pick lists): a page ends with a
// cursor naming its last row's time and id, and the next page starts after that row. Rows
// written meanwhile with a later time do not shift the pages, so none is listed twice.
import { badRequest } from '../problem.ts';
import type { ListPosition } from '../storage/storage.ts';

export const LIST_PAGE_DEFAULT = 100;
export const LIST_PAGE_MAX = 1000;
const CURSOR_MAX_LENGTH = 1024;

/** Query schema of `limit`, from 1 to LIST_PAGE_MAX. */
export const LIST_LIMIT_SCHEMA = {
  type: 'string',
  pattern: '^(?:[1-9][0-9]{0,2}|1000)$',
  description: 'a whole number from 1 to 1000',
} as const;

/** Query schema of `cursor`: what the previous page sent as `next_cursor`. */
export const LIST_CURSOR_SCHEMA = {
  type: 'string',
  minLength: 1,
  maxLength: CURSOR_MAX_LENGTH,
  description: 'next_cursor of the previous page, unchanged',
} as const;

/** Reads the `limit` of a list query, LIST_PAGE_DEFAULT when it is missing. The schema has checked its range. */
export function readPageLimit(limit: string | undefined): number {
  return limit === undefined ? LIST_PAGE_DEFAULT : Number(limit);
}

/** Encodes a row's position as an opaque cursor (base64url of JSON). */
export function encodeListCursor(position: ListPosition): string {
  return Buffer.from(JSON.stringify([position.at, position.id]), 'utf8').toString('base64url');
}

/** Decodes a cursor from encodeListCursor; anything else is a 400 `invalid_cursor`. */
export function decodeListCursor(cursor: string): ListPosition {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  if (Array.isArray(decoded) && decoded.length === 2 && typeof decoded[0] === 'string' && typeof decoded[1] === 'string') {
    return { at: decoded[0], id: decoded[1] };
  }
  throw badRequest(
    'invalid_cursor',
    `Query parameter cursor ${JSON.stringify(cursor.slice(0, 60))} is not a cursor this server handed out. Send next_cursor of the previous page unchanged, or leave cursor out to start from the first page.`,
    [{ path: '/cursor', message: 'is not a cursor this server handed out' }],
  );
}

/**
 * Cuts the rows read with `limit + 1` to one page. `next_cursor` names the page's last row
 * when another row follows, and is null on the last page.
 */
export function toPage<T>(rows: T[], limit: number, positionOf: (row: T) => ListPosition): { items: T[]; next_cursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  const nextCursor = rows.length > limit && last !== undefined ? encodeListCursor(positionOf(last)) : null;
  return { items, next_cursor: nextCursor };
}
