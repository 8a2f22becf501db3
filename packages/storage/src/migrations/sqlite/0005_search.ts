import { sql, type Kysely } from 'kysely';

/**
 * Full-text search and stored models (SQLite).
 *
 * `cases.search_tokens` holds the app-side tokens (`tokensForIndex` of title, content, reply and
 * notes). The FTS5 index `cases_fts` is contentless (the tokens live in `cases`), with deletes
 * enabled. Cases have TEXT ids and an implicit rowid that VACUUM may renumber, so the FTS rowid
 * comes from `case_fts_rows`, whose INTEGER PRIMARY KEY is stable. Triggers keep the index in
 * step with every write of `search_tokens`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE cases ADD COLUMN search_tokens TEXT`.execute(db);
  await sql`CREATE TABLE case_fts_rows (fts_rowid INTEGER PRIMARY KEY, case_id TEXT NOT NULL UNIQUE)`.execute(db);
  await sql`CREATE VIRTUAL TABLE cases_fts USING fts5(search_tokens, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0')`.execute(db);
  await sql`
    CREATE TRIGGER cases_fts_insert AFTER INSERT ON cases WHEN new.search_tokens IS NOT NULL BEGIN
      INSERT OR IGNORE INTO case_fts_rows(case_id) VALUES (new.id);
      INSERT INTO cases_fts(rowid, search_tokens) SELECT fts_rowid, new.search_tokens FROM case_fts_rows WHERE case_id = new.id;
    END`.execute(db);
  await sql`
    CREATE TRIGGER cases_fts_update AFTER UPDATE OF search_tokens ON cases BEGIN
      DELETE FROM cases_fts WHERE rowid = (SELECT fts_rowid FROM case_fts_rows WHERE case_id = old.id);
      INSERT OR IGNORE INTO case_fts_rows(case_id) SELECT new.id WHERE new.search_tokens IS NOT NULL;
      INSERT INTO cases_fts(rowid, search_tokens) SELECT fts_rowid, new.search_tokens FROM case_fts_rows WHERE case_id = new.id AND new.search_tokens IS NOT NULL;
    END`.execute(db);
  await sql`
    CREATE TRIGGER cases_fts_delete AFTER DELETE ON cases BEGIN
      DELETE FROM cases_fts WHERE rowid = (SELECT fts_rowid FROM case_fts_rows WHERE case_id = old.id);
      DELETE FROM case_fts_rows WHERE case_id = old.id;
    END`.execute(db);
  await sql`
    CREATE TABLE models (
      id TEXT PRIMARY KEY, kind TEXT NOT NULL, created_at TEXT NOT NULL, metrics TEXT NOT NULL DEFAULT '{}',
      model TEXT NOT NULL, active INTEGER NOT NULL DEFAULT 0
    )`.execute(db);
  await sql`CREATE INDEX models_kind_idx ON models(kind, active, created_at)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Lianxin migrations are forward-only; restore a backup to go back.');
}
