/**
 * Paging the case list over the API (issue #17 item 6), on both databases: every page carries
 * `nextCursor` / `prevCursor`; walking `after` visits each case once in the order of the numbered
 * pages, `before` walks back, and the cursor pages keep the filters; page numbers reach the first
 * 10,000 rows only (400 past them, naming `page`); a malformed cursor, or both directions at
 * once, is a 400; a text search has no cursors.
 */
import { testDialects } from '@lianxin/storage/testing';
import { tokensForIndex } from '@lianxin/text';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, errorCode, type Session, type TestApp } from './support';

const dialects = await testDialects();

interface Page {
  items: Array<{ id: string; status: string }>;
  total: number;
  nextCursor: string | null;
  prevCursor: string | null;
}

describe.each(dialects)('case list paging on %s', (dialect) => {
  let t: TestApp;
  let admin: Session;

  const list = async (query: string) => {
    const res = await t.request({ method: 'GET', url: `/api/v1/cases?${query}`, session: admin });
    if (res.statusCode !== 200) throw new Error(`${query}: ${res.statusCode} ${res.body}`);
    return res.json<Page>();
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await t.login('admin');
    const station = (await t.ctx.repos.units.listActive()).find((u) => u.kind === 'station')!;
    // 45 cases, three to a minute (ties of creation time inside pages), every third closed.
    await t.ctx.repos.cases.insertMany(
      Array.from({ length: 45 }, (_, n) => ({
        record: {
          id: `paging-${String(n).padStart(2, '0')}`,
          trackingCode: `PAGE-${n}`,
          channel: 'online',
          status: n % 3 ? 'submitted' : 'closed',
          kind: 'complaint',
          title: `翻页测试 ${n}`,
          content: '翻页测试的意见内容',
          unitId: station.id,
          unitPath: station.path,
          createdAt: new Date(Date.parse('2026-02-01T00:00:00.000Z') + Math.floor(n / 3) * 60_000).toISOString(),
        },
        events: [],
        searchTokens: tokensForIndex(`翻页测试 ${n}\n翻页测试的意见内容`),
      })),
    );
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('walks by cursor in the order of the numbered pages, forwards and back, keeping the filters', async () => {
    for (const filter of ['', 'status=closed&']) {
      const byPage: string[][] = [];
      for (let page = 1; ; page++) {
        const p = await list(`${filter}pageSize=7&page=${page}`);
        if (!p.items.length) break;
        byPage.push(p.items.map((c) => c.id));
      }
      const first = await list(`${filter}pageSize=7`);
      expect(first.prevCursor).toBeNull();
      const pages: Page[] = [first];
      while (pages.at(-1)!.nextCursor) pages.push(await list(`${filter}pageSize=7&after=${pages.at(-1)!.nextCursor}`));
      expect(pages.map((p) => p.items.map((c) => c.id))).toEqual(byPage);
      expect(pages.every((p) => p.total === first.total)).toBe(true);
      if (filter) expect(pages.flatMap((p) => p.items).every((c) => c.status === 'closed')).toBe(true);
      // Back from the last page to the first.
      for (let i = pages.length - 1; i > 0; i--) {
        const back = await list(`${filter}pageSize=7&before=${pages[i].prevCursor}`);
        expect(back.items.map((c) => c.id)).toEqual(byPage[i - 1]);
      }
      // A numbered page hands over to the cursors.
      const third = await list(`${filter}pageSize=7&page=3`);
      if (byPage[3]) expect((await list(`${filter}pageSize=7&after=${third.nextCursor}`)).items.map((c) => c.id)).toEqual(byPage[3]);
      else expect(third.nextCursor).toBeNull();
    }
  });

  it('reaches the first 10,000 rows by page number, refuses deeper pages and bad cursors', async () => {
    expect((await t.request({ method: 'GET', url: '/api/v1/cases?page=500&pageSize=20', session: admin })).statusCode).toBe(200);
    const deep = await t.request({ method: 'GET', url: '/api/v1/cases?page=501&pageSize=20', session: admin });
    expect(deep.statusCode).toBe(400);
    expect(errorCode(deep)).toBe('VALIDATION_FAILED');
    expect(deep.json<{ error: { details: Array<{ path: string }> } }>().error.details[0].path).toBe('page');
    const notOurs = Buffer.from('yesterday|x').toString('base64url');
    for (const query of [`after=${notOurs}`, 'after=not%20a%20cursor', `before=${notOurs}`]) {
      const res = await t.request({ method: 'GET', url: `/api/v1/cases?${query}`, session: admin });
      expect(res.statusCode, query).toBe(400);
      expect(errorCode(res)).toBe('VALIDATION_FAILED');
    }
    const first = await list('pageSize=5');
    const both = await t.request({ method: 'GET', url: `/api/v1/cases?after=${first.nextCursor}&before=${first.nextCursor}`, session: admin });
    expect(both.statusCode).toBe(400);
  });

  it('has no cursors for a text search (its newest 1,000 matches are reached by page)', async () => {
    const found = await list('q=%E7%BF%BB%E9%A1%B5&pageSize=5');
    expect(found.total).toBeGreaterThan(5);
    expect(found.nextCursor).toBeNull();
    expect(found.prevCursor).toBeNull();
  });
});
