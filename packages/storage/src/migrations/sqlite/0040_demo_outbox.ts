import { sql, type Kysely } from 'kysely';

/**
 * Demo outbox (SQLite): in demo mode the worker keeps a copy of every email and text message it
 * sends, with the recipient already masked, for the console's outbox page (demo installs send
 * mail and SMS to the log only). Never written outside demo mode.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE demo_outbox (
      id TEXT PRIMARY KEY, channel TEXT NOT NULL, recipient TEXT NOT NULL, subject TEXT, body TEXT NOT NULL, sent_at TEXT NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX demo_outbox_sent_idx ON demo_outbox(sent_at)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Lianxin migrations are forward-only; restore a backup to go back.');
}
