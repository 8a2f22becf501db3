/**
 * Migrations are discovered from the files in `migrations/sqlite` and `migrations/postgres`, not
 * listed by hand; both folders must hold the same names; a migration written once in shared/
 * runs on both engines with each engine's types. Runs on both engines, in scratch folders of
 * migration files written by the test.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import { sql } from 'kysely';
import tseslint from 'typescript-eslint';
import { afterAll, describe, expect, it } from 'vitest';
import { introspect } from './drift/introspect';
import { compareWithSchema } from './drift/schema-compare';
import { knownMigrations, migrateToLatest, migrationFolderProblems, MIGRATIONS_DIR } from './migrate';
import { openTestStorage, testDialects } from './testing/test-databases';

const dialects = await testDialects();
const SHARED_HELPER = fileURLToPath(new URL('./migrations/shared/shared-migration.ts', import.meta.url));
const scratch: string[] = [];

/** A scratch migrations folder with `files` (path under it → source). */
function folder(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-migrations-'));
  scratch.push(dir);
  fs.mkdirSync(path.join(dir, 'sqlite'));
  fs.mkdirSync(path.join(dir, 'postgres'));
  for (const [file, source] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), source);
  }
  return dir;
}

/** A migration creating table `name`, for both dialects. */
const creates = (name: string) =>
  `export async function up(db) { await db.schema.createTable('${name}').addColumn('id', 'text', (c) => c.primaryKey()).execute(); }\n`;
const both = (name: string, source: string) => ({ [`sqlite/${name}.ts`]: source, [`postgres/${name}.ts`]: source });

afterAll(() => {
  for (const dir of scratch) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the package migration folders', () => {
  it('hold the same migration names for both dialects and nothing misnamed', () => {
    expect(migrationFolderProblems()).toEqual([]);
    expect(knownMigrations('postgres')).toEqual(knownMigrations('sqlite'));
  });

  it('are the list: every NNNN_name.ts file in a dialect folder is a migration', () => {
    const files = fs
      .readdirSync(path.join(MIGRATIONS_DIR, 'sqlite'))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => f.replace(/\.ts$/, ''));
    expect(knownMigrations('sqlite')).toEqual(files.sort());
    expect(knownMigrations('sqlite')).toContain('0027_health_probe');
  });
});

describe('what a migration may import', () => {
  /** The repository's own lint rule for migrations/ (eslint.config.js), run without type information. */
  async function migrationLinter(): Promise<ESLint> {
    const root = path.resolve(MIGRATIONS_DIR, '../../../..');
    const config = (await import(pathToFileURL(path.join(root, 'eslint.config.js')).href)) as { default: Linter.Config[] };
    const entry = config.default.find((c) => c.files?.includes('packages/storage/src/migrations/**'));
    expect(entry?.rules?.['no-restricted-imports']).toBeDefined();
    return new ESLint({
      cwd: root,
      overrideConfigFile: true,
      overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser }, rules: entry!.rules }],
    });
  }

  it('no migration imports code from outside migrations/ (repositories, schema.ts)', async () => {
    const linter = await migrationLinter();
    const results = await linter.lintFiles([path.join(MIGRATIONS_DIR, '**/*.ts')]);
    expect(results.length).toBeGreaterThan(40);
    expect(results.flatMap((r) => r.messages.map((m) => `${path.relative(MIGRATIONS_DIR, r.filePath)}: ${m.message}`))).toEqual([]);
  });

  it('the lint rule rejects a migration importing a repository or schema.ts', async () => {
    const linter = await migrationLinter();
    const source = `import { auditHashFields } from '../../repositories/audit.repository';\nimport type { Database } from '../../schema';\nexport async function up() {}\n`;
    const [result] = await linter.lintText(source, { filePath: path.join(MIGRATIONS_DIR, 'sqlite', '0099_example.ts') });
    expect(result.messages.map((m) => [m.ruleId, m.line])).toEqual([
      ['no-restricted-imports', 1],
      ['no-restricted-imports', 2],
    ]);
    expect(result.messages[0].message).toMatch(/freeze a copy in migrations\/shared/);
  });
});

describe('discovery in a folder of migration files', () => {
  it('reports a migration that one dialect lacks, and a misnamed file', () => {
    const dir = folder({ ...both('0001_a', creates('a')), 'sqlite/0002_b.ts': creates('b'), 'postgres/0003-c.ts': creates('c'), 'postgres/notes.md': '' });
    expect(migrationFolderProblems(dir)).toEqual([
      'migration 0002_b exists for sqlite but not for postgres',
      'postgres/0003-c.ts is not named like a migration (NNNN_lower_case_name.ts)',
    ]);
  });
});

