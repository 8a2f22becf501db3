/**
 * Keyset pagination of the case list ("search after"): a page is the rows just after (or
 * before) a known row in the list's newest-first order — `created_at` descending, then `id`
 * descending — instead of `OFFSET`, whose cost grows with the depth (at a million cases the
 * last page by offset took 3 s). The cursor is opaque to clients: base64url of the row's
 * creation time and id, checked on the way in.
 */

/** A position in the newest-first order: the row a page starts after (or ends before). */
export interface CaseCursor {
  createdAt: string;
  id: string;
}

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
const ID = /^[0-9A-Za-z_-]{1,64}$/;

/** The opaque cursor of a row. */
export function encodeCaseCursor(row: CaseCursor): string {
  return Buffer.from(`${row.createdAt}|${row.id}`, 'utf8').toString('base64url');
}

/** The position a cursor stands for, or null when it is not one this list made. */
export function decodeCaseCursor(cursor: string): CaseCursor | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) return null;
  const [createdAt, id, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (rest.length || !createdAt || !id || !ISO_UTC.test(createdAt) || !ID.test(id) || Number.isNaN(Date.parse(createdAt))) return null;
  return { createdAt, id };
}
