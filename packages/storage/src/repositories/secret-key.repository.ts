/**
 * What the database knows about the secret key its contact data is encrypted with: a check
 * value derived from the key (it identifies the key without revealing it), kept in `settings`,
 * so a process holding another key refuses to start instead of failing every request that
 * decrypts; and, for a database made before the check value existed, a few stored ciphertexts
 * to try the key on.
 */
import { sql } from 'kysely';
import type { DB } from '../database';
import { parseJson } from '../sql-helpers';

/** The settings key of the check value. */
export const SECRET_KEY_CHECK = 'secret_key_check';

/** Reads and claims the key's check value. */
export class SecretKeyRepository {
  constructor(private readonly db: DB) {}

  /** The stored check value, or null when none was stored yet. */
  async check(): Promise<string | null> {
    const row = await this.db.selectFrom('settings').select('value').where('key', '=', SECRET_KEY_CHECK).executeTakeFirst();
    return row ? (parseJson<{ check?: string } | null>(row.value, null)?.check ?? null) : null;
  }

  /**
   * Stores `check` unless a check value is stored already; returns the one stored (the other
   * process's, when two first starts race).
   */
  async claimCheck(check: string, now: string): Promise<string> {
    await this.db
      .insertInto('settings')
      .values({ key: SECRET_KEY_CHECK, value: JSON.stringify({ check }), updated_at: now })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    return (await this.check()) ?? check;
  }

  /**
   * Up to one stored ciphertext from each place that holds them, read by index or from small
   * tables (cheap at any size): department liaison phones, deputies' contacts, webhook secrets,
   * reception bookings and the newest case with an encrypted phone.
   */
  async sampleCiphertexts(): Promise<string[]> {
    const result = await sql<{ value: string | null }>`
      select value from (select liaison_phone_enc as value from departments where liaison_phone_enc is not null limit 1) d
      union all select value from (select phone_enc as value from deputies where phone_enc is not null limit 1) p
      union all select value from (select secret_enc as value from webhook_subscriptions where secret_enc is not null limit 1) w
      union all select value from (select phone_enc as value from reception_bookings where phone_enc is not null limit 1) b
      union all select value from (select reporter_phone_enc as value from cases
        where reporter_phone_hash is not null and reporter_phone_enc is not null order by reporter_phone_hash limit 1) c`.execute(this.db);
    return result.rows.map((r) => r.value).filter((v): v is string => !!v);
  }
}
