import { sql, type Kysely } from 'kysely';

/**
 * Escalation of overdue issue-list items (SQLite): the step each open item has reached
 * (0 on time, 1 overdue notice sent, 2 escalated to the supervising leader) and when it was
 * escalated. The job raises the step with a guarded update, so each step happens once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE issue_items ADD COLUMN escalation_step INTEGER NOT NULL DEFAULT 0`.execute(db);
  await sql`ALTER TABLE issue_items ADD COLUMN escalated_at TEXT`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Lianxin migrations are forward-only; restore a backup to go back.');
}
