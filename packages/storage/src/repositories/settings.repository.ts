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
}
