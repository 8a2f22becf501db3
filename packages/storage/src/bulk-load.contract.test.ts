/**
 * Bulk loading on both engines: cases and events land as given, full-text search finds them
 * (FTS5 triggers on SQLite, the generated tsvector on PostgreSQL), a failing batch leaves nothing
 * behind, and rows with different column sets are refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import {
  analyzeAfterBulkLoad,
  bulkInsertCases,
  createRepositories,
  isBulkLoadSuspended,
  resumeUpkeepAfterBulkLoad,
  suspendUpkeepForBulkLoad,
  type Repositories,
} from './index';
import { openTestStorage, testDialects, type TestStorage } from './testing/test-databases';

const dialects = await testDialects();
const T0 = '2026-03-02T01:00:00.000Z';

function caseRow(n: number, title: string) {
  return {
    id: `bulk-${n}`,
    tracking_code: `BULK-${n}`,
    channel: 'online',
    status: 'submitted',
    kind: 'complaint',
    unit_id: null,
    unit_path: '/hub/',
    title,
    content: `${title}，希望尽快处理`,
    created_at: T0,
    updated_at: T0,
    event_count: 1,
    last_event_hash: `h${n}`,
    search_tokens: `${title} 希望 尽快 处理`,
  };
}

function eventRow(n: number) {
  return {
    id: `bulk-${n}-e1`,
    case_id: `bulk-${n}`,
    type: 'submitted',
    from_status: null,
    to_status: 'submitted',
    actor_id: 'citizen',
    actor_kind: 'citizen',
    actor_name: null,
    at: T0,
    reason: null,
    payload: JSON.stringify({ channel: 'online' }),
    public: 1,
    prev_hash: '0'.repeat(64),
    hash: `h${n}`,
  };
}

describe.each(dialects)('bulk loading on %s', (dialect) => {
  let storage: TestStorage;
  let repos: Repositories;

  beforeAll(async () => {
    storage = await openTestStorage(dialect);
    repos = createRepositories(storage.db);
  });
  afterAll(() => storage.dispose());

  it('writes cases with their events, searchable right away', async () => {
    await bulkInsertCases(storage, { cases: [caseRow(1, '路灯'), caseRow(2, '停车'), caseRow(3, '噪音')], events: [eventRow(1), eventRow(2), eventRow(3)] });
    await analyzeAfterBulkLoad(storage);
    expect((await repos.cases.list({ all: true })).total).toBe(3);
    const found = await repos.cases.list({ all: true }, { q: '停车', searchTokens: ['停车'] });
    expect(found.items.map((c) => c.id)).toEqual(['bulk-2']);
    const events = await repos.cases.events('bulk-1');
    expect(events).toMatchObject([{ type: 'submitted', toStatus: 'submitted', payload: { channel: 'online' }, public: true, hash: 'h1' }]);
  });

  it('writes nothing of a failing batch', async () => {
    // The second case repeats a tracking code: the whole batch is rolled back.
    const duplicate = { ...caseRow(5, '垃圾'), tracking_code: 'BULK-4' };
    await expect(bulkInsertCases(storage, { cases: [caseRow(4, '油烟'), duplicate], events: [eventRow(4)] })).rejects.toThrow();
    expect(await repos.cases.find('bulk-4')).toBeUndefined();
    expect((await repos.cases.list({ all: true })).total).toBe(3);
  });

  it('refuses rows that set different columns', async () => {
    const { search_tokens: _dropped, ...withoutTokens } = caseRow(7, '电梯');
    await expect(bulkInsertCases(storage, { cases: [caseRow(6, '电梯'), withoutTokens], events: [] })).rejects.toThrow(/same columns/);
  });

  it('suspends the per-row upkeep for a load and redoes it afterwards: search rows, roll-up, indexes and triggers', async () => {
    const received = async () =>
      Number((await sql<{ n: number }>`SELECT coalesce(sum(received), 0) AS n FROM case_stats WHERE grain = 'y' AND dims = ''`.execute(storage.db)).rows[0].n);
    const indexes = async () =>
      storage.dialect === 'sqlite'
        ? Number(
            (await sql<{ n: number }>`SELECT count(*) AS n FROM sqlite_master WHERE type IN ('index', 'trigger') AND tbl_name = 'cases'`.execute(storage.db))
              .rows[0].n,
          )
        : Number((await sql<{ n: number }>`SELECT count(*) AS n FROM pg_indexes WHERE tablename = 'cases'`.execute(storage.db)).rows[0].n);
    const countBefore = await received();
    const objectsBefore = await indexes();
    await suspendUpkeepForBulkLoad(storage);
    await suspendUpkeepForBulkLoad(storage); // a second call (a resumed load) changes nothing
    expect(await isBulkLoadSuspended(storage)).toBe(true);
    expect(await indexes()).toBeLessThan(objectsBefore);
    await bulkInsertCases(storage, { cases: [caseRow(11, '井盖'), caseRow(12, '井盖')], events: [eventRow(11), eventRow(12)] });
    expect(await received()).toBe(countBefore); // nothing counted while suspended…
    expect(await resumeUpkeepAfterBulkLoad(storage)).toBe(true);
    expect(await received()).toBe(countBefore + 2); // …and everything once put back
    expect(await isBulkLoadSuspended(storage)).toBe(false);
    expect(await indexes()).toBe(objectsBefore);
    expect(await resumeUpkeepAfterBulkLoad(storage)).toBe(false);
    const found = await repos.cases.list({ all: true }, { q: '井盖', searchTokens: ['井盖'] });
    expect(found.items.map((c) => c.id).sort()).toEqual(['bulk-11', 'bulk-12']);
    // The triggers are back: a case written afterwards is counted and found as it is written.
    await bulkInsertCases(storage, { cases: [caseRow(13, '井盖')], events: [eventRow(13)] });
    expect(await received()).toBe(countBefore + 3);
    expect((await repos.cases.list({ all: true }, { q: '井盖', searchTokens: ['井盖'] })).total).toBe(3);
  });
});
