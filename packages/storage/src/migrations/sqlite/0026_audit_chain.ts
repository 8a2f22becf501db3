import type { Kysely } from 'kysely';
import { chainAuditLog } from '../shared/0026_audit_chain';

/** The audit log as a hash chain, existing entries chained in write order (SQLite). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await chainAuditLog(db, { bigint: 'INTEGER' });
}

export async function down(): Promise<void> {
  throw new Error('Lianxin migrations are forward-only; restore a backup to go back.');
}
