import { sql, type Kysely } from 'kysely';

/**
 * Issue #15: one address could book out a reception with made-up phone numbers. A booking now
 * keeps a keyed hash of the address it came from (never the address itself), so the places one
 * address holds at a reception can be counted in the booking's transaction.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE reception_bookings ADD COLUMN address_hash TEXT`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Lianxin migrations are forward-only; restore a backup to go back.');
}
