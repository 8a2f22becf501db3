/**
 * The database handle's helpers: prepared statements reused on SQLite (bounded, and still right
 * after the schema changes), and the feed of table writes that in-process caches listen to.
 */
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { cachingStatements, openDatabase } from './database';
import { migrateToLatest } from './migrate';

describe('cachingStatements', () => {
  it('prepares each SQL text once, keeps at most `size`, and follows schema changes', () => {
    const sqlite = new SQLite(':memory:');
    const db = cachingStatements(sqlite, 2);
    db.prepare('CREATE TABLE t (a INTEGER)').run([]);
    const insert = db.prepare('INSERT INTO t (a) VALUES (?)');
    expect(db.prepare('INSERT INTO t (a) VALUES (?)')).toBe(insert);
    insert.run([1]);
    const select = db.prepare('SELECT * FROM t');
    expect(select.all([])).toEqual([{ a: 1 }]);
    // A column added after the statement was prepared shows up in its next run.
    db.prepare('ALTER TABLE t ADD COLUMN b TEXT').run([]);
    expect(db.prepare('SELECT * FROM t').all([])).toEqual([{ a: 1, b: null }]);
    // Size 2: the insert (least recently used) was dropped and is prepared afresh.
    expect(db.prepare('INSERT INTO t (a) VALUES (?)')).not.toBe(insert);
    db.close();
  });
});

describe('TableChanges', () => {
  it('reports inserts, updates and deletes by table, inside transactions too, and not reads', async () => {
    const storage = openDatabase({ sqlitePath: ':memory:' });
    try {
      await migrateToLatest(storage);
      const seen: string[] = [];
      const stop = storage.changes!.on(['units', 'appeal_kinds'], () => seen.push('org'));
      await storage.db.selectFrom('units').selectAll().execute();
      expect(seen).toEqual([]);
      await storage.db.updateTable('appeal_kinds').set({ active: 1 }).where('code', '=', 'help').execute();
      await storage.db.transaction().execute(async (trx) => {
        await trx.deleteFrom('units').where('id', '=', 'none').execute();
      });
      await storage.db.updateTable('cases').set({ title: 'x' }).where('id', '=', 'none').execute();
      expect(seen).toEqual(['org', 'org']);
      stop();
      await storage.db.deleteFrom('units').where('id', '=', 'none').execute();
      await sql`SELECT 1`.execute(storage.db);
      expect(seen).toHaveLength(2);
    } finally {
      await storage.close();
    }
  });
});
