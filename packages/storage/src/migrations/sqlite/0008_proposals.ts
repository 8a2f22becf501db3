import { sql, type Kysely } from 'kysely';
import { proposalTables } from '../shared/0008_proposals.sql';

/** Suggestions and motions, key supervision (KPIs, issue lists), public comparison and livelihood-project voting (SQLite). */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of proposalTables({ time: 'TEXT', real: 'REAL', serial: 'INTEGER PRIMARY KEY AUTOINCREMENT' })) await sql.raw(statement).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Lianxin migrations are forward-only; restore a backup to go back.');
}
