import { sql, type Kysely } from 'kysely';

/**
 * One row `/readyz` rewrites on every check: an instance is ready only while a real committed
 * write succeeds (a full disk, a read-only or deleted SQLite file, a lost PostgreSQL database all
 * make it fail), not merely while `SELECT 1` answers.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE health_probe (id INTEGER PRIMARY KEY, checked_at TIMESTAMPTZ NOT NULL)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Lianxin migrations are forward-only; restore a backup to go back.');
}
