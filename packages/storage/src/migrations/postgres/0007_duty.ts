import { sql, type Kysely } from 'kysely';

/**
 * Deputy duty and evaluation (postgres): the reception rota (rules, dated receptions, attendance,
 * citizens' bookings), activity records, evaluation schemes with admin inputs and published
 * snapshots. Activity photos are attachments marked with their activity, so the orphan
 * cleanup keeps them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE reception_rules (
      id TEXT PRIMARY KEY, unit_id TEXT NOT NULL REFERENCES units(id), kind TEXT NOT NULL, weekday INTEGER, date TEXT,
      start_time TEXT NOT NULL, end_time TEXT NOT NULL, capacity INTEGER NOT NULL DEFAULT 0, deputy_ids TEXT NOT NULL DEFAULT '[]',
      valid_from TEXT NOT NULL, valid_to TEXT, note TEXT, active INTEGER NOT NULL DEFAULT 1, version INTEGER NOT NULL DEFAULT 1,
      created_by TEXT, created_at TIMESTAMPTZ NOT NULL, updated_at TIMESTAMPTZ NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX reception_rules_unit_idx ON reception_rules(unit_id, active)`.execute(db);
  await sql`
    CREATE TABLE receptions (
      id TEXT PRIMARY KEY, rule_id TEXT NOT NULL REFERENCES reception_rules(id), unit_id TEXT NOT NULL REFERENCES units(id),
      unit_path TEXT NOT NULL, date TEXT NOT NULL, start_time TEXT NOT NULL, end_time TEXT NOT NULL,
      capacity INTEGER NOT NULL DEFAULT 0, booked INTEGER NOT NULL DEFAULT 0, deputy_ids TEXT NOT NULL DEFAULT '[]',
      status TEXT NOT NULL DEFAULT 'scheduled', cancel_reason TEXT, reminded_at TIMESTAMPTZ, version INTEGER NOT NULL DEFAULT 1,
      created_at TIMESTAMPTZ NOT NULL, updated_at TIMESTAMPTZ NOT NULL, UNIQUE (rule_id, date)
    )`.execute(db);
  await sql`CREATE INDEX receptions_date_idx ON receptions(date, unit_path)`.execute(db);
  await sql`
    CREATE TABLE reception_attendance (
      reception_id TEXT NOT NULL REFERENCES receptions(id), deputy_id TEXT NOT NULL REFERENCES deputies(id),
      status TEXT NOT NULL, note TEXT, recorded_by TEXT, recorded_at TIMESTAMPTZ NOT NULL, PRIMARY KEY (reception_id, deputy_id)
    )`.execute(db);
  await sql`CREATE INDEX reception_attendance_deputy_idx ON reception_attendance(deputy_id)`.execute(db);
  await sql`
    CREATE TABLE reception_bookings (
      id TEXT PRIMARY KEY, reception_id TEXT NOT NULL REFERENCES receptions(id), code TEXT NOT NULL UNIQUE,
      name_enc TEXT, phone_enc TEXT, phone_hash TEXT, topic TEXT, status TEXT NOT NULL DEFAULT 'booked',
      created_at TIMESTAMPTZ NOT NULL, updated_at TIMESTAMPTZ NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX reception_bookings_reception_idx ON reception_bookings(reception_id, status)`.execute(db);
  await sql`CREATE INDEX reception_bookings_phone_idx ON reception_bookings(phone_hash)`.execute(db);
  await sql`
    CREATE TABLE activities (
      id TEXT PRIMARY KEY, unit_id TEXT NOT NULL REFERENCES units(id), unit_path TEXT NOT NULL, kind TEXT NOT NULL,
      title TEXT NOT NULL, date TEXT NOT NULL, location TEXT, summary TEXT NOT NULL DEFAULT '', case_ids TEXT NOT NULL DEFAULT '[]',
      created_by TEXT, version INTEGER NOT NULL DEFAULT 1, created_at TIMESTAMPTZ NOT NULL, updated_at TIMESTAMPTZ NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX activities_date_idx ON activities(date, unit_path)`.execute(db);
  await sql`
    CREATE TABLE activity_deputies (
      activity_id TEXT NOT NULL REFERENCES activities(id), deputy_id TEXT NOT NULL REFERENCES deputies(id), PRIMARY KEY (activity_id, deputy_id)
    )`.execute(db);
  await sql`CREATE INDEX activity_deputies_deputy_idx ON activity_deputies(deputy_id)`.execute(db);
  await sql`ALTER TABLE attachments ADD COLUMN activity_id TEXT`.execute(db);
  await sql`
    CREATE TABLE evaluation_schemes (
      id TEXT PRIMARY KEY, name TEXT NOT NULL, subject TEXT NOT NULL, definition TEXT NOT NULL, active INTEGER NOT NULL DEFAULT 1,
      version INTEGER NOT NULL DEFAULT 1, updated_by TEXT, created_at TIMESTAMPTZ NOT NULL, updated_at TIMESTAMPTZ NOT NULL
    )`.execute(db);
  await sql`
    CREATE TABLE evaluation_inputs (
      scheme_id TEXT NOT NULL REFERENCES evaluation_schemes(id), period TEXT NOT NULL, subject_id TEXT NOT NULL, key TEXT NOT NULL,
      value DOUBLE PRECISION NOT NULL, note TEXT, updated_by TEXT, updated_at TIMESTAMPTZ NOT NULL, PRIMARY KEY (scheme_id, period, subject_id, key)
    )`.execute(db);
  await sql`
    CREATE TABLE evaluation_snapshots (
      scheme_id TEXT NOT NULL REFERENCES evaluation_schemes(id), period TEXT NOT NULL, scheme_version INTEGER NOT NULL,
      results TEXT NOT NULL, published_by TEXT, published_at TIMESTAMPTZ NOT NULL, PRIMARY KEY (scheme_id, period)
    )`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Lianxin migrations are forward-only; restore a backup to go back.');
}
