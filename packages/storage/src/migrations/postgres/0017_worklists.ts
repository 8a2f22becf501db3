import { sql, type Kysely } from 'kysely';
import { OPEN_CASES_INDEX } from '../shared/0017_worklists';

/**
 * Counts of open cases at a million cases (PostgreSQL): a partial covering index of the open
 * cases (a few percent of all) answers the console's worklist badges and the overview's overdue
 * figure with index-only scans, for every scope, instead of walking cases by creation time.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(OPEN_CASES_INDEX).execute(db);
  await sql`ANALYZE cases`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Lianxin migrations are forward-only; restore a backup to go back.');
}
