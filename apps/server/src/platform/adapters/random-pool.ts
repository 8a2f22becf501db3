/**
 * Cryptographically secure random bytes for the many small draws of intake (tracking codes,
 * verify secrets, IVs), taken from a pool refilled by `randomFillSync` — one call into the CSPRNG
 * per 8 KiB instead of one per draw, which showed up in intake's profile. Bytes are handed out
 * once and never reused (Node pools its `randomUUID` source the same way).
 */
import { randomFillSync } from 'node:crypto';

const POOL_SIZE = 8192;
const pool = Buffer.allocUnsafeSlow(POOL_SIZE);
let offset = POOL_SIZE;

/** `n` fresh random bytes (a copy; n up to the pool size). */
export function poolRandomBytes(n: number): Buffer {
  if (n > POOL_SIZE) return randomFillSync(Buffer.alloc(n));
  if (offset + n > POOL_SIZE) {
    randomFillSync(pool);
    offset = 0;
  }
  const out = Buffer.from(pool.subarray(offset, offset + n));
  offset += n;
  return out;
}
