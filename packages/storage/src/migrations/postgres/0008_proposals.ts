import { sql, type Kysely } from 'kysely';
import { proposalTables } from '../shared/0008_proposals.sql';

/** Suggestions and motions, key supervision (KPIs, issue lists), public comparison and livelihood-project voting (PostgreSQL). */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of proposalTables({ time: 'TIMESTAMPTZ', real: 'DOUBLE PRECISION', serial: 'BIGSERIAL PRIMARY KEY' }))
    await sql.raw(statement).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Lianxin migrations are forward-only; restore a backup to go back.');
}
