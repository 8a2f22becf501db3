/** Text ids generated in the app (UUIDv7: time-ordered, unguessable enough for ids). */
import { createHash } from 'node:crypto';
import { uuidv7 } from 'uuidv7';

/** A new UUIDv7. */
export function newId(): string {
  return uuidv7();
}

/**
 * A UUID-shaped id (version 8, name-based on SHA-256) derived from `key`: the same key always
 * gives the same id, so a row a re-run job writes again is recognised instead of stored twice.
 */
export function stableId(key: string): string {
  const h = createHash('sha256').update(key).digest('hex');
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
