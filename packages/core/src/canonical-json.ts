/**
 * Canonical JSON, the text that hashes are taken of (event chain, ballots): object keys sorted
 * at every depth, keys whose value is null or undefined left out, dates as ISO strings. Pure,
 * so browsers can load it; the hashing itself (node:crypto) is in event-chain.ts and
 * voting/ballot-hash.ts, which only the server's entry of this package exports.
 */
import { AppError } from './errors';

function canonical(value: unknown, path: string): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new AppError('VALIDATION_FAILED', { details: [{ path, code: 'invalid_number', message: 'not a finite number' }] });
    return value;
  }
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map((v, i) => canonical(v, `${path}.${i}`));
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== null && v !== undefined) out[key] = canonical(v, path ? `${path}.${key}` : key);
    }
    return out;
  }
  throw new AppError('VALIDATION_FAILED', { details: [{ path, code: 'invalid_type', message: `cannot hash a ${typeof value}` }] });
}

/** Stable JSON: sorted keys, null/undefined object fields left out, dates as ISO strings. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonical(value, ''));
}
