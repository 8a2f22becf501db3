/**
 * Fixed-window counters in the database, so every instance shares the same limits
 * (per address, per phone, per tracking-code lookup).
 */
import type { DB } from '../database';

/** Reads and bumps rate counters. */
export class RateCounterRepository {
  constructor(private readonly db: DB) {}

  /** Adds one hit to `key` in the window starting at `windowStart`; returns the new count. */
  async hit(key: string, windowStart: string): Promise<number> {
    const row = await this.db
      .insertInto('rate_counters')
      .values({ key, window_start: windowStart, count: 1 })
      .onConflict((oc) => oc.columns(['key', 'window_start']).doUpdateSet((eb) => ({ count: eb('rate_counters.count', '+', 1) })))
      .returning('count')
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  /** The current count of `key` in a window. */
  async count(key: string, windowStart: string): Promise<number> {
    const row = await this.db.selectFrom('rate_counters').select('count').where('key', '=', key).where('window_start', '=', windowStart).executeTakeFirst();
    return Number(row?.count ?? 0);
  }

  /** Drops windows that ended before `before`. */
  async deleteBefore(before: string): Promise<number> {
    const result = await this.db.deleteFrom('rate_counters').where('window_start', '<', before).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
