import { describe, expect, it } from 'vitest';
import { overallStanding, previousPeriod, rankIndicator } from './comparison-ranking';
import { leafProgress, overallProgress, rollUpKpis } from './kpi-rollup';

describe('KPI roll-up', () => {
  // Root (w1) ← A (w3: baseline 0, target 100, latest 50 → 0.5)
  //           ← B (w1) ← B1 (w1: baseline 10, target 20, latest 20 → 1)
  //                    ← B2 (w3: baseline 100, target 60 (falling), latest 90 → 0.25)
  // B = (1·1 + 3·0.25) / 4 = 0.4375; Root = (3·0.5 + 1·0.4375) / 4 = 0.484375
  const tree = [
    { id: 'root', parentId: null, baseline: 0, target: 1, weight: 1 },
    { id: 'A', parentId: 'root', baseline: 0, target: 100, weight: 3 },
    { id: 'B', parentId: 'root', baseline: 0, target: 1, weight: 1 },
    { id: 'B1', parentId: 'B', baseline: 10, target: 20, weight: 1 },
    { id: 'B2', parentId: 'B', baseline: 100, target: 60, weight: 3 },
  ];
  const latest = new Map([
    ['A', 50],
    ['B1', 20],
    ['B2', 90],
  ]);

  it('equals the hand computation on a seeded tree', () => {
    const [root] = rollUpKpis(tree, latest);
    expect(root.indicator.id).toBe('root');
    const b = root.children.find((c) => c.indicator.id === 'B')!;
    expect(b.children.map((c) => c.progress)).toEqual([1, 0.25]);
    expect(b.progress).toBeCloseTo(0.4375, 10);
    expect(root.progress).toBeCloseTo(0.484375, 10);
    expect(overallProgress([root])).toBeCloseTo(0.484375, 10);
  });

  it('clamps overshoot and undershoot, and counts no report as no progress', () => {
    expect(leafProgress(0, 100, 150)).toBe(1);
    expect(leafProgress(0, 100, -5)).toBe(0);
    expect(leafProgress(0, 100, null)).toBe(0);
    expect(leafProgress(5, 5, 5)).toBe(1);
  });

  it('a parent whose children all weigh 0 takes their plain mean; an orphan becomes a root', () => {
    const roots = rollUpKpis(
      [
        { id: 'p', parentId: null, baseline: 0, target: 1, weight: 1 },
        { id: 'c1', parentId: 'p', baseline: 0, target: 10, weight: 0 },
        { id: 'c2', parentId: 'p', baseline: 0, target: 10, weight: 0 },
        { id: 'o', parentId: 'gone', baseline: 0, target: 10, weight: 1 },
      ],
      new Map([['c1', 10]]),
    );
    expect(roots.map((r) => [r.indicator.id, r.progress])).toEqual([
      ['p', 0.5],
      ['o', 0],
    ]);
  });
});

describe('comparison ranking', () => {
  it('ranks with ties and shows the trend against the previous period', () => {
    const ranked = rankIndicator(
      [
        { unitId: 'u1', value: 10 },
        { unitId: 'u2', value: 30 },
        { unitId: 'u3', value: 30 },
      ],
      [
        { unitId: 'u1', value: 40 },
        { unitId: 'u2', value: 20 },
      ],
      true,
    );
    expect(ranked.map((r) => [r.unitId, r.rank, r.rankChange, r.valueChange])).toEqual([
      ['u2', 1, 1, 0.5],
      ['u3', 1, null, null],
      ['u1', 3, -2, -0.75],
    ]);
    expect(
      rankIndicator(
        [
          { unitId: 'a', value: 1 },
          { unitId: 'b', value: 2 },
        ],
        [],
        false,
      ).map((r) => r.unitId),
    ).toEqual(['a', 'b']);
  });

  it('overall standing by mean rank, and the previous period of each period shape', () => {
    const s = overallStanding([
      [
        { unitId: 'a', rank: 1 },
        { unitId: 'b', rank: 2 },
      ] as never,
      [
        { unitId: 'a', rank: 2 },
        { unitId: 'b', rank: 1 },
        { unitId: 'c', rank: 3 },
      ] as never,
    ]);
    expect(s).toEqual([
      { unitId: 'a', meanRank: 1.5, rank: 1 },
      { unitId: 'b', meanRank: 1.5, rank: 1 },
      { unitId: 'c', meanRank: 3, rank: 3 },
    ]);
    expect([
      previousPeriod('2026'),
      previousPeriod('2026-Q1'),
      previousPeriod('2026-Q3'),
      previousPeriod('2026-01'),
      previousPeriod('2026-10'),
      previousPeriod('x'),
    ]).toEqual(['2025', '2025-Q4', '2026-Q2', '2025-12', '2026-09', null]);
  });
});
