/**
 * Seals the pending ballots of an open vote (AES-256-GCM, key derived from the server's
 * secret key for this purpose only). The whole set of a round's phase is one blob, sorted by
 * hash and sealed afresh (new IV) at every cast, so neither its ciphertext nor two copies of
 * it taken at different times show which ballot came with which cast to anyone without the
 * key. The round and phase are bound in as associated data: a blob moved to another vote does
 * not open.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { StoredBallot } from '@lianxin/storage';

const VERSION = 'b1';

/** Seals and opens pending ballots. */
export class BallotSeal {
  private readonly key: Buffer;

  constructor(masterKey: Buffer) {
    if (masterKey.length !== 32) throw new Error('the secret key must be 32 bytes');
    this.key = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'lianxin pending ballots', 32));
  }

  /** The sealed form of `ballots` (any order in, hash order inside). */
  seal(roundId: string, phase: string, ballots: readonly StoredBallot[]): string {
    const sorted = [...ballots].sort((a, b) => (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0));
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(`${roundId}\n${phase}`));
    const plain = JSON.stringify(sorted.map((b) => ({ hash: b.hash, choices: b.choices, nonce: b.nonce })));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [VERSION, iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join(':');
  }

  /** The ballots in a sealed blob ('' holds none); throws if it was altered or belongs to another vote. */
  open(roundId: string, phase: string, sealed: string): StoredBallot[] {
    if (!sealed) return [];
    const [version, iv, tag, body] = sealed.split(':');
    if (version !== VERSION || !iv || !tag || body === undefined) throw new Error('unknown sealed ballot format');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64'));
    decipher.setAAD(Buffer.from(`${roundId}\n${phase}`));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    const plain = Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
    return (JSON.parse(plain) as Array<Pick<StoredBallot, 'hash' | 'choices' | 'nonce'>>).map((b) => ({ ...b, roundId, phase }));
  }
}
