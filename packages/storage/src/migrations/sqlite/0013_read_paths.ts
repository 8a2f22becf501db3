import { sql, type Kysely } from 'kysely';
import { sqliteTime, READ_PATH_INDEXES, rollupBackfillSql, rollupTableSql, rollupUpsertSql, STATS_SOURCE_COLUMNS } from '../shared/0013_read_paths';

/**
 * Read paths at a million cases (SQLite). The statistics roll-up is rebuilt keyed by every
 * combination of top-level category, department and channel (not one of them), so an overview
 * filtered on one or two of those axes — or seen by a department — still reads only roll-up rows;
 * its triggers are recreated for the new layout. Indexes let every filter and worklist of the
 * console's case list walk its cases newest first instead of sorting or scanning them, and let a
 * filtered search check its text matches against the filters without reading case rows.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const trigger of ['cases_stats_insert', 'cases_stats_update', 'cases_stats_delete']) await sql.raw(`DROP TRIGGER IF EXISTS ${trigger}`).execute(db);
  await sql`DROP TABLE case_stats`.execute(db);
  await sql.raw(rollupTableSql(true)).execute(db);
  for (const statement of rollupBackfillSql(sqliteTime)) await sql.raw(statement).execute(db);
  await sql.raw(`CREATE TRIGGER cases_stats_insert AFTER INSERT ON cases BEGIN ${rollupUpsertSql([{ r: 'NEW', sign: 1 }], sqliteTime)}; END`).execute(db);
  const changed = STATS_SOURCE_COLUMNS.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ');
  await sql
    .raw(
      `CREATE TRIGGER cases_stats_update AFTER UPDATE OF ${STATS_SOURCE_COLUMNS.join(', ')} ON cases WHEN ${changed}
       BEGIN ${rollupUpsertSql(
         [
           { r: 'OLD', sign: -1 },
           { r: 'NEW', sign: 1 },
         ],
         sqliteTime,
       )}; END`,
    )
    .execute(db);
  await sql.raw(`CREATE TRIGGER cases_stats_delete AFTER DELETE ON cases BEGIN ${rollupUpsertSql([{ r: 'OLD', sign: -1 }], sqliteTime)}; END`).execute(db);
  for (const index of READ_PATH_INDEXES) await sql.raw(index).execute(db);
  // A search checks the list's filters on each text match: this index answers them by case id
  // without reading the (large) case row.
  await sql`CREATE INDEX cases_filter_cover_idx ON cases(id, created_at, status, unit_path, unit_id, category_id, department_id, channel, deputy_id, target_deputy_id)`.execute(
    db,
  );
  // Statistics for the planner to pick the new indexes (sampled: exact figures are not needed).
  await sql`PRAGMA analysis_limit = 10000`.execute(db);
  await sql`ANALYZE cases`.execute(db);
  await sql`ANALYZE case_stats`.execute(db);
  await sql`PRAGMA analysis_limit = 0`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Lianxin migrations are forward-only; restore a backup to go back.');
}
