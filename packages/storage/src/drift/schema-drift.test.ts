/**
 * Storage that cannot drift: both engines, migrated fresh, hold every table and column of
 * schema.ts with its type class and nullability, and agree with each other; a database of the
 * last release upgraded to the latest equals a fresh one; the objects migrations build from
 * frozen SQL still match the live code that relies on them. Each check is also shown failing
 * on a deliberately drifted database.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dialect } from '../database';
import { knownMigrations, migrateToLatest } from '../migrate';
import { filterTokensSql, pgFacetVectorSql } from '../repositories/case-facets';
import { OPEN_STATUS_SQL, SUPERVISED_OPEN_SQL } from '../repositories/case-worklists';
import { postgresTime, rollupUpsertSql, sqliteTime } from '../repositories/stats-measures';
import { openTestStorage, testDialects, type TestStorage } from '../testing/test-databases';
import { introspect, normaliseSql, type SchemaShape } from './introspect';
import { readReleaseSchema } from './release-schema';
import { compareEngines, compareShapes, compareWithSchema, ENGINE_ONLY, ENGINE_ONLY_INDEXES } from './schema-compare';

const dialects = await testDialects();
const fresh = new Map<Dialect, TestStorage>();
const shapes = new Map<Dialect, SchemaShape>();

beforeAll(async () => {
  for (const dialect of dialects) {
    const storage = await openTestStorage(dialect);
    fresh.set(dialect, storage);
    shapes.set(dialect, await introspect(storage));
  }
});
afterAll(async () => {
  for (const storage of fresh.values()) await storage.dispose();
});

describe.each(dialects)('schema of a fresh %s database', (dialect) => {
  it('has every table and column of schema.ts, with its type class and nullability, and nothing else', () => {
    expect(compareWithSchema(shapes.get(dialect)!)).toEqual([]);
  });

  it('exempts only what exists: every engine-only table, column and index of this engine is there', () => {
    const shape = shapes.get(dialect)!;
    for (const table of ENGINE_ONLY[dialect].tables) expect(shape.tables[table], table).toBeDefined();
    for (const column of ENGINE_ONLY[dialect].columns) {
      const [table, name] = column.split('.');
      expect(shape.tables[table]?.columns[name], column).toBeDefined();
    }
    for (const index of ENGINE_ONLY_INDEXES[dialect]) expect(shape.indexes[index], index).toBeDefined();
  });

  it('reports a column added, retyped or made nullable behind schema.ts', async () => {
    const storage = await openTestStorage(dialect);
    try {
      await sql`ALTER TABLE units ADD COLUMN nickname TEXT`.execute(storage.db);
      if (dialect === 'sqlite') {
        // SQLite cannot retype a column in place: drop it and add it back as another type.
        await sql`ALTER TABLE units DROP COLUMN region`.execute(storage.db);
        await sql`ALTER TABLE units ADD COLUMN region INTEGER`.execute(storage.db);
      } else {
        await sql`ALTER TABLE units ALTER COLUMN region TYPE INTEGER USING NULL`.execute(storage.db);
        await sql`ALTER TABLE units ALTER COLUMN name DROP NOT NULL`.execute(storage.db);
        await sql`ALTER TABLE units ALTER COLUMN created_at TYPE TEXT`.execute(storage.db);
      }
      const problems = compareWithSchema(await introspect(storage));
      expect(problems).toContain(`${dialect}: column units.nickname (text) is not in schema.ts`);
      expect(problems).toContain(`${dialect}: column units.region is integer (integer) but schema.ts has text? (text)`);
      if (dialect === 'postgres') {
        expect(problems).toContain('postgres: column units.name is nullable but schema.ts has text');
        expect(problems).toContain('postgres: column units.created_at is text (text) but schema.ts has timestamp (timestamp)');
      }
    } finally {
      await storage.dispose();
    }
  });
});

describe.runIf(dialects.length === 2)('the two engines', () => {
  it('have the same tables and columns, with the same class, nullability, default, primary keys and indexes', () => {
    expect(compareEngines(shapes.get('sqlite')!, shapes.get('postgres')!)).toEqual([]);
  });

  it('report a column, default or index that one engine has and the other lacks', async () => {
    const drifted = await openTestStorage('postgres');
    try {
      await sql`ALTER TABLE cases ADD COLUMN flag INTEGER`.execute(drifted.db);
      await sql`ALTER TABLE units ALTER COLUMN sort_order SET DEFAULT 5`.execute(drifted.db);
      await sql`ALTER TABLE units ALTER COLUMN lat TYPE TEXT`.execute(drifted.db);
      await sql`DROP INDEX cases_unit_created_idx`.execute(drifted.db);
      expect(compareEngines(shapes.get('sqlite')!, await introspect(drifted))).toEqual(
        expect.arrayContaining([
          'column cases.flag exists on postgres but not on sqlite',
          'column units.lat is real on sqlite but text on postgres',
          'column units.sort_order defaults to 0 on sqlite but 5 on postgres',
          'index cases_unit_created_idx exists on sqlite but not on postgres',
        ]),
      );
    } finally {
      await drifted.dispose();
    }
  });
});

describe.each(dialects)('a %s database of the last release', (dialect) => {
  const release = readReleaseSchema(dialect);
  let upgraded: TestStorage;

  beforeAll(async () => {
    upgraded = await openTestStorage(dialect, { migrate: false });
    await migrateToLatest(upgraded, { only: release.migrations });
  });
  afterAll(async () => {
    await upgraded?.dispose();
  });

  it(`is rebuilt exactly by today's files of the release's migrations (none was edited in place)`, async () => {
    expect(release.migrations.every((name) => knownMigrations(dialect).includes(name))).toBe(true);
    expect(compareShapes(release.schema, await introspect(upgraded), [`release ${release.release}`, 'rebuilt'])).toEqual([]);
  });

  it('equals a fresh database once upgraded to the latest', async () => {
    const { applied } = await migrateToLatest(upgraded);
    expect(applied).toEqual(knownMigrations(dialect).filter((name) => !release.migrations.includes(name)));
    expect(compareShapes(await introspect(upgraded), shapes.get(dialect)!, ['upgraded', 'fresh'])).toEqual([]);
  });

  it('reports every difference between an upgraded and a fresh database', async () => {
    await sql`ALTER TABLE deputies ADD COLUMN nickname TEXT`.execute(upgraded.db);
    await sql`DROP INDEX cases_unit_created_idx`.execute(upgraded.db);
    const problems = compareShapes(await introspect(upgraded), shapes.get(dialect)!, ['upgraded', 'fresh']);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^indexes\.cases_unit_created_idx: only in fresh: /);
    expect(problems[1]).toMatch(/^tables\.deputies\.columns\.nickname: only in upgraded: \{"type":"text"/);
    // And against the release's own schema: a migration of the release edited in place shows the same way.
    expect(compareShapes(release.schema, await introspect(upgraded), ['release', 'upgraded'])).toEqual(
      expect.arrayContaining([expect.stringMatching(/^indexes\.cases_unit_created_idx: only in release: /)]),
    );
  });
});

/**
 * Migrations build some objects from frozen copies of SQL that live code must keep repeating
 * (a partial or expression index is used only by a query that spells its condition the same
 * way; the roll-up triggers must count as the direct queries do). These hold the live code to
 * what a migrated database has, so a change to one without a migration for the other fails.
 */
