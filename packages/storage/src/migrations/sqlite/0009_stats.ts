import { sql, type Kysely } from 'kysely';
import { sqliteTime, rollupBackfillSql, rollupTableSql, rollupUpsertSql, STATS_SOURCE_COLUMNS, workdayOrdinals } from '../shared/0009_stats';

/**
 * Statistics (SQLite): a roll-up of case figures by China-time year, month and day, by unit,
 * and by category, department and channel, kept by triggers in the same transaction as every
 * change to `cases` (whatever writes it); and working-day ordinals so that handling time in
 * working days is a subtraction.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE stats_workdays (day TEXT PRIMARY KEY, ordinal INTEGER NOT NULL)`.execute(db);
  const ordinals = workdayOrdinals();
  for (let i = 0; i < ordinals.length; i += 500) {
    const chunk = ordinals.slice(i, i + 500);
    await sql`INSERT INTO stats_workdays (day, ordinal) VALUES ${sql.join(chunk.map((o) => sql`(${o.day}, ${o.ordinal})`))}`.execute(db);
  }
  await sql.raw(rollupTableSql(true)).execute(db);
  // Cases stored before this migration.
  await sql.raw(rollupBackfillSql(sqliteTime)).execute(db);
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
  // The overdue count runs on open cases by their clocks.
  await sql`CREATE INDEX cases_reply_due_idx ON cases(status, reply_due_at)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Lianxin migrations are forward-only; restore a backup to go back.');
}
