import type { Kysely } from 'kysely';
import { separateBallots } from '../shared/0025_ballot_secrecy';

/** Sealed pending ballots, and the stored ballots rewritten in hash order (SQLite). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await separateBallots(db, 'sqlite');
}

export async function down(): Promise<void> {
  throw new Error('Lianxin migrations are forward-only; restore a backup to go back.');
}
