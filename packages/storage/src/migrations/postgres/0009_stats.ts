import { sql, type Kysely } from 'kysely';
import { postgresTime, rollupBackfillSql, rollupTableSql, rollupUpsertSql, STATS_SOURCE_COLUMNS, workdayOrdinals } from '../shared/0009_stats';

/**
 * Statistics (PostgreSQL): a roll-up of case figures by China-time year, month and day, by
 * unit, and by category, department and channel, kept by a trigger in the same transaction as
 * every change to `cases`; and working-day ordinals so that handling time in working days is a
 * subtraction. Each change writes its buckets in key order in one statement, so concurrent
 * writers cannot deadlock on them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE stats_workdays (day TEXT PRIMARY KEY, ordinal INTEGER NOT NULL)`.execute(db);
  const ordinals = workdayOrdinals();
  for (let i = 0; i < ordinals.length; i += 1000) {
    const chunk = ordinals.slice(i, i + 1000);
    await sql`INSERT INTO stats_workdays (day, ordinal) VALUES ${sql.join(chunk.map((o) => sql`(${o.day}, ${o.ordinal})`))}`.execute(db);
  }
  await sql.raw(rollupTableSql()).execute(db);
  // Cases stored before this migration.
  await sql.raw(rollupBackfillSql(postgresTime)).execute(db);
  await sql
    .raw(
      `CREATE FUNCTION case_stats_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN ${rollupUpsertSql([{ r: 'NEW', sign: 1 }], postgresTime)};
        ELSIF TG_OP = 'DELETE' THEN ${rollupUpsertSql([{ r: 'OLD', sign: -1 }], postgresTime)};
        ELSE ${rollupUpsertSql(
          [
            { r: 'OLD', sign: -1 },
            { r: 'NEW', sign: 1 },
          ],
          postgresTime,
        )};
        END IF;
        RETURN NULL;
      END $$`,
    )
    .execute(db);
  await sql`CREATE TRIGGER cases_stats_insert AFTER INSERT OR DELETE ON cases FOR EACH ROW EXECUTE FUNCTION case_stats_trigger()`.execute(db);
  await sql
    .raw(
      `CREATE TRIGGER cases_stats_update AFTER UPDATE OF ${STATS_SOURCE_COLUMNS.join(', ')} ON cases FOR EACH ROW
       WHEN (${STATS_SOURCE_COLUMNS.map((col) => `OLD.${col} IS DISTINCT FROM NEW.${col}`).join(' OR ')})
       EXECUTE FUNCTION case_stats_trigger()`,
    )
    .execute(db);
  // The overdue count runs on open cases by their clocks.
  await sql`CREATE INDEX cases_reply_due_idx ON cases(status, reply_due_at)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Lianxin migrations are forward-only; restore a backup to go back.');
}
