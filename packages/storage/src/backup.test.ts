/**
 * Backup and restore round trips on both engines: SQLite's online backup API and
 * pg_dump / pg_restore over a real PostgreSQL connection.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupDatabase, restoreDatabase, verifySqliteBackup } from './backup';
import { openDatabase } from './database';
import { createRepositories } from './index';
import { knownMigrations, migrateToLatest } from './migrate';
import { createPostgresDatabase, openTestStorage, testDialects } from './testing/test-databases';

const dialects = await testDialects();
const T0 = '2026-02-01T00:00:00.000Z';

describe.each(dialects)('backup round trip on %s', (dialect) => {
  it('restores exactly what was there at backup time', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-bk-'));
    const source = dialect === 'sqlite' ? openDatabase({ sqlitePath: path.join(dir, 'live.sqlite') }) : await openTestStorage('postgres');
    await migrateToLatest(source);
    const repos = createRepositories(source.db);
    await repos.topics.create({ id: 't1', name: '备份前', now: T0 });
    const file = path.join(dir, dialect === 'sqlite' ? 'backup.sqlite' : 'backup.dump');
    const url = 'url' in source ? (source.url as string) : null;
    const bytes = await backupDatabase(source, file, url);
    expect(bytes).toBeGreaterThan(0);
    await repos.topics.create({ id: 't2', name: '备份后', now: T0 });

    if (dialect === 'sqlite') {
      expect(verifySqliteBackup(file)).toEqual({ migrations: knownMigrations('sqlite').length, integrity: 'ok' });
      await source.close();
      const target = path.join(dir, 'restored.sqlite');
      await restoreDatabase({ file, sqlitePath: target });
      const restored = openDatabase({ sqlitePath: target });
      const names = (await createRepositories(restored.db).topics.list({})).items.map((t) => t.name);
      await restored.close();
      expect(names).toEqual(['备份前']);
    } else {
      const target = await createPostgresDatabase();
      try {
        await restoreDatabase({ file, databaseUrl: target.url });
        const restored = openDatabase({ databaseUrl: target.url, poolSize: 1 });
        const names = (await createRepositories(restored.db).topics.list({})).items.map((t) => t.name);
        await restored.close();
        expect(names).toEqual(['备份前']);
      } finally {
        await target.drop();
        await (source as Awaited<ReturnType<typeof openTestStorage>>).dispose();
      }
    }
  });
});
