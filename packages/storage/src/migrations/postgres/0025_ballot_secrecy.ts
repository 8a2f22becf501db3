import type { Kysely } from 'kysely';
import { separateBallots } from '../shared/0025_ballot_secrecy';

/** Sealed pending ballots, and the stored ballots rewritten in hash order (PostgreSQL). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await separateBallots(db, 'postgres');
}

export async function down(): Promise<void> {
  throw new Error('Lianxin migrations are forward-only; restore a backup to go back.');
}
