import { sql, type Kysely } from 'kysely';

/**
 * Full-text search and stored models (PostgreSQL).
 *
 * `cases.search_tokens` holds the app-side tokens (`tokensForIndex` of title, content, reply and
 * notes); `search_vector` is generated from them with the `simple` configuration (no stemming:
 * the app segments), indexed with GIN.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE cases ADD COLUMN search_tokens TEXT`.execute(db);
  await sql`ALTER TABLE cases ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (to_tsvector('simple', coalesce(search_tokens, ''))) STORED`.execute(db);
  await sql`CREATE INDEX cases_search_idx ON cases USING GIN (search_vector)`.execute(db);
  await sql`
    CREATE TABLE models (
      id TEXT PRIMARY KEY, kind TEXT NOT NULL, created_at TIMESTAMPTZ NOT NULL, metrics TEXT NOT NULL DEFAULT '{}',
      model TEXT NOT NULL, active INTEGER NOT NULL DEFAULT 0
    )`.execute(db);
  await sql`CREATE INDEX models_kind_idx ON models(kind, active, created_at)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Lianxin migrations are forward-only; restore a backup to go back.');
}
