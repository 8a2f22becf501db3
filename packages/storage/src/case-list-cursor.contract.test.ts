/**
 * Keyset pagination of the case list on both engines: walking by `after` cursors visits every
 * row once in the newest-first order (ties of creation time broken by id), `before` walks back
 * the same pages, filters and scopes hold on cursor pages, page numbers hand over cursors, and
 * cursors round-trip (malformed ones are refused).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories, decodeCaseCursor, encodeCaseCursor, type CaseListOptions, type CaseVisibility, type Repositories } from './index';
import { openTestStorage, testDialects, type TestStorage } from './testing/test-databases';

const dialects = await testDialects();
const T0 = '2026-03-02T01:00:00.000Z';

describe.each(dialects)('case list cursors on %s', (dialect) => {
  let storage: TestStorage;
  let repos: Repositories;
  /** Every case, newest first (created_at desc, id desc). */
  let order: Array<{ id: string; status: string; unitPath: string }>;

  beforeAll(async () => {
    storage = await openTestStorage(dialect);
    repos = createRepositories(storage.db);
    const hub = await repos.units.create({ id: 'hub', kind: 'hub', parent: null, name: '总站', now: T0 });
    await repos.units.create({ id: 'st1', kind: 'station', parent: hub, name: '一站', now: T0 });
    await repos.units.create({ id: 'st2', kind: 'station', parent: hub, name: '二站', now: T0 });
    const rows = Array.from({ length: 23 }, (_, n) => {
      // Groups of three share a creation time, so pages cut through ties.
      const createdAt = new Date(Date.parse(T0) + Math.floor(n / 3) * 60_000).toISOString();
      const unit = n % 2 ? 'st1' : 'st2';
      return {
        id: `c${String(n).padStart(2, '0')}`,
        trackingCode: `CODE-${n}`,
        channel: 'online',
        status: n % 4 === 0 ? 'closed' : 'submitted',
        kind: 'complaint',
        title: `意见 ${n}`,
        content: '内容内容内容',
        unitId: unit,
        unitPath: `/hub/${unit}/`,
        createdAt,
      };
    });
    for (const r of rows) await repos.cases.insert(r, []);
    order = [...rows]
      .sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1))
      .map((r) => ({ id: r.id, status: r.status, unitPath: r.unitPath }));
  });

  afterAll(async () => {
    await storage.close();
  });

  /** Every id of the list walked by `after` cursors, and the pages' cursors. */
  async function walk(visibility: CaseVisibility, options: CaseListOptions, pageSize: number) {
    const ids: string[] = [];
    const pages: Array<{ ids: string[]; prev: string | null; next: string | null; total: number }> = [];
    let after: string | null = null;
    for (let guard = 0; guard < 50; guard++) {
      const page = await repos.cases.list(visibility, { ...options, pageSize, after: after ? decodeCaseCursor(after)! : undefined });
      pages.push({ ids: page.items.map((c) => c.id), prev: page.prevCursor, next: page.nextCursor, total: page.total });
      ids.push(...page.items.map((c) => c.id));
      if (!page.nextCursor) break;
      after = page.nextCursor;
    }
    return { ids, pages };
  }

  it('walks every row once, newest first, through ties of creation time', async () => {
    const { ids, pages } = await walk({ all: true }, {}, 5);
    expect(ids).toEqual(order.map((r) => r.id));
    expect(pages).toHaveLength(5);
    expect(pages[0].prev).toBeNull();
    expect(pages.slice(1).every((p) => p.prev !== null)).toBe(true);
    expect(pages.at(-1)!.next).toBeNull();
    // The total is the whole list's on every page, not what is left after the cursor.
    expect(pages.every((p) => p.total === 23)).toBe(true);
  });

  it('walks back the same pages with `before`', async () => {
    const { pages } = await walk({ all: true }, {}, 5);
    for (let i = pages.length - 1; i > 0; i--) {
      const back = await repos.cases.list({ all: true }, { pageSize: 5, before: decodeCaseCursor(pages[i].prev!)! });
      expect(back.items.map((c) => c.id)).toEqual(pages[i - 1].ids);
      expect(back.nextCursor).toBe(pages[i - 1].next);
      expect(back.prevCursor === null).toBe(i === 1);
    }
  });

  it('keeps filters and scopes on cursor pages', async () => {
    const closed = await walk({ all: true }, { status: ['closed'] }, 2);
    expect(closed.ids).toEqual(order.filter((r) => r.status === 'closed').map((r) => r.id));
    const station = await walk({ unitPath: '/hub/st1/' }, {}, 4);
    expect(station.ids).toEqual(order.filter((r) => r.unitPath === '/hub/st1/').map((r) => r.id));
    expect(station.pages[0].total).toBe(station.ids.length);
  });

  it('hands over from page numbers to cursors', async () => {
    const third = await repos.cases.list({ all: true }, { pageSize: 5, page: 3 });
    expect(third.items.map((c) => c.id)).toEqual(order.slice(10, 15).map((r) => r.id));
    const next = await repos.cases.list({ all: true }, { pageSize: 5, after: decodeCaseCursor(third.nextCursor!)! });
    expect(next.items.map((c) => c.id)).toEqual(order.slice(15, 20).map((r) => r.id));
    const previous = await repos.cases.list({ all: true }, { pageSize: 5, before: decodeCaseCursor(third.prevCursor!)! });
    expect(previous.items.map((c) => c.id)).toEqual(order.slice(5, 10).map((r) => r.id));
  });

  it('walks a long list (read by the newest-first index) the same way as a short one (read whole and sorted)', async () => {
    // Past the few rows a list reads whole: 600 more cases in a third station, in ties of ten.
    const more = Array.from({ length: 600 }, (_, n) => ({
      record: {
        id: `m${String(n).padStart(3, '0')}`,
        trackingCode: `MORE-${n}`,
        channel: 'online',
        status: 'submitted',
        kind: 'complaint',
        title: `意见 m${n}`,
        content: '内容内容内容',
        unitId: 'st3',
        unitPath: '/hub/st3/',
        createdAt: new Date(Date.parse('2026-04-01T00:00:00.000Z') + Math.floor(n / 10) * 60_000).toISOString(),
      },
      events: [],
    }));
    const hub = (await repos.units.find('hub'))!;
    await repos.units.create({ id: 'st3', kind: 'station', parent: hub, name: '三站', now: T0 });
    await repos.cases.insertMany(more);
    const expected = [
      ...more
        .map((m) => m.record)
        .sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1))
        .map((r) => r.id),
      ...order.map((r) => r.id),
    ];
    const all = await walk({ all: true }, {}, 70);
    expect(all.ids).toEqual(expected);
    expect(all.pages[0].total).toBe(623);
    const back = await repos.cases.list({ all: true }, { pageSize: 70, before: decodeCaseCursor(all.pages[5].prev!)! });
    expect(back.items.map((c) => c.id)).toEqual(all.pages[4].ids);
    // The short list of a station is still exact beside it.
    expect((await walk({ unitPath: '/hub/st1/' }, {}, 4)).ids).toEqual(order.filter((r) => r.unitPath === '/hub/st1/').map((r) => r.id));
  });

  it('has no cursors for a search ranked by relevance', async () => {
    const page = await repos.cases.list({ all: true }, { q: '意见', searchTokens: ['意见'], pageSize: 5 });
    expect(page.nextCursor).toBeNull();
    expect(page.prevCursor).toBeNull();
  });
});

describe('case list cursor text', () => {
  it('round-trips and refuses what it did not make', () => {
    const cursor = encodeCaseCursor({ createdAt: '2026-03-02T01:00:00.000Z', id: 'gen1-00000042-x3' });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCaseCursor(cursor)).toEqual({ createdAt: '2026-03-02T01:00:00.000Z', id: 'gen1-00000042-x3' });
    for (const bad of [
      '',
      'not a cursor',
      Buffer.from('2026-03-02|x').toString('base64url'),
      Buffer.from("2026-03-02T01:00:00.000Z|x' or 1=1").toString('base64url'),
    ])
      expect(decodeCaseCursor(bad)).toBeNull();
  });
});
