/**
 * Every repository method's SQL on both engines is committed as reviewable snapshots
 * (packages/storage/queries/*.sql); these tests regenerate them on fresh databases and fail,
 * showing the changed lines, when SQL changed without its snapshot (`npm run sql:snapshots`
 * rewrites them). The checkers are also shown catching a changed query and an uncatalogued method.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dialect } from '../database';
import { UnitRepository } from '../repositories/unit.repository';
import { openTestStorage, testDialects, type TestStorage } from '../testing/test-databases';
import { QUERY_CATALOG } from './query-catalog';
import { catalogProblems, compareSnapshots, generateSnapshots, publicMethods, readSnapshots, repositoryClasses, type RepositoryClass } from './sql-snapshots';

const dialects = await testDialects();
const classes = await repositoryClasses();

describe('the query catalog', () => {
  it('has representative calls for every public method of every repository class', () => {
    expect(classes.length).toBeGreaterThanOrEqual(30);
    expect(catalogProblems(classes)).toEqual([]);
  });

  it('reports a repository method added without a call, and a repository without calls', () => {
    const unit = classes.find((c) => c.name === 'UnitRepository')!;
    class GrownUnitRepository extends UnitRepository {
      async findByPath(path: string): Promise<string> {
        return path;
      }
    }
    class GhostRepository {
      async ghosts(): Promise<void> {}
    }
    const grown: RepositoryClass[] = [
      { ...unit, type: GrownUnitRepository, source: `${unit.source}\nclass GrownUnitRepository { async findByPath() {} }` },
      { name: 'GhostRepository', type: GhostRepository, file: 'ghost.repository.ts', source: '' },
    ];
    expect(publicMethods(grown[0])).toEqual([...publicMethods(unit), 'findByPath'].sort());
    expect(catalogProblems(grown, { UnitRepository: { ...QUERY_CATALOG.UnitRepository, type: GrownUnitRepository } })).toEqual([
      'UnitRepository.findByPath has no representative call in query-catalog.ts',
      'GhostRepository (ghost.repository.ts) has no representative calls in query-catalog.ts',
    ]);
  });
});

describe.each(dialects)('repository SQL on %s', (dialect: Dialect) => {
  let storage: TestStorage;
  let generated: Map<string, string>;

  beforeAll(async () => {
    storage = await openTestStorage(dialect);
    generated = await generateSnapshots(storage, { classes });
  });
  afterAll(async () => {
    await storage?.dispose();
  });

  it('equals the committed snapshots (run `npm run sql:snapshots` and review the diff when it does not)', () => {
    // Joined so a failure prints the changed lines as they are.
    expect(compareSnapshots(generated, readSnapshots(dialect)).join('\n\n')).toBe('');
    expect([...generated.keys()]).toContain(`case.${dialect}.sql`);
  });

  it('reports a query changed without its snapshot, with the changed lines', async () => {
    const scratch = await openTestStorage(dialect);
    const original = Object.getOwnPropertyDescriptor(UnitRepository.prototype, 'find')!;
    // Someone narrows `find` to active units and forgets the snapshot.
    Object.defineProperty(UnitRepository.prototype, 'find', {
      ...original,
      value: function (this: { db: TestStorage['db'] }, id: string) {
        return this.db.selectFrom('units').selectAll().where('id', '=', id).where('active', '=', 1).executeTakeFirst();
      },
    });
    try {
      const unit = classes.filter((c) => c.name === 'UnitRepository');
      const file = `unit.${dialect}.sql`;
      const changed = await generateSnapshots(scratch, { classes: unit });
      const p = (n: number) => (dialect === 'sqlite' ? '?' : `$${n}`);
      const problems = compareSnapshots(changed, new Map([[file, readSnapshots(dialect).get(file)!]]));
      expect(problems[0]).toBe(`${file}: UnitRepository.find: SQL changed:\n- where "id" = ${p(1)};\n+ where "id" = ${p(1)} and "active" = ${p(2)};`);
      // The methods that read through `find` show the change too.
      expect(problems.map((problem) => problem.split(':')[1].trim())).toEqual([
        'UnitRepository.find',
        'UnitRepository.get',
        'UnitRepository.create',
        'UnitRepository.update',
      ]);
      // And a repository whose snapshot was never committed.
      expect(compareSnapshots(changed, new Map())).toEqual([`${file}: no committed snapshot`]);
    } finally {
      Object.defineProperty(UnitRepository.prototype, 'find', original);
      await scratch.dispose();
    }
  });
});
