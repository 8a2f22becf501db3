/**
 * A text search combined with the list's filters and a user's scope returns exactly the matching
 * cases inside them — none outside, none missed — ranked as the same search without the filters
 * ranks them, on both engines. On SQLite such searches go through the facet index (migration
 * 0016), so the facets must also follow every change of a filter column and cover values a facet
 * token cannot spell.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { bulkInsertCases, createRepositories, type CaseListOptions, type CaseVisibility, type Repositories } from './index';
import { openTestStorage, testDialects, type TestStorage } from './testing/test-databases';

const dialects = await testDialects();

// `st_a`: an underscore is a LIKE wildcard, so that station's scope takes the plain walk.
const UNITS = ['/hub-1/', '/hub-1/st_a/', '/hub-1/st_a/pt-1/', '/hub-1/st-b/', '/hub-1/st-b/pt-2/', null];
const STATUSES = ['submitted', 'in_progress', 'replied', 'closed'];
const CHANNELS = ['online', 'phone', 'deputy_visit'];
// One department id a facet token cannot spell (the dot): its searches take the plain walk.
const DEPARTMENTS = ['dep-1', 'dep_2', 'dep.3', null];
const DEPUTIES = ['dp-1', 'dp-2', null];
const CATEGORIES = ['cat-1', 'cat-2', null];
const WORDS = ['停车', '噪音', '路灯'];

interface Row {
  id: string;
  status: string;
  channel: string;
  unit_path: string | null;
  department_id: string | null;
  deputy_id: string | null;
  target_deputy_id: string | null;
  category_id: string | null;
  created_at: string;
  search_tokens: string;
}

function rows(): Row[] {
  const out: Row[] = [];
  for (let n = 0; n < 120; n++) {
    // Word counts vary, so relevance orders differ from date orders.
    const words = WORDS.filter((_, i) => (n + i) % (i + 2) !== 0);
    const repeat = (n % 4) + 1;
    const tokens = [...words.flatMap((w) => Array<string>(words[0] === w ? repeat : 1).fill(w)), '问题', ...Array<string>(n % 5).fill('处理')];
    out.push({
      id: `f-${String(n).padStart(4, '0')}`,
      status: STATUSES[n % STATUSES.length],
      channel: CHANNELS[(n >> 1) % CHANNELS.length],
      unit_path: UNITS[(n * 7) % UNITS.length],
      department_id: DEPARTMENTS[(n * 5) % DEPARTMENTS.length],
      deputy_id: DEPUTIES[n % DEPUTIES.length],
      target_deputy_id: DEPUTIES[(n + 1) % DEPUTIES.length],
      category_id: CATEGORIES[(n * 3) % CATEGORIES.length],
      // A day and an hour apart: four months, so creation periods cut across month facets.
      created_at: new Date(Date.UTC(2026, 0, 1) + n * 25 * 3_600_000).toISOString(),
      search_tokens: tokens.join(' '),
    });
  }
  return out;
}

/** The same filters, in JavaScript. */
function expected(data: readonly Row[], word: string, visibility: CaseVisibility, options: CaseListOptions): Set<string> {
  const within = (path: string | null, prefix: string) => path !== null && path.startsWith(prefix);
  return new Set(
    data
      .filter((r) => r.search_tokens.split(' ').includes(word))
      .filter(
        (r) =>
          visibility.all ||
          (visibility.unitPath != null && within(r.unit_path, visibility.unitPath)) ||
          (visibility.departmentId != null && r.department_id === visibility.departmentId) ||
          (visibility.deputyId != null && (r.deputy_id === visibility.deputyId || r.target_deputy_id === visibility.deputyId)),
      )
      .filter((r) => !options.status || options.status.includes(r.status))
      .filter((r) => !options.channel || r.channel === options.channel)
      .filter((r) => !options.underPath || within(r.unit_path, options.underPath))
      .filter((r) => !options.departmentId || r.department_id === options.departmentId)
      .filter((r) => !options.deputyId || r.deputy_id === options.deputyId || r.target_deputy_id === options.deputyId)
      .filter((r) => !options.categoryId || r.category_id === options.categoryId)
      .filter((r) => (!options.from || r.created_at >= options.from) && (!options.to || r.created_at < options.to))
      .map((r) => r.id),
  );
}

const CASES: Array<[string, CaseVisibility, CaseListOptions]> = [
  ['station scope', { unitPath: '/hub-1/st_a/' }, {}],
  ['point scope', { unitPath: '/hub-1/st-b/pt-2/' }, {}],
  ['department scope', { departmentId: 'dep-1' }, {}],
  ['department scope (id a token cannot spell)', { departmentId: 'dep.3' }, {}],
  ['deputy scope (either deputy)', { deputyId: 'dp-2' }, {}],
  ['station or department scope', { unitPath: '/hub-1/st-b/', departmentId: 'dep_2' }, {}],
  ['status', { all: true }, { status: ['in_progress'] }],
  ['two statuses', { all: true }, { status: ['submitted', 'closed'] }],
  ['channel', { all: true }, { channel: 'deputy_visit' }],
  ['subtree', { all: true }, { underPath: '/hub-1/st_a/' }],
  ['subtree prefix without a slash', { all: true }, { underPath: '/hub-1/st' }],
  ['category', { all: true }, { categoryId: 'cat-2' }],
  ['department', { all: true }, { departmentId: 'dep_2' }],
  ['deputy', { all: true }, { deputyId: 'dp-1' }],
  ['scope and filters', { unitPath: '/hub-1/' }, { status: ['closed', 'replied'], channel: 'phone' }],
  // Creation periods (month facets since migration 0041): inside one month, across months from and
  // to the middle of one, with a scope, and open at one end (no month facets then).
  ['period inside a month', { all: true }, { from: '2026-02-03T05:00:00.000Z', to: '2026-02-20T00:00:00.000Z' }],
  ['period across months', { all: true }, { from: '2026-01-20T12:00:00.000Z', to: '2026-03-10T00:00:00.000Z' }],
  [
    'period with scope and status',
    { unitPath: '/hub-1/st-b/' },
    { from: '2026-01-15T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z', status: ['closed', 'submitted'] },
  ],
  ['period open at its end', { all: true }, { from: '2026-03-01T00:00:00.000Z' }],
];

