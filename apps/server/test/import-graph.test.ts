/**
 * The server has no import cycle (type-only imports included), and no service reaches for the
 * whole context: services get a narrow `Pick<ServiceDeps, …>` from the composition root.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCycles, importGraph } from './import-graph';

const SRC = path.resolve(import.meta.dirname, '../src');
const FIXTURE = path.resolve(import.meta.dirname, 'fixtures/import-cycle');
const relative = (root: string) => (cycle: string[]) => cycle.map((f) => path.relative(root, f));

describe('server import graph', () => {
  it('finds a deliberate cycle in a fixture, and only that one', () => {
    expect(importCycles(importGraph(FIXTURE)).map(relative(FIXTURE))).toEqual([['a.ts', 'b.ts']]);
  });

  it('has no import cycle in apps/server/src', () => {
    const graph = importGraph(SRC);
    expect(graph.size).toBeGreaterThan(100);
    expect(importCycles(graph).map(relative(SRC))).toEqual([]);
  });

  it('lets no service or worker import the composition root', () => {
    const context = path.join(SRC, 'context.ts');
    const offenders = [...importGraph(SRC)]
      .filter(([file, targets]) => /\.(service|worker)\.ts$/.test(file) && targets.includes(context))
      .map(([file]) => path.relative(SRC, file));
    expect(offenders).toEqual([]);
  });
});
