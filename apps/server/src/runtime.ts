/**
 * Opening a process's runtime: config → storage (migrated) → context. Shared by the
 * server and every CLI command.
 */
import { systemClock, type Clock } from '@lianxin/core';
import { createRepositories, migrateToLatest, openDatabase, type Storage } from '@lianxin/storage';
import type { Config } from './config';
import { createContext, type AppContext } from './context';
import { openMasterKey } from './platform/adapters/master-key';

/** Opens the configured database without migrating it. */
export function openStorage(config: Config): Storage {
  return openDatabase({ databaseUrl: config.databaseUrl, sqlitePath: config.sqlitePath });
}

/**
 * Opens storage, brings the schema up to date, checks the secret key against the database and
 * wires the context. `syncCalendar: false` leaves bringing the statistics' working days in line
 * with the calendar to the caller (the server does it once it serves: it may rewrite the
 * roll-up, which is not work to hold a start for).
 */
export async function openRuntime(config: Config, clock: Clock = systemClock, options: { syncCalendar?: boolean } = {}): Promise<AppContext> {
  const storage = openStorage(config);
  let masterKey: Buffer;
  try {
    await migrateToLatest(storage);
    // A key the data was not encrypted with stops the process here, not every request later.
    masterKey = await openMasterKey(config, createRepositories(storage.db), clock.now());
  } catch (error) {
    await storage.close();
    throw error;
  }
  const ctx = createContext({ config, storage, clock, masterKey });
  // Handling times in the statistics follow the calendar in force (overrides, newer holiday data).
  if (options.syncCalendar !== false) await ctx.calendars.syncStatistics();
  return ctx;
}
