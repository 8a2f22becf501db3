import { sql, type Kysely } from 'kysely';

/** The job queue, notification inbox and import runs (PostgreSQL). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE jobs (
      id TEXT PRIMARY KEY, name TEXT NOT NULL, payload TEXT NOT NULL DEFAULT '{}', status TEXT NOT NULL,
      run_at TIMESTAMPTZ NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, max_attempts INTEGER NOT NULL DEFAULT 5,
      last_error TEXT, locked_by TEXT, locked_until TIMESTAMPTZ, created_at TIMESTAMPTZ NOT NULL, updated_at TIMESTAMPTZ NOT NULL, finished_at TIMESTAMPTZ
    )`.execute(db);
  await sql`CREATE INDEX jobs_due_idx ON jobs(status, run_at)`.execute(db);
  await sql`
    CREATE TABLE notifications (
      id TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id), kind TEXT NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL,
      link TEXT, case_id TEXT, read_at TIMESTAMPTZ, created_at TIMESTAMPTZ NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX notifications_user_idx ON notifications(user_id, read_at, created_at)`.execute(db);
  await sql`
    CREATE TABLE deliveries (
      id TEXT PRIMARY KEY, channel TEXT NOT NULL, recipient_hash TEXT, template TEXT NOT NULL, case_id TEXT,
      status TEXT NOT NULL, error TEXT, created_at TIMESTAMPTZ NOT NULL, sent_at TIMESTAMPTZ
    )`.execute(db);
  await sql`CREATE INDEX deliveries_case_idx ON deliveries(case_id)`.execute(db);
  await sql`
    CREATE TABLE imports (
      id TEXT PRIMARY KEY, file_name TEXT NOT NULL, status TEXT NOT NULL, dry_run INTEGER NOT NULL DEFAULT 1, mapping TEXT NOT NULL DEFAULT '{}',
      total INTEGER NOT NULL DEFAULT 0, processed INTEGER NOT NULL DEFAULT 0, created INTEGER NOT NULL DEFAULT 0,
      duplicates INTEGER NOT NULL DEFAULT 0, failed INTEGER NOT NULL DEFAULT 0, errors TEXT NOT NULL DEFAULT '[]',
      created_by TEXT, created_at TIMESTAMPTZ NOT NULL, updated_at TIMESTAMPTZ NOT NULL
    )`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Lianxin migrations are forward-only; restore a backup to go back.');
}
