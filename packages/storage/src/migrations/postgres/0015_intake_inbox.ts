import { sql, type Kysely } from 'kysely';

/**
 * Intake inbox (PostgreSQL): public submissions acknowledged by a web-only instance, each a single
 * row holding the checked submission (ids are UUIDv7: their order is arrival order); workers open
 * them as cases (claimed with SKIP LOCKED, so several never open the same one) and delete the rows.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE intake_inbox (
      id TEXT PRIMARY KEY, tracking_code TEXT NOT NULL UNIQUE, payload TEXT NOT NULL, created_at TEXT NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT
    )`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Lianxin migrations are forward-only; restore a backup to go back.');
}
