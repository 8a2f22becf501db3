import { describe, expect, it } from 'vitest';
import { findHotIssues, findHotIssuesInTurns, heatIndex, HOT_ISSUE_STEP, parseItemTime, type HotIssueItem } from './hot-issues';

const NOW = '2024-06-30T12:00:00Z';
const ITEMS: HotIssueItem[] = [
  { id: 'a1', title: '万松路路灯坏了', body: '安阳街道万松路的路灯坏了好几天，晚上很黑', time: '2024-06-29T08:00:00Z', likes: 3, unitId: 'u1' },
  { id: 'a2', title: '万松路路灯不亮', body: '万松路路灯不亮已经好几天了，晚上很黑', time: '2024-06-28T08:00:00Z', likes: 5, unitId: 'u2' },
  { id: 'a3', title: '万松路晚上路灯坏了', body: '万松路一整排路灯坏了好几天，晚上很黑很危险', time: '2024/6/27 9:00:00', unitId: 'u1' },
  { id: 'b1', title: '塘下镇小区噪音扰民', body: '塘下镇某小区楼下工地夜间施工噪音扰民', time: '2024-06-20T08:00:00Z', likes: 1 },
  { id: 'b2', title: '工地夜间施工噪音', body: '塘下镇某小区旁工地夜间施工，噪音扰民严重', time: '2024-06-21T08:00:00Z' },
  { id: 'c1', title: '马屿镇拖欠工资', body: '马屿镇一家鞋厂拖欠工人工资三个月', time: '2024-06-29T08:00:00Z' },
  { id: 'old', title: '万松路路灯坏了', body: '万松路的路灯坏了好几天，晚上很黑', time: '2023-01-01T08:00:00Z', likes: 100 },
  { id: 'future', title: '万松路路灯坏了', body: '万松路的路灯坏了好几天', time: '2024-07-05T08:00:00Z' },
];

describe('findHotIssues', () => {
  const issues = findHotIssues(ITEMS, { now: NOW, windowDays: 30 });

  it('clusters rephrased complaints and orders clusters by heat', () => {
    expect(issues.map((i) => [...i.memberIds].sort())).toEqual([['a1', 'a2', 'a3'], ['b1', 'b2'], ['c1']]);
    expect(issues[0].heat).toBeGreaterThan(issues[1].heat);
    expect(issues[0]).toMatchObject({ size: 3, likes: 8, units: 2 });
    expect(issues[0].memberIds[0]).toBe('a2'); // most supported first
    expect(issues[0].title).toContain('路灯');
  });

  it('leaves out items outside the window (too old or after now)', () => {
    const ids = issues.flatMap((i) => i.memberIds);
    expect(ids).not.toContain('old');
    expect(ids).not.toContain('future');
  });

  it('is deterministic regardless of input order', () => {
    expect(findHotIssues([...ITEMS].reverse(), { now: NOW, windowDays: 30 })).toEqual(issues);
  });

  it('honours top and minSize, and requires a valid now', () => {
    expect(findHotIssues(ITEMS, { now: NOW, top: 1 })).toHaveLength(1);
    expect(findHotIssues(ITEMS, { now: NOW, minSize: 2 }).map((i) => i.size)).toEqual([3, 2]);
    expect(() => findHotIssues(ITEMS, { now: 'not a date' })).toThrow();
  });
});

describe('heat and time', () => {
  it('grows with recency, likes and spread', () => {
    expect(heatIndex(2, 0, 1)).toBe(2);
    expect(heatIndex(2, 10, 1)).toBeGreaterThan(heatIndex(2, 0, 1));
    expect(heatIndex(2, 0, 4)).toBeGreaterThan(heatIndex(2, 0, 1));
    expect(heatIndex(3, 0, 1)).toBeGreaterThan(heatIndex(2, 0, 1));
  });

  it('reads zone-less times as China time', () => {
    expect(parseItemTime('2019/2/28 11:25:05')).toBe(Date.parse('2019-02-28T03:25:05Z'));
    expect(parseItemTime('2019-02-28 11:25:05')).toBe(Date.parse('2019-02-28T03:25:05Z'));
    expect(parseItemTime('2019-02-28T03:25:05Z')).toBe(Date.parse('2019-02-28T03:25:05Z'));
    expect(parseItemTime('garbage')).toBeNaN();
  });
});

describe('findHotIssuesInTurns', () => {
  it('finds the same clusters as findHotIssues, pausing between steps', async () => {
    // Enough items for several steps: the fixture repeated a day apart within the window.
    const many: HotIssueItem[] = Array.from({ length: 3 * HOT_ISSUE_STEP }, (_, n) => {
      const item = ITEMS[n % 6];
      return { ...item, id: `${item.id}-${n}`, time: new Date(Date.parse('2024-06-29T08:00:00Z') - (n % 20) * 3_600_000).toISOString() };
    });
    let turns = 0;
    const inTurns = await findHotIssuesInTurns(many, { now: NOW, windowDays: 30 }, async () => {
      turns++;
    });
    expect(inTurns).toEqual(findHotIssues(many, { now: NOW, windowDays: 30 }));
    expect(turns).toBeGreaterThanOrEqual(3);
  });
});
