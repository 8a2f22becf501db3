/**
 * Writes packages/storage/schema/release.{sqlite,postgres}.json from a checkout of a release:
 * migrates an empty database of each engine with that checkout's own migrations, and records its
 * migration names and introspected schema. Run once a release lands (needs PostgreSQL, as the tests):
 *
 *   git archive <release> packages/storage packages/core | tar -x -C /tmp/release   # plus node_modules
 *   npx tsx packages/storage/src/drift/write-release-schema.ts /tmp/release <release>
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Dialect, Storage } from '../database';
import { openTestStorage } from '../testing/test-databases';
import { introspect } from './introspect';
import { RELEASE_SCHEMA_DIR, releaseSchemaFile, type ReleaseSchema } from './release-schema';

interface ReleaseMigrate {
  migrateToLatest(storage: Storage): Promise<unknown>;
  knownMigrations(dialect: Dialect): string[];
}

const [checkout, release] = process.argv.slice(2);
if (!checkout || !release) throw new Error('usage: write-release-schema.ts <release checkout> <release commit>');
const migrate = (await import(pathToFileURL(path.resolve(checkout, 'packages/storage/src/migrate.ts')).href)) as ReleaseMigrate;
fs.mkdirSync(RELEASE_SCHEMA_DIR, { recursive: true });
for (const dialect of ['sqlite', 'postgres'] as const) {
  const storage = await openTestStorage(dialect, { migrate: false });
  try {
    await migrate.migrateToLatest(storage);
    const snapshot: ReleaseSchema = { release, migrations: migrate.knownMigrations(dialect), schema: await introspect(storage) };
    fs.writeFileSync(releaseSchemaFile(dialect), `${JSON.stringify(snapshot, null, 2)}\n`);
    console.log(`${releaseSchemaFile(dialect)}: ${snapshot.migrations.length} migrations, ${Object.keys(snapshot.schema.tables).length} tables`);
  } finally {
    await storage.dispose();
  }
}
