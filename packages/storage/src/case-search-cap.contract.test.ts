/**
 * The case list's search counts at most SEARCH_CANDIDATES matches (the newest) and says so with
 * `totalCapped`, on both engines; below the cap, and for code-like queries, totals stay exact.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeAfterBulkLoad, bulkInsertCases, createRepositories, SEARCH_CANDIDATES, type Repositories } from './index';
import { openTestStorage, testDialects, type TestStorage } from './testing/test-databases';

const dialects = await testDialects();

function caseRow(n: number, word: string) {
  const at = new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString();
  return {
    id: `cap-${String(n).padStart(5, '0')}`,
    tracking_code: `CAP-${n}`,
    channel: 'online',
    status: 'submitted',
    kind: 'complaint',
    unit_id: null,
    unit_path: '/hub/',
    title: `${word}问题`,
    content: `${word}问题，希望尽快处理`,
    created_at: at,
    updated_at: at,
    event_count: 0,
    last_event_hash: null,
    search_tokens: `${word} 问题 希望 尽快 处理`,
  };
}

describe.each(dialects)('search total cap on %s', (dialect) => {
  let storage: TestStorage;
  let repos: Repositories;
  const over = SEARCH_CANDIDATES + 5;

  beforeAll(async () => {
    storage = await openTestStorage(dialect);
    repos = createRepositories(storage.db);
    const rows = [...Array.from({ length: over }, (_, i) => caseRow(i, '停车')), ...Array.from({ length: 3 }, (_, i) => caseRow(over + i, '噪音'))];
    await bulkInsertCases(storage, { cases: rows, events: [] });
    await analyzeAfterBulkLoad(storage);
  });
  afterAll(() => storage.dispose());

  it('reports a capped total when more cases match than the search counts', async () => {
    const page = await repos.cases.list({ all: true }, { q: '停车', searchTokens: ['停车'], sort: 'newest', pageSize: 5 });
    expect(page.total).toBe(SEARCH_CANDIDATES);
    expect(page.totalCapped).toBe(true);
    // The newest matches are the ones counted and shown.
    expect(page.items[0].id).toBe(`cap-${String(over - 1).padStart(5, '0')}`);
  });

  it('keeps exact totals below the cap, without a search and for code-like queries', async () => {
    const few = await repos.cases.list({ all: true }, { q: '噪音', searchTokens: ['噪音'] });
    expect(few).toMatchObject({ total: 3, totalCapped: false });
    const all = await repos.cases.list({ all: true }, { pageSize: 1 });
    expect(all).toMatchObject({ total: over + 3, totalCapped: false });
    const code = await repos.cases.list({ all: true }, { q: 'CAP-1', searchTokens: ['cap', '1'] });
    expect(code.totalCapped).toBe(false);
  });
});
