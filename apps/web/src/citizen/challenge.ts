/**
 * The submission's proof-of-work: find a decimal nonce such that SHA-256 of
 * `${token}:${nonce}` starts with `difficulty` zero bits. Uses `crypto.subtle` in batches
 * and yields to the page between them; a small pure SHA-256 stands in where `crypto.subtle`
 * is missing (plain-HTTP deployments are not a "secure context").
 */

/** Leading zero bits of a hash. */
export function leadingZeroBits(hash: Uint8Array): number {
  let bits = 0;
  for (const byte of hash) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74,
  0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d,
  0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e,
  0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5,
  0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

/** SHA-256 of bytes, in plain JavaScript (the fallback for `crypto.subtle`). */
export function sha256(data: Uint8Array): Uint8Array {
  const length = data.length;
  const blocks = Math.ceil((length + 9) / 64);
  const padded = new Uint8Array(blocks * 64);
  padded.set(data);
  padded[length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(length / 0x20000000));
  view.setUint32(padded.length - 4, (length * 8) >>> 0);
  const h = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  const w = new Uint32Array(64);
  const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));
  for (let block = 0; block < blocks; block++) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(block * 64 + i * 4);
    for (let i = 16; i < 64; i++) {
      const s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >>> 3);
      const s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >>> 10);
      w[i] = (w[i - 16] + s0 + w[i - 7] + s1) >>> 0;
    }
    let [a, b, c, d, e, f, g, hh] = h;
    for (let i = 0; i < 64; i++) {
      const t1 = (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i]) >>> 0;
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) >>> 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) >>> 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) >>> 0;
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
    h[4] += e;
    h[5] += f;
    h[6] += g;
    h[7] += hh;
  }
  const out = new Uint8Array(32);
  const outView = new DataView(out.buffer);
  h.forEach((word, i) => outView.setUint32(i * 4, word));
  return out;
}

const encoder = new TextEncoder();

function subtle(): SubtleCrypto | undefined {
  return typeof crypto !== 'undefined' && crypto.subtle && typeof crypto.subtle.digest === 'function' ? crypto.subtle : undefined;
}

async function digest(text: string): Promise<Uint8Array> {
  const api = subtle();
  const bytes = encoder.encode(text);
  return api ? new Uint8Array(await api.digest('SHA-256', bytes)) : sha256(bytes);
}

/** Options of `solveChallenge`. */
export interface SolveOptions {
  /** Tries between two pauses that let the page update. */
  batch?: number;
  /** Called after each batch with the number of tries so far. */
  onProgress?: (tries: number) => void;
  /** Stops the search (rejects with an AbortError). */
  signal?: AbortSignal;
}

/** The first nonce (0, 1, 2, …) that solves the challenge, as a decimal string. */
export async function solveChallenge(token: string, difficulty: number, options: SolveOptions = {}): Promise<string> {
  const batch = options.batch ?? 2000;
  for (let start = 0; start < Number.MAX_SAFE_INTEGER; start += batch) {
    if (options.signal?.aborted) throw new DOMException('aborted', 'AbortError');
    const hashes = await Promise.all(Array.from({ length: batch }, (_, i) => digest(`${token}:${start + i}`)));
    const found = hashes.findIndex((hash) => leadingZeroBits(hash) >= difficulty);
    if (found >= 0) return String(start + found);
    options.onProgress?.(start + batch);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  throw new Error('no nonce found');
}

/** A rough share of the expected work done after `tries` (for a progress bar; never 100%). */
export function challengeProgress(tries: number, difficulty: number): number {
  const expected = 2 ** difficulty;
  return Math.min(0.99, 1 - Math.exp(-tries / expected));
}
