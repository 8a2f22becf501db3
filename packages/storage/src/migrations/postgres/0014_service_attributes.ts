import { sql, type Kysely } from 'kysely';

/**
 * Open311 attributes per category (GeoReport v2 service definitions): a JSON list of
 * `{ code, description, datatype, required, datatypeDescription, order, values }`; null
 * means none. Values a request gave are kept with the request (`open311_requests.attributes`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE categories ADD COLUMN attributes TEXT`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Lianxin migrations are forward-only; restore a backup to go back.');
}
