/**
 * Tamper evidence for the append-only event log (DESIGN §2.2). Each stored event carries
 * the hash of its predecessor (`prevHash`; `GENESIS_HASH` for the first) and its own `hash`:
 *
 *   hash = SHA-256( canonicalJson({ ...event without `hash`, prevHash }) ), hex
 *
 * Canonical JSON sorts object keys at every depth and leaves out keys whose value is null
 * or undefined, so an event read back from either database (where a missing field comes
 * back as NULL and JSON columns lose their key order) hashes the same as when written.
 * Editing, deleting, inserting or reordering any event breaks the chain at that event.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/** The `prevHash` of the first event of a chain (64 zeros, fits a NOT NULL column). */
export const GENESIS_HASH = '0'.repeat(64);

/** A stored event: an id, the link to its predecessor and its own hash (other fields are hashed too). */
export interface ChainedEvent {
  id: string;
  prevHash: string | null;
  hash: string;
}

/** Result of `verifyChain`. */
export type ChainVerification =
  { ok: true; count: number; lastHash: string | null } | { ok: false; brokenAt: number; eventId: string; reason: 'link' | 'hash' };

/** The hash of `event` (any field named `hash` is ignored) linked to `prevHash`. */
export function hashEvent(event: object, prevHash: string | null): string {
  const { hash: _ignored, ...fields } = event as Record<string, unknown>;
  return createHash('sha256')
    .update(canonicalJson({ ...fields, prevHash }))
    .digest('hex');
}

/** Links `events` (in order) after `prevHash`, filling in `prevHash` and `hash` of each. */
export function chainEvents<T extends { id: string }>(
  events: readonly T[],
  prevHash: string | null = GENESIS_HASH,
): (T & { prevHash: string | null; hash: string })[] {
  let previous = prevHash;
  return events.map((event) => {
    const hash = hashEvent(event, previous);
    const chained = { ...event, prevHash: previous, hash };
    previous = hash;
    return chained;
  });
}

/**
 * Checks a chain in order. The first event must link to `startHash` (`GENESIS_HASH` for a
 * chain from the beginning; pass the hash before a segment to check only the segment). Returns the
 * index and id of the first event whose link or hash does not match.
 */
export function verifyChain(events: readonly ChainedEvent[], startHash: string | null = GENESIS_HASH): ChainVerification {
  let previous = startHash;
  for (const [index, event] of events.entries()) {
    if ((event.prevHash ?? null) !== previous) return { ok: false, brokenAt: index, eventId: event.id, reason: 'link' };
    if (hashEvent(event, previous) !== event.hash) return { ok: false, brokenAt: index, eventId: event.id, reason: 'hash' };
    previous = event.hash;
  }
  return { ok: true, count: events.length, lastHash: previous };
}
