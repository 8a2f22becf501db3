/**
 * Whether the database takes writes right now, for `/readyz`. `SELECT 1` keeps answering on a
 * full disk or a read-only file, so the check commits a real write (one row of `health_probe`)
 * and, on SQLite, also looks at the room left to grow: free space on the disk holding the file
 * and the pages left under `max_page_count`. A write the database merely absorbs into pages it
 * already has would otherwise pass while every insert fails with SQLITE_FULL.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Storage } from './database';

/** Free bytes the SQLite disk needs for the instance to count as ready (WAL growth, checkpoints). */
export const MIN_FREE_DISK_BYTES = 16 * 1024 * 1024;
/** Pages the SQLite file must still be able to gain (an insert touches a table and its indexes). */
export const MIN_FREE_PAGES = 16;

/** The file each open SQLite handle was opened on (device and inode), noted at the first check. */
const openedFiles = new WeakMap<object, { dev: number; ino: number }>();

/**
 * Null while the SQLite file this handle writes to is still in place, else why not. A deleted
 * (or replaced) database file does not make SQLite fail: the open handle keeps writing to the
 * unlinked inode, and everything written is lost at the next start. Call once at start-up so the
 * file is noted while it is known to be right. Costs one `stat`.
 */
export function sqliteFileProblem(storage: Storage): string | null {
  const handle = storage.sqlite;
  const file = storage.location;
  if (!handle || file === ':memory:' || file === '') return null;
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return 'the database file is gone';
  }
  const opened = openedFiles.get(handle);
  if (!opened) openedFiles.set(handle, { dev: stat.dev, ino: stat.ino });
  else if (opened.dev !== stat.dev || opened.ino !== stat.ino) return 'the database file was replaced';
  return null;
}

/** Null when the database is writable, else why not. */
export async function databaseWriteProblem(storage: Storage, now: Date = new Date()): Promise<string | null> {
  if (storage.dialect === 'sqlite') {
    const problem = sqliteRoomProblem(storage);
    if (problem) return problem;
  }
  await storage.db
    .insertInto('health_probe')
    .values({ id: 1, checked_at: now.toISOString() })
    .onConflict((oc) => oc.column('id').doUpdateSet({ checked_at: now.toISOString() }))
    .execute();
  return null;
}

function sqliteRoomProblem(storage: Storage): string | null {
  const handle = storage.sqlite;
  if (!handle) return null;
  const file = storage.location;
  if (file !== ':memory:' && file !== '') {
    const lost = sqliteFileProblem(storage);
    if (lost) return lost;
    const disk = fs.statfsSync(path.dirname(file));
    const free = disk.bavail * disk.bsize;
    if (free < MIN_FREE_DISK_BYTES) return `the disk holding the database is full (${Math.floor(free / 1024)} KiB free)`;
  }
  const pages = Number(handle.pragma('page_count', { simple: true }));
  const max = Number(handle.pragma('max_page_count', { simple: true }));
  const freelist = Number(handle.pragma('freelist_count', { simple: true }));
  if (max - pages + freelist < MIN_FREE_PAGES) return `the database is at its size limit (${pages} of ${max} pages)`;
  return null;
}
