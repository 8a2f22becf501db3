/**
 * Ballot receipts and the count's digest (see ballot.ts): SHA-256 over canonical JSON. Uses
 * node:crypto, so only the server's entry of @lianxin/core exports it (not the browser one).
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../canonical-json';
import type { Ballot } from './ballot';

/** The hash (receipt) of a ballot. */
export function ballotHash(ballot: Ballot): string {
  return createHash('sha256').update(canonicalJson(ballot)).digest('hex');
}

/** Digest of a set of ballot hashes, independent of their order. */
export function ballotDigest(hashes: readonly string[]): string {
  return createHash('sha256')
    .update([...hashes].sort().join('\n'))
    .digest('hex');
}
