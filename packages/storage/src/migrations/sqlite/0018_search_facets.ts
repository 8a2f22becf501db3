import type { Kysely } from 'kysely';

/**
 * Search at a million cases (SQLite): nothing to change — the facet index of 0016 already serves
 * filtered searches and FTS5 walks text matches newest first. The PostgreSQL migration of the same
 * name adds a GIN index of text, facet and month lexemes; the name exists here so both databases
 * stand at the same version.
 */
export async function up(_db: Kysely<unknown>): Promise<void> {}

export async function down(): Promise<void> {
  throw new Error('Lianxin migrations are forward-only; restore a backup to go back.');
}
