/**
 * A self-hosted proof-of-work challenge against scripted mass submissions, off unless
 * `LIANXIN_POW_DIFFICULTY` > 0. Stateless tokens signed with the server key; each
 * solution is accepted once.
 *
 * How a plain HTTP client solves it: GET /api/v1/public/challenge → `{ token, difficulty }`;
 * find a decimal `nonce` such that SHA-256(`${token}:${nonce}`) starts with `difficulty`
 * zero bits (try 0, 1, 2, …); send `challenge: { token, nonce }` with the submission.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { AppError, type Clock } from '@lianxin/core';
import type { Repositories } from '@lianxin/storage';

const TOKEN_TTL_MS = 10 * 60 * 1000;

/** Number of leading zero bits of a hash. */
export function leadingZeroBits(hash: Buffer): number {
  let bits = 0;
  for (const byte of hash) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    bits += Math.clz32(byte) - 24;
    break;
  }
  return bits;
}

/** Finds a nonce for a token (what a client does; used by tests and benchmarks). */
export function solveChallenge(token: string, difficulty: number): string {
  for (let nonce = 0; ; nonce++) {
    if (leadingZeroBits(createHash('sha256').update(`${token}:${nonce}`).digest()) >= difficulty) return String(nonce);
  }
}

/** Issues and checks challenges. */
export class ChallengeService {
  constructor(
    private readonly key: Buffer,
    private readonly difficulty: number,
    private readonly clock: Clock,
    private readonly repos: Repositories,
  ) {}

  /** Whether submissions need a solution. */
  get enabled(): boolean {
    return this.difficulty > 0;
  }

  private sign(body: string): string {
    return createHmac('sha256', this.key).update(`pow:${body}`).digest('base64url');
  }

  /** A new challenge. */
  issue(): { enabled: boolean; token?: string; difficulty?: number } {
    if (!this.enabled) return { enabled: false };
    const body = `${this.clock.now().getTime() + TOKEN_TTL_MS}.${this.difficulty}.${randomBytes(9).toString('base64url')}`;
    return { enabled: true, token: `${body}.${this.sign(body)}`, difficulty: this.difficulty };
  }

  /** Accepts a solution once, or throws VALIDATION_FAILED naming `challenge`. */
  async verify(solution: { token: string; nonce: string } | undefined): Promise<void> {
    if (!this.enabled) return;
    const fail = (code: string, message: string) => new AppError('VALIDATION_FAILED', { message, details: [{ path: 'challenge', code, message }] });
    if (!solution) throw fail('required', 'This submission needs a solved challenge (GET /api/v1/public/challenge).');
    const parts = solution.token.split('.');
    if (parts.length !== 4) throw fail('invalid', 'Malformed challenge token.');
    const [expires, difficulty, , signature] = parts as [string, string, string, string];
    const expected = Buffer.from(this.sign(parts.slice(0, 3).join('.')));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw fail('invalid', 'Unknown challenge token.');
    if (Number(expires) < this.clock.now().getTime()) throw fail('expired', 'The challenge expired; fetch a new one.');
    const hash = createHash('sha256').update(`${solution.token}:${solution.nonce}`).digest();
    if (leadingZeroBits(hash) < Number(difficulty)) throw fail('unsolved', 'The challenge solution is wrong.');
    const fresh = await this.repos.idempotency.claim('pow', solution.token, '-', this.clock.now().toISOString());
    if (!fresh) throw fail('reused', 'This challenge was already used; fetch a new one.');
  }
}