describe.each(dialects)('live SQL that must match what the migrations built, on %s', (dialect) => {
  const storage = () => fresh.get(dialect)!;
  const time = dialect === 'sqlite' ? sqliteTime : postgresTime;

  /** PostgreSQL reprints index definitions: an index built now from the live expression must print like the migrated one. */
  async function samePgIndex(name: string, liveDefinition: string): Promise<void> {
    const db = storage().db;
    await sql.raw(liveDefinition.replace(`INDEX ${name} `, `INDEX ${name}_live `)).execute(db);
    try {
      const { rows } = await sql<{
        indexname: string;
        indexdef: string;
      }>`SELECT indexname, indexdef FROM pg_indexes WHERE indexname IN (${name}, ${`${name}_live`})`.execute(db);
      const def = (n: string) => rows.find((r) => r.indexname === n)!.indexdef.replace(`${n} `, '');
      expect(def(`${name}_live`)).toBe(def(name));
    } finally {
      await sql.raw(`DROP INDEX ${name}_live`).execute(db);
    }
  }

  it('the roll-up triggers run what stats-measures.ts says', async () => {
    const insert = rollupUpsertSql([{ r: 'NEW', sign: 1 }], time);
    const update = rollupUpsertSql(
      [
        { r: 'OLD', sign: -1 },
        { r: 'NEW', sign: 1 },
      ],
      time,
    );
    const remove = rollupUpsertSql([{ r: 'OLD', sign: -1 }], time);
    const shape = shapes.get(dialect)!;
    if (dialect === 'sqlite') {
      expect(shape.triggers.cases_stats_insert).toContain(normaliseSql(insert));
      expect(shape.triggers.cases_stats_update).toContain(normaliseSql(update));
      expect(shape.triggers.cases_stats_delete).toContain(normaliseSql(remove));
    } else {
      for (const body of [insert, update, remove]) expect(shape.functions.case_stats_trigger).toContain(normaliseSql(body));
    }
  });

  it('the worklist partial indexes repeat the live worklist conditions', async () => {
    const open = `CREATE INDEX cases_open_cover_idx ON cases(status, created_at, reply_due_at, accept_due_at, sign_due_at, supervised, spam_score,
      unit_path, unit_id, category_id, department_id, channel, deputy_id, target_deputy_id) WHERE ${OPEN_STATUS_SQL}`;
    const supervised = `CREATE INDEX cases_supervised_open_idx ON cases(created_at) WHERE ${SUPERVISED_OPEN_SQL}`;
    if (dialect === 'sqlite') {
      expect(shapes.get(dialect)!.indexes.cases_open_cover_idx).toBe(normaliseSql(open));
      expect(shapes.get(dialect)!.indexes.cases_supervised_open_idx).toBe(normaliseSql(supervised));
    } else {
      await samePgIndex('cases_open_cover_idx', open);
      await samePgIndex('cases_supervised_open_idx', supervised);
    }
  });

  it('the search facet index is built on the live facet expression', async () => {
    if (dialect === 'sqlite') {
      // Text, facets and (migration 0041) the month token, as the live search and bulk loader spell them.
      for (const trigger of ['cases_fts_insert', 'cases_fts_update', 'cases_filter_fts_update'])
        expect(shapes.get(dialect)!.triggers[trigger]).toContain(normaliseSql(filterTokensSql('new')));
    } else {
      await samePgIndex('cases_search_facets_idx', `CREATE INDEX cases_search_facets_idx ON cases USING gin ((search_vector || ${pgFacetVectorSql('cases')}))`);
    }
  });

  it('a changed live expression no longer matches (the check above can fail)', async () => {
    const changed = OPEN_STATUS_SQL.replace(`'submitted', `, '');
    const open = `CREATE INDEX cases_open_cover_idx ON cases(status, created_at, reply_due_at, accept_due_at, sign_due_at, supervised, spam_score,
      unit_path, unit_id, category_id, department_id, channel, deputy_id, target_deputy_id) WHERE ${changed}`;
    if (dialect === 'sqlite') expect(shapes.get(dialect)!.indexes.cases_open_cover_idx).not.toBe(normaliseSql(open));
    else await expect(samePgIndex('cases_open_cover_idx', open)).rejects.toThrow(/expected/);
    const changedRollup = normaliseSql(rollupUpsertSql([{ r: 'NEW', sign: 1 }], { day: (ts) => `date(${ts})` }));
    const bodies = Object.values(shapes.get(dialect)![dialect === 'sqlite' ? 'triggers' : 'functions']);
    expect(bodies.some((body) => body.includes(changedRollup))).toBe(false);
  });
});
