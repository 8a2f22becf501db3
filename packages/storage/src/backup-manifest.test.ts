/**
 * Backup manifests on both engines: the digests of a restored copy equal the manifest, and a
 * single changed row or a missing row is named by its table.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { backupWithManifest, compareWithManifest, readManifest } from './backup-manifest';
import { restoreDatabase } from './backup';
import { openDatabase } from './database';
import { createRepositories } from './index';
import { migrateToLatest } from './migrate';
import { createPostgresDatabase, openTestStorage, testDialects } from './testing/test-databases';

const dialects = await testDialects();
const T0 = '2026-02-01T00:00:00.000Z';

/** Runs one statement on a restored copy (to corrupt it on purpose). */
async function execOn(target: { sqlitePath: string } | { databaseUrl: string }, statement: string): Promise<void> {
  if ('databaseUrl' in target) {
    const client = new pg.Client({ connectionString: target.databaseUrl });
    await client.connect();
    await client.query(statement).finally(() => client.end());
  } else {
    const db = new SQLite(target.sqlitePath);
    db.exec(statement);
    db.close();
  }
}

describe.each(dialects)('backup manifest on %s', (dialect) => {
  it('matches the restored copy and names a table whose content changed', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-bkm-'));
    const source = dialect === 'sqlite' ? openDatabase({ sqlitePath: path.join(dir, 'live.sqlite') }) : await openTestStorage('postgres');
    const pgTarget = dialect === 'postgres' ? await createPostgresDatabase() : null;
    try {
      await migrateToLatest(source);
      const repos = createRepositories(source.db);
      await repos.topics.create({ id: 't1', name: '备份前一', now: T0 });
      await repos.topics.create({ id: 't2', name: '备份前二', now: T0 });
      const file = path.join(dir, dialect === 'sqlite' ? 'b.sqlite' : 'b.dump');
      const url = 'url' in source ? (source.url as string) : null;
      const { manifest, manifestFile } = await backupWithManifest(source, file, url);
      expect(fs.existsSync(manifestFile)).toBe(true);
      expect(manifest.tables.topics.rows).toBe(2);
      expect(manifest.tables.kysely_migration.rows).toBeGreaterThan(0);
      // Written after the backup: not in the manifest, not in the copy.
      await repos.topics.create({ id: 't3', name: '备份后', now: T0 });

      const target = pgTarget ? { databaseUrl: pgTarget.url } : { sqlitePath: path.join(dir, 'restored.sqlite') };
      await restoreDatabase({ file, ...target });
      expect(await compareWithManifest(readManifest(file), target)).toEqual([]);

      await execOn(target, "UPDATE topics SET name = '被改过' WHERE id = 't2'");
      const changed = await compareWithManifest(readManifest(file), target);
      expect(changed.map((m) => m.table)).toEqual(['topics']);
      expect(changed[0].actual?.rows).toBe(2);
      expect(changed[0].actual?.digest).not.toBe(changed[0].expected?.digest);

      await execOn(target, "DELETE FROM topics WHERE id = 't1'");
      expect((await compareWithManifest(readManifest(file), target))[0]).toMatchObject({ table: 'topics', expected: { rows: 2 }, actual: { rows: 1 } });
    } finally {
      if ('dispose' in source) await (source as Awaited<ReturnType<typeof openTestStorage>>).dispose();
      else await source.close();
      await pgTarget?.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
