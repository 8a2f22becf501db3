/**
 * The secret key and the database (issue #17 item 7), on both databases: a database made by
 * bench/generate is served as it is — the generator leaves its key file where the server looks
 * (`secret.key` in the data dir) and the department contacts decrypt; a process with another key,
 * or with none, refuses to start with a message saying so (not a 500 per request later) and
 * creates no key file of its own; a database from before the check value is judged by its
 * ciphertexts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FixedClock } from '@lianxin/core';
import { createRepositories, migrateToLatest, openDatabase, type Dialect, type Storage } from '@lianxin/storage';
import { createPostgresDatabase, testDialects } from '@lianxin/storage/testing';
import { describe, expect, it } from 'vitest';
import { api, signIn } from '../../../scripts/support/http';
import { runCli, serverEnv, startServer } from '../../../scripts/support/server-process';
import { ensureDemoOrganisation, generateCases, openGeneratedKey } from '../../../bench/generate/generate';
import { loadConfig } from '../src/config';
import { createContext } from '../src/context';
import { DemoSeedService } from '../src/demo/demo-seed.service';
import { keyCheckValue, openMasterKey, SecretKeyMismatchError } from '../src/platform/adapters/master-key';

const dialects = await testDialects();

async function database(dialect: Dialect): Promise<{ dir: string; url: string | null; open: () => Storage }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-key-'));
  const pg = dialect === 'postgres' ? await createPostgresDatabase() : null;
  const url = pg?.url ?? null;
  return { dir, url, open: () => openDatabase(url ? { databaseUrl: url } : { sqlitePath: path.join(dir, 'lianxin.sqlite') }) };
}

const otherKey = Buffer.alloc(32, 9).toString('base64');

describe.each(dialects)('the secret key on %s', (dialect) => {
  it('serves a generated database as it is, and refuses another key or none at start', async () => {
    const db = await database(dialect);
    // bench/generate's way: the key is taken (here: created) where the server will look for it.
    const storage = db.open();
    try {
      await migrateToLatest(storage);
      const { key, keyFile } = await openGeneratedKey(storage, db.dir, {});
      expect(keyFile).toBe(path.join(db.dir, 'secret.key'));
      await ensureDemoOrganisation(storage, key);
      await generateCases(storage, { cases: 20, worker: false, suspendUpkeep: false });
    } finally {
      await storage.close();
    }
    expect(fs.existsSync(path.join(db.dir, 'secret.key'))).toBe(true);

    const env = serverEnv(db.dir, db.url, { LIANXIN_ROLES: 'web', LIANXIN_DEMO: '0', LIANXIN_RATE_LIMITS: '0' });
    delete env.LIANXIN_SECRET_KEY;
    const server = await startServer(env);
    try {
      const admin = await signIn(server.url, 'admin');
      const departments = await api<{ items: Array<{ liaisonPhone?: string | null }> }>(server.url, 'GET', '/api/v1/departments?pageSize=200', {
        session: admin,
      });
      expect(departments.status).toBe(200);
      // The demo's contacts were encrypted by the generator and read back by the server.
      expect(departments.body.items.some((d) => !!d.liaisonPhone)).toBe(true);
    } finally {
      await server.stop();
    }

    // Another key: the process stops at start, saying why; nothing is served.
    const wrong = await runCli(['start'], { ...env, PORT: '0', LIANXIN_SECRET_KEY: otherKey });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('LIANXIN_SECRET_KEY');
    expect(wrong.stderr).toContain('is not the key this database');

    // No key at all (the key file left behind): it stops too, and makes no key file of its own.
    const keyFile = path.join(db.dir, 'secret.key');
    fs.renameSync(keyFile, `${keyFile}.away`);
    const missing = await runCli(['start'], { ...env, PORT: '0' });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`put the database's secret.key at ${keyFile}`);
    expect(fs.existsSync(keyFile)).toBe(false);
  }, 180_000);

  it('judges a database from before the check value by its ciphertexts, then keeps the check', async () => {
    const db = await database(dialect);
    const keyA = Buffer.alloc(32, 3);
    const storage = db.open();
    try {
      await migrateToLatest(storage);
      // Seeded without the check value, as every database was before it existed.
      const config = loadConfig({ NODE_ENV: 'test', LIANXIN_DATA_DIR: db.dir }, { webDist: '/nonexistent' });
      await new DemoSeedService(createContext({ config, storage, clock: new FixedClock('2026-03-01T00:00:00.000Z'), masterKey: keyA })).seed();
      const repos = createRepositories(storage.db);
      expect(await repos.secretKey.check()).toBeNull();
      const now = new Date('2026-03-01T00:00:00.000Z');
      const keyFile = path.join(db.dir, 'secret.key');

      await expect(openMasterKey({ secretKey: otherKey, keyFile }, repos, now)).rejects.toThrow(SecretKeyMismatchError);
      await expect(openMasterKey({ secretKey: null, keyFile }, repos, now)).rejects.toThrow(/there is no key here/);
      expect(fs.existsSync(keyFile)).toBe(false);
      expect(await repos.secretKey.check()).toBeNull();

      const opened = await openMasterKey({ secretKey: keyA.toString('base64'), keyFile }, repos, now);
      expect(opened.equals(keyA)).toBe(true);
      expect(await repos.secretKey.check()).toBe(keyCheckValue(keyA));
      // From now on the check value decides (no ciphertext is read).
      await expect(openMasterKey({ secretKey: otherKey, keyFile }, repos, now)).rejects.toThrow(/is not the key this database/);
    } finally {
      await storage.close();
    }
  });

  it('makes a key file for a database that holds nothing encrypted, and keeps its check', async () => {
    const db = await database(dialect);
    const storage = db.open();
    try {
      await migrateToLatest(storage);
      const repos = createRepositories(storage.db);
      const keyFile = path.join(db.dir, 'secret.key');
      const key = await openMasterKey({ secretKey: null, keyFile }, repos, new Date());
      expect(fs.readFileSync(keyFile, 'utf8').trim()).toBe(key.toString('base64'));
      expect(await repos.secretKey.check()).toBe(keyCheckValue(key));
      // The same key file again: accepted.
      expect((await openMasterKey({ secretKey: null, keyFile }, repos, new Date())).equals(key)).toBe(true);
    } finally {
      await storage.close();
    }
  });
});