describe.each(dialects)('migrating from a folder on %s', (dialect) => {
  it('refuses to run anything while one dialect lacks a migration', async () => {
    const dir = folder({ ...both('0001_a', creates('a')), [`${dialect === 'sqlite' ? 'postgres' : 'sqlite'}/0002_b.ts`]: creates('b') });
    const storage = await openTestStorage(dialect, { migrate: false });
    try {
      await expect(migrateToLatest(storage, { dir })).rejects.toThrow(/migration 0002_b exists for (sqlite|postgres) but not for (sqlite|postgres)/);
      expect((await introspect(storage)).tables.a).toBeUndefined();
    } finally {
      await storage.dispose();
    }
  });

  it('picks up a file dropped into both folders, also one numbered below migrations already run', async () => {
    const dir = folder({ ...both('0001_a', creates('a')), ...both('0041_c', creates('c')) });
    const storage = await openTestStorage(dialect, { migrate: false });
    try {
      expect((await migrateToLatest(storage, { dir })).applied).toEqual(['0001_a', '0041_c']);
      // Another branch's 0040 lands after this database ran 0041: it still runs.
      for (const [file, source] of Object.entries(both('0040_b', creates('b')))) fs.writeFileSync(path.join(dir, file), source);
      expect(knownMigrations(dialect, { dir })).toEqual(['0001_a', '0040_b', '0041_c']);
      expect((await migrateToLatest(storage, { dir })).applied).toEqual(['0040_b']);
      expect(Object.keys((await introspect(storage)).tables)).toEqual(expect.arrayContaining(['a', 'b', 'c']));
      expect((await migrateToLatest(storage, { dir })).applied).toEqual([]);
    } finally {
      await storage.dispose();
    }
  });

  it('runs a migration written once in shared/ through one-line wrappers, with each engine its types', async () => {
    const shared = `import { defineSharedMigration } from ${JSON.stringify(SHARED_HELPER)};
export default defineSharedMigration({
  statements: (t) => [
    \`CREATE TABLE notes (id \${t.id} PRIMARY KEY, seq \${t.bigint} NOT NULL, body \${t.text} NOT NULL, extra \${t.json} NOT NULL DEFAULT '{}',
      weight \${t.real}, pinned \${t.bool} NOT NULL DEFAULT 0, noted_at \${t.time} NOT NULL)\${t.withoutRowid}\`,
    \`ALTER TABLE notes ADD COLUMN read_at \${t.time}\`,
  ],
  run: async (db, t) => { await db.insertInto('notes').values({ id: t.dialect, seq: 1, body: 'x', noted_at: '2026-01-05T01:00:00.000Z' }).execute(); },
});
`;
    const dir = folder({
      'shared/0040_notes.ts': shared,
      'sqlite/0040_notes.ts': `import m from '../shared/0040_notes';\nexport const { up, down } = m.sqlite;\n`,
      'postgres/0040_notes.ts': `import m from '../shared/0040_notes';\nexport const { up, down } = m.postgres;\n`,
    });
    const storage = await openTestStorage(dialect, { migrate: false });
    try {
      expect((await migrateToLatest(storage, { dir })).applied).toEqual(['0040_notes']);
      // The same description as schema.ts would give it, met by both engines.
      const spec = {
        notes: { id: 'text', seq: 'integer', body: 'text', extra: 'json', weight: 'real?', pinned: 'integer', noted_at: 'timestamp', read_at: 'timestamp?' },
      };
      const shape = await introspect(storage);
      expect(compareWithSchema(shape, spec)).toEqual([]);
      expect(shape.tables.notes.columns.noted_at.type).toBe(dialect === 'sqlite' ? 'text' : 'timestamp with time zone');
      const rows = await sql<{ id: string; extra: string }>`SELECT id, extra FROM notes`.execute(storage.db);
      expect(rows.rows).toEqual([{ id: dialect, extra: '{}' }]);
      await expect(import(path.join(dir, dialect, '0040_notes.ts')).then((m: { down: () => Promise<void> }) => m.down())).rejects.toThrow(/forward-only/);
    } finally {
      await storage.dispose();
    }
  });
});
