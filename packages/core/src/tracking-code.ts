/**
 * Tracking codes (查询码) for citizens: random, not sequential, easy to read aloud and to
 * type from a phone call, and self-checking so a mistyped code is caught before a lookup.
 *
 * Alphabet (23 characters): `34679ACDEFGHJKMNPQRTWXY` — the digits and capital letters
 * without the look-alikes 0/O, 1/I/L, 2/Z, 5/S, 8/B and the U/V pair.
 *
 * A code is 9 random characters plus 1 check character, shown as `XXXX-XXXX-XX`
 * (e.g. `K7QX-M4RT-9P`). 23⁹ ≈ 1.8 × 10¹² codes (≈ 40.7 bits); guessing is further limited
 * by the verification digits and rate limits on the lookup endpoint.
 *
 * Check character: with values v₀…v₉ (index in the alphabet), Σ (i + 1)·vᵢ ≡ 0 (mod 23).
 * As 23 is prime and the weights 1…10 are distinct and non-zero mod 23, every single wrong
 * character and every swap of two neighbouring characters is detected.
 */
import { AppError } from './errors';

/** The characters a tracking code is made of. */
export const TRACKING_CODE_ALPHABET = '34679ACDEFGHJKMNPQRTWXY';

/** Characters in a code, including the check character. */
export const TRACKING_CODE_LENGTH = 10;

const BASE = TRACKING_CODE_ALPHABET.length; // 23, a prime
const DATA_LENGTH = TRACKING_CODE_LENGTH - 1;
/** Largest multiple of 23 below 256: bytes at or above it are discarded to keep the draw uniform. */
const BYTE_LIMIT = 256 - (256 % BASE);
/** Modular inverse of the check character's weight (10) mod 23: 10 × 7 = 70 ≡ 1. */
const INVERSE_CHECK_WEIGHT = 7;

/** A source of cryptographically random bytes, e.g. `(n) => crypto.randomBytes(n)`. */
export type RandomBytes = (n: number) => Uint8Array;

function weightedSum(values: readonly number[]): number {
  return values.reduce((sum, v, i) => (sum + (i + 1) * v) % BASE, 0);
}

/** The check character for 9 data characters from the alphabet. */
export function trackingCodeCheckChar(data: string): string {
  const values = [...data].map((c) => TRACKING_CODE_ALPHABET.indexOf(c));
  if (values.length !== DATA_LENGTH || values.some((v) => v < 0)) {
    throw new AppError('TRACKING_CODE_INVALID', { message: `Expected ${DATA_LENGTH} characters from the tracking code alphabet.` });
  }
  const check = (((BASE - weightedSum(values)) % BASE) * INVERSE_CHECK_WEIGHT) % BASE;
  return TRACKING_CODE_ALPHABET[check];
}

function group(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

/** A new tracking code in display form (`XXXX-XXXX-XX`), drawn uniformly from `randomBytes`. */
export function generateTrackingCode(randomBytes: RandomBytes): string {
  let data = '';
  for (let round = 0; data.length < DATA_LENGTH; round++) {
    if (round > 100) throw new AppError('INTERNAL_ERROR', { message: 'The random source keeps returning unusable bytes.' });
    for (const byte of randomBytes(DATA_LENGTH * 2)) {
      if (byte < BYTE_LIMIT && data.length < DATA_LENGTH) data += TRACKING_CODE_ALPHABET[byte % BASE];
    }
  }
  return group(data + trackingCodeCheckChar(data));
}

/**
 * The display form (`XXXX-XXXX-XX`) of what a person typed, or null when it is not a valid
 * code. Case, spaces, dashes, dots, underscores and full-width characters (Chinese input
 * methods) are tolerated.
 */
export function normalizeTrackingCode(input: string): string | null {
  if (typeof input !== 'string') return null;
  const compact = input
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-_.·—–]/g, '');
  if (compact.length !== TRACKING_CODE_LENGTH) return null;
  const values = [...compact].map((c) => TRACKING_CODE_ALPHABET.indexOf(c));
  if (values.some((v) => v < 0)) return null;
  return weightedSum(values) === 0 ? group(compact) : null;
}

/** True when `input` is a well-formed code whose check character matches. */
export function isValidTrackingCode(input: string): boolean {
  return normalizeTrackingCode(input) !== null;
}

/** The display form of `input`; throws `TRACKING_CODE_INVALID` (400) when it is not a valid code. */
export function parseTrackingCode(input: string): string {
  const code = normalizeTrackingCode(input);
  if (code === null) throw new AppError('TRACKING_CODE_INVALID', { details: [{ path: 'trackingCode', code: 'invalid_tracking_code' }] });
  return code;
}
