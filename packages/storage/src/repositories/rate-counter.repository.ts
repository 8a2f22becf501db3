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

  /**
   * Takes one of `limit` places of `key` in the window, in one statement (the check and the count
   * cannot be split by concurrent requests, on either database): the new count, or null when all
   * `limit` places were already taken (nothing is counted then).
   */
  async take(key: string, windowStart: string, limit: number): Promise<number | null> {
    if (limit < 1) return null;
    const row = await this.db
      .insertInto('rate_counters')
      .values({ key, window_start: windowStart, count: 1 })
      .onConflict((oc) =>
        oc
          .columns(['key', 'window_start'])
          .doUpdateSet((eb) => ({ count: eb('rate_counters.count', '+', 1) }))
          .where('rate_counters.count', '<', limit),
      )
      .returning('count')
      .executeTakeFirst();
    return row ? Number(row.count) : null;
  }

  /** Gives back one place taken with `take` (never below zero). */
  async giveBack(key: string, windowStart: string): Promise<void> {
    await this.db
      .updateTable('rate_counters')
      .set((eb) => ({ count: eb('count', '-', 1) }))
      .where('key', '=', key)
      .where('window_start', '=', windowStart)
      .where('count', '>', 0)
      .execute();
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
