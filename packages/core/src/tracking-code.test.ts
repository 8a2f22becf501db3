import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  generateTrackingCode,
  isValidTrackingCode,
  normalizeTrackingCode,
  parseTrackingCode,
  TRACKING_CODE_ALPHABET,
  trackingCodeCheckChar,
} from './tracking-code';

/** A deterministic byte source: returns the given bytes in turn, cycling. */
function bytesFrom(values: number[]): (n: number) => Uint8Array {
  let i = 0;
  return (n) => Uint8Array.from({ length: n }, () => values[i++ % values.length]);
}

describe('tracking codes', () => {
  it('the alphabet has no look-alikes and 23 (prime) characters', () => {
    expect(TRACKING_CODE_ALPHABET).toHaveLength(23);
    for (const c of '0O1IL2Z5S8BUV') expect(TRACKING_CODE_ALPHABET).not.toContain(c);
  });

  it('generates grouped codes from the injected bytes, deterministically', () => {
    const code = generateTrackingCode(bytesFrom([0, 1, 2, 3, 4, 5, 6, 7, 8]));
    expect(code).toBe(`3467-9ACD-E${trackingCodeCheckChar('34679ACDE')}`);
    expect(code).toMatch(/^[34679ACDEFGHJKMNPQRTWXY]{4}-[34679ACDEFGHJKMNPQRTWXY]{4}-[34679ACDEFGHJKMNPQRTWXY]{2}$/);
    expect(isValidTrackingCode(code)).toBe(true);
  });

  it('skips bytes that would bias the draw (253–255)', () => {
    const code = generateTrackingCode(bytesFrom([255, 254, 253, 23]));
    expect(code.replace(/-/g, '').slice(0, 9)).toBe('333333333'); // 23 % 23 = 0 → '3'
  });

  it('real random codes are valid and differ', () => {
    const codes = new Set(Array.from({ length: 200 }, () => generateTrackingCode((n) => randomBytes(n))));
    expect(codes.size).toBe(200);
    for (const c of codes) expect(isValidTrackingCode(c)).toBe(true);
  });

  it('normalizes case, spaces, dashes and full-width input', () => {
    const code = generateTrackingCode(bytesFrom([7, 42, 99, 130, 201, 18, 64, 5, 77]));
    const compact = code.replace(/-/g, '');
    expect(normalizeTrackingCode(compact.toLowerCase())).toBe(code);
    expect(normalizeTrackingCode(` ${compact.slice(0, 3)} ${compact.slice(3, 7)}-${compact.slice(7)} `)).toBe(code);
    const fullWidth = [...compact].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
    expect(normalizeTrackingCode(fullWidth)).toBe(code);
    expect(parseTrackingCode(compact)).toBe(code);
  });

  it('catches every single wrong character and every swap of neighbours', () => {
    for (let seed = 0; seed < 20; seed++) {
      const code = generateTrackingCode(bytesFrom([seed * 11, seed * 7 + 3, 200 - seed, seed, 99, seed * 3, 17, 250 - seed, 31 + seed])).replace(/-/g, '');
      for (let i = 0; i < code.length; i++) {
        for (const c of TRACKING_CODE_ALPHABET) {
          if (c === code[i]) continue;
          expect(isValidTrackingCode(code.slice(0, i) + c + code.slice(i + 1)), `${code} @${i}→${c}`).toBe(false);
        }
        if (i + 1 < code.length && code[i] !== code[i + 1]) {
          const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
          expect(isValidTrackingCode(swapped), `${code} swap ${i}`).toBe(false);
        }
      }
    }
  });

  it('rejects wrong lengths and foreign characters', () => {
    expect(isValidTrackingCode('')).toBe(false);
    expect(isValidTrackingCode('3467-9ACD')).toBe(false);
    expect(isValidTrackingCode('0467-9ACD-E3')).toBe(false);
    expect(() => parseTrackingCode('nope')).toThrowError(expect.objectContaining({ code: 'TRACKING_CODE_INVALID' }));
  });
});
