import { sql, type Kysely } from 'kysely';

/** Opinion cases, their append-only event chain, attachments, idempotency keys and rate-limit counters (PostgreSQL). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE cases (
      id TEXT PRIMARY KEY, tracking_code TEXT NOT NULL UNIQUE, verify_secret_hash TEXT,
      channel TEXT NOT NULL, status TEXT NOT NULL, version INTEGER NOT NULL DEFAULT 1,
      kind TEXT NOT NULL, category_id TEXT REFERENCES categories(id), unit_id TEXT REFERENCES units(id), unit_path TEXT,
      department_id TEXT REFERENCES departments(id), deputy_id TEXT REFERENCES deputies(id), target_deputy_id TEXT REFERENCES deputies(id),
      title TEXT NOT NULL, content TEXT NOT NULL, address TEXT, lat DOUBLE PRECISION, lng DOUBLE PRECISION,
      reporter_name_enc TEXT, reporter_phone_enc TEXT, reporter_phone_hash TEXT, reporter_phone_last4_hash TEXT,
      reporter_email_enc TEXT, reporter_email_hash TEXT, anonymous INTEGER NOT NULL DEFAULT 0, consent_public INTEGER NOT NULL DEFAULT 0,
      entered_by TEXT REFERENCES users(id), reception_id TEXT, source_key TEXT UNIQUE,
      spam_score DOUBLE PRECISION NOT NULL DEFAULT 0, spam_flags TEXT NOT NULL DEFAULT '[]',
      accept_due_at TIMESTAMPTZ, sign_due_at TIMESTAMPTZ, reply_due_at TIMESTAMPTZ, extension TEXT NOT NULL DEFAULT '{}',
      reply_content TEXT, rating TEXT, rating_comment TEXT, rated_at TIMESTAMPTZ, reopen_count INTEGER NOT NULL DEFAULT 0,
      escalation_level INTEGER NOT NULL DEFAULT 0, supervised INTEGER NOT NULL DEFAULT 0, merged_into TEXT REFERENCES cases(id), suggestion_id TEXT,
      workflow TEXT NOT NULL DEFAULT '{}', last_event_hash TEXT, event_count INTEGER NOT NULL DEFAULT 0,
      created_at TIMESTAMPTZ NOT NULL, updated_at TIMESTAMPTZ NOT NULL, accepted_at TIMESTAMPTZ, assigned_at TIMESTAMPTZ, signed_at TIMESTAMPTZ,
      replied_at TIMESTAMPTZ, closed_at TIMESTAMPTZ
    )`.execute(db);
  await sql`CREATE INDEX cases_status_idx ON cases(status, created_at)`.execute(db);
  await sql`CREATE INDEX cases_unit_path_idx ON cases(unit_path, created_at)`.execute(db);
  await sql`CREATE INDEX cases_department_idx ON cases(department_id, status)`.execute(db);
  await sql`CREATE INDEX cases_deputy_idx ON cases(deputy_id, status)`.execute(db);
  await sql`CREATE INDEX cases_category_idx ON cases(category_id, created_at)`.execute(db);
  await sql`CREATE INDEX cases_created_idx ON cases(created_at)`.execute(db);
  await sql`CREATE INDEX cases_phone_hash_idx ON cases(reporter_phone_hash, created_at)`.execute(db);
  await sql`
    CREATE TABLE case_events (
      seq BIGSERIAL PRIMARY KEY, id TEXT NOT NULL UNIQUE, case_id TEXT NOT NULL REFERENCES cases(id),
      type TEXT NOT NULL, from_status TEXT, to_status TEXT, actor_id TEXT, actor_kind TEXT NOT NULL, actor_name TEXT,
      at TIMESTAMPTZ NOT NULL, reason TEXT, payload TEXT NOT NULL DEFAULT '{}', public INTEGER NOT NULL DEFAULT 0,
      prev_hash TEXT NOT NULL, hash TEXT NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX case_events_case_idx ON case_events(case_id, seq)`.execute(db);
  await sql`
    CREATE TABLE attachments (
      id TEXT PRIMARY KEY, sha256 TEXT NOT NULL, mime TEXT NOT NULL, size INTEGER NOT NULL,
      width INTEGER, height INTEGER, original_name TEXT, case_id TEXT REFERENCES cases(id), event_id TEXT,
      uploader_kind TEXT NOT NULL, uploader_id TEXT, created_at TIMESTAMPTZ NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX attachments_case_idx ON attachments(case_id)`.execute(db);
  await sql`
    CREATE TABLE idempotency_keys (
      key TEXT PRIMARY KEY, scope TEXT NOT NULL, request_hash TEXT NOT NULL, status INTEGER, response TEXT, created_at TIMESTAMPTZ NOT NULL
    )`.execute(db);
  await sql`
    CREATE TABLE rate_counters (
      key TEXT NOT NULL, window_start TIMESTAMPTZ NOT NULL, count INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (key, window_start)
    )`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Lianxin migrations are forward-only; restore a backup to go back.');
}
