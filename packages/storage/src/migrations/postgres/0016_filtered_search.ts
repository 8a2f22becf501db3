import type { Kysely } from 'kysely';

/**
 * Filtered search at a million cases (PostgreSQL): nothing to change. The SQLite migration of the
 * same name adds a facet index for FTS5, which cannot combine a text match with other indexes;
 * PostgreSQL combines the GIN index of `search_vector` with the btree indexes of the list's
 * filters in one bitmap scan. The name exists here so both databases stand at the same version.
 */
export async function up(_db: Kysely<unknown>): Promise<void> {}

export async function down(): Promise<void> {
  throw new Error('Lianxin migrations are forward-only; restore a backup to go back.');
}