describe.each(dialects)('search with filters and scope on %s', (dialect) => {
  let storage: TestStorage;
  let repos: Repositories;
  const data = rows();
  const all = async (visibility: CaseVisibility, options: CaseListOptions) => {
    const page = await repos.cases.list(visibility, { pageSize: 100, ...options });
    return { ids: page.items.map((c) => c.id), total: page.total, capped: page.totalCapped };
  };

  beforeAll(async () => {
    storage = await openTestStorage(dialect);
    repos = createRepositories(storage.db);
    const at = '2026-01-01T00:00:00.000Z';
    for (const id of ['dep-1', 'dep_2', 'dep.3', 'dep-9'])
      await sql`INSERT INTO departments (id, name, created_at, updated_at) VALUES (${id}, ${id}, ${at}, ${at})`.execute(storage.db);
    for (const id of ['dp-1', 'dp-2'])
      await sql`INSERT INTO deputies (id, name, created_at, updated_at) VALUES (${id}, ${id}, ${at}, ${at})`.execute(storage.db);
    for (const id of ['cat-1', 'cat-2'])
      await sql`INSERT INTO categories (id, name, created_at, updated_at) VALUES (${id}, ${id}, ${at}, ${at})`.execute(storage.db);
    await bulkInsertCases(storage, {
      cases: data.map((r) => ({
        ...r,
        tracking_code: `F-${r.id}`,
        kind: 'complaint',
        unit_id: null,
        title: r.search_tokens.slice(0, 10),
        content: r.search_tokens,
        updated_at: r.created_at,
        event_count: 0,
        last_event_hash: null,
      })),
      events: [],
    });
  });
  afterAll(() => storage.dispose());

  it.each(CASES)('%s: every match inside, none outside, ranked as without the filters', async (_name, visibility, options) => {
    for (const word of WORDS) {
      const want = expected(data, word, visibility, options);
      const got = await all(visibility, { ...options, q: word, searchTokens: [word] });
      expect(new Set(got.ids)).toEqual(want);
      expect(got).toMatchObject({ total: want.size, capped: false });
      // The same order as the unfiltered search, filtered afterwards.
      const unfiltered = await all({ all: true }, { q: word, searchTokens: [word] });
      expect(got.ids).toEqual(unfiltered.ids.filter((id) => want.has(id)));
      const newest = await all(visibility, { ...options, q: word, searchTokens: [word], sort: 'newest' });
      expect(newest.ids).toEqual([...want].sort().reverse());
    }
  });

  it('follows changes of the filter columns and of the text', async () => {
    const target = data.find((r) => r.status === 'submitted' && r.search_tokens.includes('路灯') && r.unit_path?.startsWith('/hub-1/st_a/'))!;
    const search = (visibility: CaseVisibility, options: CaseListOptions) => all(visibility, { ...options, q: '路灯', searchTokens: ['路灯'] });
    expect((await search({ all: true }, { status: ['submitted'] })).ids).toContain(target.id);
    expect((await search({ unitPath: '/hub-1/st_a/' }, {})).ids).toContain(target.id);

    const record = await repos.cases.get(target.id);
    await repos.cases.update(
      target.id,
      record.version,
      { status: 'in_progress', unitPath: '/hub-1/st-b/pt-2/', departmentId: 'dep-9' },
      [],
      '2026-02-01T00:00:00.000Z',
    );
    expect((await search({ all: true }, { status: ['submitted'] })).ids).not.toContain(target.id);
    expect((await search({ all: true }, { status: ['in_progress'] })).ids).toContain(target.id);
    expect((await search({ unitPath: '/hub-1/st_a/' }, {})).ids).not.toContain(target.id);
    expect((await search({ unitPath: '/hub-1/st-b/' }, {})).ids).toContain(target.id);
    expect((await search({ departmentId: 'dep-9' }, {})).ids).toEqual([target.id]);

    // New text and a new status in one statement.
    await sql`UPDATE cases SET search_tokens = '路灯 新词', status = 'closed' WHERE id = ${target.id}`.execute(storage.db);
    expect((await all({ departmentId: 'dep-9' }, { q: '新词', searchTokens: ['新词'], status: ['closed'] })).ids).toEqual([target.id]);
    expect((await search({ departmentId: 'dep-9' }, { status: ['in_progress'] })).ids).toEqual([]);

    // Gone cases leave no match behind.
    await sql`DELETE FROM cases WHERE id = ${target.id}`.execute(storage.db);
    expect((await search({ departmentId: 'dep-9' }, {})).ids).toEqual([]);
  });
});
