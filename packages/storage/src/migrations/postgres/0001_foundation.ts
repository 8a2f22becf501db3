import { sql, type Kysely } from 'kysely';

/** Organisation, accounts, sessions, audit log and settings (PostgreSQL). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE units (
      id TEXT PRIMARY KEY, parent_id TEXT REFERENCES units(id), kind TEXT NOT NULL, name TEXT NOT NULL,
      path TEXT NOT NULL, region TEXT, region_type TEXT, point_kind TEXT, address TEXT, phone TEXT,
      opening_hours TEXT, brands TEXT NOT NULL DEFAULT '[]', lat DOUBLE PRECISION, lng DOUBLE PRECISION,
      sort_order INTEGER NOT NULL DEFAULT 0, active INTEGER NOT NULL DEFAULT 1, version INTEGER NOT NULL DEFAULT 1,
      created_at TIMESTAMPTZ NOT NULL, updated_at TIMESTAMPTZ NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX units_parent_idx ON units(parent_id)`.execute(db);
  await sql`CREATE INDEX units_path_idx ON units(path)`.execute(db);
  await sql`
    CREATE TABLE departments (
      id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, short_name TEXT, liaison_name TEXT, liaison_phone_enc TEXT,
      sort_order INTEGER NOT NULL DEFAULT 0, active INTEGER NOT NULL DEFAULT 1, version INTEGER NOT NULL DEFAULT 1,
      created_at TIMESTAMPTZ NOT NULL, updated_at TIMESTAMPTZ NOT NULL
    )`.execute(db);
  await sql`
    CREATE TABLE deputies (
      id TEXT PRIMARY KEY, name TEXT NOT NULL, gender TEXT, levels TEXT NOT NULL DEFAULT '[]',
      home_unit_id TEXT REFERENCES units(id), sector TEXT, position TEXT, profile TEXT,
      phone_enc TEXT, phone_hash TEXT, email_enc TEXT, email_hash TEXT,
      active INTEGER NOT NULL DEFAULT 1, version INTEGER NOT NULL DEFAULT 1,
      created_at TIMESTAMPTZ NOT NULL, updated_at TIMESTAMPTZ NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX deputies_home_unit_idx ON deputies(home_unit_id)`.execute(db);
  await sql`CREATE INDEX deputies_phone_hash_idx ON deputies(phone_hash)`.execute(db);
  await sql`
    CREATE TABLE categories (
      id TEXT PRIMARY KEY, parent_id TEXT REFERENCES categories(id), name TEXT NOT NULL,
      default_department_id TEXT REFERENCES departments(id), time_limit_workdays INTEGER,
      sort_order INTEGER NOT NULL DEFAULT 0, active INTEGER NOT NULL DEFAULT 1, version INTEGER NOT NULL DEFAULT 1,
      created_at TIMESTAMPTZ NOT NULL, updated_at TIMESTAMPTZ NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX categories_parent_idx ON categories(parent_id)`.execute(db);
  await sql`
    CREATE TABLE appeal_kinds (
      code TEXT PRIMARY KEY, name TEXT NOT NULL, name_en TEXT NOT NULL, handle_workdays INTEGER NOT NULL,
      sort_order INTEGER NOT NULL DEFAULT 0, active INTEGER NOT NULL DEFAULT 1
    )`.execute(db);
  await sql`
    CREATE TABLE topics (
      id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, description TEXT,
      sort_order INTEGER NOT NULL DEFAULT 0, active INTEGER NOT NULL DEFAULT 1, version INTEGER NOT NULL DEFAULT 1,
      created_at TIMESTAMPTZ NOT NULL, updated_at TIMESTAMPTZ NOT NULL
    )`.execute(db);
  await sql`
    CREATE TABLE users (
      id TEXT PRIMARY KEY, username TEXT NOT NULL UNIQUE, display_name TEXT NOT NULL, password_hash TEXT NOT NULL,
      roles TEXT NOT NULL DEFAULT '[]', unit_id TEXT REFERENCES units(id), department_id TEXT REFERENCES departments(id),
      deputy_id TEXT REFERENCES deputies(id), active INTEGER NOT NULL DEFAULT 1, failed_logins INTEGER NOT NULL DEFAULT 0,
      locked_until TIMESTAMPTZ, last_login_at TIMESTAMPTZ, version INTEGER NOT NULL DEFAULT 1,
      created_at TIMESTAMPTZ NOT NULL, updated_at TIMESTAMPTZ NOT NULL
    )`.execute(db);
  await sql`
    CREATE TABLE sessions (
      id TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id), csrf_token TEXT NOT NULL,
      created_at TIMESTAMPTZ NOT NULL, expires_at TIMESTAMPTZ NOT NULL, last_seen_at TIMESTAMPTZ NOT NULL, ip TEXT, user_agent TEXT
    )`.execute(db);
  await sql`CREATE INDEX sessions_user_idx ON sessions(user_id)`.execute(db);
  await sql`
    CREATE TABLE audit_log (
      seq BIGSERIAL PRIMARY KEY, id TEXT NOT NULL UNIQUE, at TIMESTAMPTZ NOT NULL, actor_id TEXT, actor_name TEXT,
      action TEXT NOT NULL, entity TEXT NOT NULL, entity_id TEXT, summary TEXT, payload TEXT NOT NULL DEFAULT '{}', ip TEXT
    )`.execute(db);
  await sql`CREATE INDEX audit_log_entity_idx ON audit_log(entity, entity_id)`.execute(db);
  await sql`CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at TIMESTAMPTZ NOT NULL)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Lianxin migrations are forward-only; restore a backup to go back.');
}
