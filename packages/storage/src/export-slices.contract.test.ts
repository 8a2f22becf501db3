/**
 * Keyset slices on both engines (issue #17 item 3): walking the case list slice by slice after
 * the last case of each slice (`exportSlice`), counting it that way (`exportCount`) and reading
 * a period's cases with their events (`casesWithEvents`) give every case exactly once, in order,
 * whatever the slice size — ties on the creation time included — and a window of creation times
 * (`notBefore`) only narrows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulkInsertCases, createRepositories, type CaseListOptions, type Repositories } from './index';
import { openTestStorage, testDialects, type TestStorage } from './testing/test-databases';

const dialects = await testDialects();

/** 40 cases, four to a creation instant (ties broken by id), a third of them closed, all mentioning 路灯. */
function caseRow(n: number) {
  const at = new Date(Date.UTC(2026, 0, 1) + Math.floor(n / 4) * 3_600_000).toISOString();
  return {
    id: `ks-${String((n * 7) % 40).padStart(3, '0')}-${n}`,
    tracking_code: `KS-${n}`,
    channel: n % 2 ? 'phone' : 'online',
    status: n % 3 ? 'submitted' : 'closed',
    kind: 'complaint',
    unit_id: null,
    unit_path: '/hub/',
    title: '路灯问题',
    content: '路灯坏了，希望尽快处理',
    created_at: at,
    updated_at: at,
    event_count: 0,
    last_event_hash: null,
    search_tokens: '路灯 问题 希望 尽快 处理',
  };
}

describe.each(dialects)('keyset slices on %s', (dialect) => {
  let storage: TestStorage;
  let repos: Repositories;
  const rows = Array.from({ length: 40 }, (_, n) => caseRow(n));
  const newestFirst = (list: typeof rows) =>
    [...list].sort((a, b) => (a.created_at === b.created_at ? (a.id < b.id ? 1 : -1) : a.created_at < b.created_at ? 1 : -1)).map((r) => r.id);

  beforeAll(async () => {
    storage = await openTestStorage(dialect);
    repos = createRepositories(storage.db);
    await bulkInsertCases(storage, { cases: rows, events: [] });
  });
  afterAll(() => storage.dispose());

  async function walk(options: CaseListOptions, limit: number, windowMs?: number): Promise<string[]> {
    const ids: string[] = [];
    let after: { createdAt: string; id: string } | undefined;
    for (let guard = 0; guard < 500; guard++) {
      const notBefore = windowMs && after ? new Date(Date.parse(after.createdAt) - windowMs).toISOString() : undefined;
      const slice = await repos.cases.exportSlice({ all: true }, options, { after, notBefore, limit });
      ids.push(...slice.map((c) => c.id));
      const last = slice.at(-1);
      if (slice.length === limit && last) after = { createdAt: last.createdAt, id: last.id };
      else if (notBefore && Date.parse(notBefore) >= Date.UTC(2026, 0, 1)) after = { createdAt: notBefore, id: '' };
      else break;
    }
    return ids;
  }

  it('gives every case once, newest first, across slices of any size', async () => {
    const expected = newestFirst(rows);
    for (const limit of [1, 3, 4, 7, 40, 100]) expect(await walk({}, limit)).toEqual(expected);
    // A window of creation times below the last case only narrows a statement.
    expect(await walk({}, 3, 2 * 3_600_000)).toEqual(expected);
    // Filters and a text search (its bounded candidates) alike.
    expect(await walk({ status: ['closed'], channel: 'online' }, 2)).toEqual(newestFirst(rows.filter((r) => r.status === 'closed' && r.channel === 'online')));
    expect(await walk({ q: '路灯', searchTokens: ['路灯'], sort: 'newest' }, 6)).toEqual(expected);
  });

  it('counts slice by slice to the same total', async () => {
    let total = 0;
    let after: { createdAt: string; id: string } | undefined;
    for (;;) {
      const { count, last } = await repos.cases.exportCount({ all: true }, { status: ['submitted'] }, { after, limit: 5 });
      total += count;
      if (count < 5 || !last) break;
      after = last;
    }
    expect(total).toBe(rows.filter((r) => r.status === 'submitted').length);
    expect(await repos.cases.exportCount({ all: true }, {}, { limit: 1000 })).toMatchObject({ count: 40 });
    expect(await repos.cases.createdSpan()).toEqual({ first: rows[0].created_at, last: rows[39].created_at });
  });

  it('reads a period’s cases in creation order, slice by slice', async () => {
    const from = '2026-01-01T00:00:00.000Z';
    const to = '2026-01-01T05:00:00.000Z';
    const inPeriod = rows.filter((r) => r.created_at >= from && r.created_at <= to);
    const expected = [...inPeriod]
      .sort((a, b) => (a.created_at === b.created_at ? (a.id < b.id ? -1 : 1) : a.created_at < b.created_at ? -1 : 1))
      .map((r) => r.id);
    for (const limit of [1, 3, 5, 100]) {
      const ids: string[] = [];
      let after: { createdAt: string; id: string } | undefined;
      for (;;) {
        const slice = await repos.evaluations.casesWithEvents(from, to, { after, limit });
        ids.push(...slice.map((c) => c.id));
        const last = slice.at(-1);
        if (slice.length < limit || !last) break;
        after = { createdAt: last.createdAt, id: last.id };
      }
      expect(ids).toEqual(expected);
    }
  });
});
