/**
 * Optimistic locking shared by the organisation tables: every row has `version`, every
 * update bumps it, and an update that names a stale version changes nothing (409).
 */
import { AppError } from '@lianxin/core';
import type { Kysely } from 'kysely';
import type { DB } from '../database';
import { assertUpdated, guardWrite } from '../sql-helpers';

/** Tables with `id`, `version` and `updated_at`. */
export type VersionedTable = 'units' | 'deputies' | 'departments' | 'categories' | 'topics' | 'users';

type VersionedRow = { id: string; version: number; updated_at: string } & Record<string, unknown>;

/**
 * Updates one row by id, bumping its version. With `expectedVersion` the update only
 * applies to that version; otherwise it applies to whatever version is current.
 */
export async function updateVersioned(
  db: DB,
  table: VersionedTable,
  id: string,
  values: Record<string, unknown>,
  options: { expectedVersion?: number | undefined; now: string; what: string },
): Promise<void> {
  const vdb = db as unknown as Kysely<Record<VersionedTable, VersionedRow>>;
  const clean = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
  const result = await guardWrite(async () => {
    let query = vdb
      .updateTable(table)
      .set((eb) => ({ ...clean, updated_at: options.now, version: eb('version', '+', 1) }))
      .where('id', '=', id);
    if (options.expectedVersion !== undefined) query = query.where('version', '=', options.expectedVersion);
    return query.executeTakeFirst();
  }, options.what);
  if (Number(result.numUpdatedRows) > 0) return;
  const exists = await vdb.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst();
  assertUpdated(0, !!exists, options.what);
}

/** Throws 404 for a missing record; used by `get…OrThrow` helpers. */
export function required<T>(record: T | undefined, what: string): T {
  if (!record) throw new AppError('RESOURCE_NOT_FOUND', { message: `${what} not found.` });
  return record;
}
