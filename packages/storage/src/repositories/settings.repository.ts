/**
 * Small named settings stored as JSON (e.g. the demo-seed marker).
 */
import type { DB } from '../database';
import { parseJson } from '../sql-helpers';

/** Reads and writes settings. */
export class SettingsRepository {
  constructor(private readonly db: DB) {}

  /** The value stored under `key`, or undefined. */
  async get<T>(key: string): Promise<T | undefined> {
    const row = await this.db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
    return row ? parseJson<T | undefined>(row.value, undefined) : undefined;
  }

  /** Stores `value` under `key`, replacing any previous value. */
  async set(key: string, value: unknown, now: string): Promise<void> {
    const text = JSON.stringify(value);
    await this.db
      .insertInto('settings')
      .values({ key, value: text, updated_at: now })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: text, updated_at: now }))
      .execute();
  }

  /**
   * Stores `value` under `key` only if the key is absent; true when this call claimed it.
   * Concurrent claimers serialize on the row: exactly one wins, on both engines.
   */
  async claim(key: string, value: unknown, now: string): Promise<boolean> {
    const result = await this.db
      .insertInto('settings')
      .values({ key, value: JSON.stringify(value), updated_at: now })
      .onConflict((oc) => oc.column('key').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }
}
