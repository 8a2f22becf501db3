/**
 * Query-string helpers shared by list routes.
 */

/** `includeInactive=1|true` → boolean. */
export function includeInactive(value: string | undefined): boolean {
  return value === '1' || value === 'true';
}
