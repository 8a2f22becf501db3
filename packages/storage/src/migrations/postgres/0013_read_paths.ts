import { sql, type Kysely } from 'kysely';
import { postgresTime, READ_PATH_INDEXES, rollupBackfillSql, rollupTableSql, rollupUpsertSql, STATS_SOURCE_COLUMNS } from '../shared/0013_read_paths';

/**
 * Read paths at a million cases (PostgreSQL). The statistics roll-up is rebuilt keyed by every
 * combination of top-level category, department and channel (not one of them), so an overview
 * filtered on one or two of those axes — or seen by a department — still reads only roll-up rows;
 * the trigger function is replaced for the new layout (same triggers). Indexes let every filter
 * and worklist of the console's case list walk its cases newest first instead of sorting them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TRIGGER IF EXISTS cases_stats_insert ON cases`.execute(db);
  await sql`DROP TRIGGER IF EXISTS cases_stats_update ON cases`.execute(db);
  await sql`DROP FUNCTION IF EXISTS case_stats_trigger()`.execute(db);
  await sql`DROP TABLE case_stats`.execute(db);
  await sql.raw(rollupTableSql()).execute(db);
  for (const statement of rollupBackfillSql(postgresTime)) await sql.raw(statement).execute(db);
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
  for (const index of READ_PATH_INDEXES) await sql.raw(index).execute(db);
  await sql`ANALYZE cases`.execute(db);
  await sql`ANALYZE case_stats`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Lianxin migrations are forward-only; restore a backup to go back.');
}
