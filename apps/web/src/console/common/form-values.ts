/** Turning form values into request bodies. */

/** Trims strings and turns empty ones into null; leaves everything else alone. */
export function blankToNull<T>(value: T): T | null {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return (trimmed === '' ? null : trimmed) as T | null;
  }
  return value === undefined ? null : value;
}

/** True when the value is a masked secret (e.g. 138****1234) that must not be sent back. */
export function isMasked(value: string | null | undefined): boolean {
  return typeof value === 'string' && value.includes('*');
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/**
 * The fields of `next` that differ from `current`, for a PATCH body. Nested objects are
 * compared as a whole.
 */
export function changedFields<T extends Record<string, unknown>>(next: T, current: Record<string, unknown>): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(next) as (keyof T & string)[]) {
    if (!same(next[key], current[key])) out[key] = next[key];
  }
  return out;
}
