/**
 * Query-string helpers shared by list routes.
 */
import { type z } from 'zod';
import { ListQuerySchema } from '@lianxin/contracts';

/** `includeInactive=1|true` → boolean. */
export function includeInactive(value: string | undefined): boolean {
  return value === '1' || value === 'true';
}

/** The list query extended with route-specific filters. */
export function listQuery<T extends z.ZodRawShape>(extra: T) {
  return ListQuerySchema.extend(extra);
}
