/**
 * PostgreSQL finds a search's newest matches in windows of creation months (`newestPgMatches`,
 * migration 0018): whichever windows it needs — stopping in the first month, widening, or falling
 * through to everything older — it returns exactly the newest matches a plain "match, newest
 * first, limit" query returns, with the list's filters and facets applied.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { bulkInsertCases } from './index';
import { facetPhrase, unitPrefixPhrase } from './repositories/case-facets';
import { newestPgMatches } from './repositories/case-search';
import { openTestStorage, testDialects, type TestStorage } from './testing/test-databases';

const dialects = (await testDialects()).filter((d) => d === 'postgres');

const WORDS = ['停车', '噪音'];
const STATUSES = ['submitted', 'closed', 'replied'];
const UNITS = ['/hub-1/st-a/', '/hub-1/st-b/', null];

/** Cases over eight months, unevenly (a gap month, a busy newest month, times at month edges). */
function rows() {
  const times: string[] = [];
  const months = [0, 1, 3, 4, 5, 6, 7]; // no cases in month 2
  for (const m of months) {
    const perMonth = m === 7 ? 12 : 5;
    for (let k = 0; k < perMonth; k++) times.push(new Date(Date.UTC(2025, 6 + m, 1 + k * 2, k)).toISOString());
    // The last millisecond of the month: belongs to this month, not the next.
    times.push(new Date(Date.UTC(2025, 7 + m, 1) - 1).toISOString());
  }
  return times.map((at, n) => {
    const words = WORDS.filter((_, i) => (n + i) % (i + 2) !== 0);
    const tokens = [...words, '问题'].join(' ');
    return {
      id: `w-${String(n).padStart(3, '0')}`,
      tracking_code: `W-${n}`,
      channel: 'online',
      status: STATUSES[n % STATUSES.length],
      kind: 'complaint',
      unit_id: null,
      unit_path: UNITS[n % UNITS.length],
      title: tokens,
      content: tokens,
      created_at: at,
      updated_at: at,
      event_count: 0,
      last_event_hash: null,
      search_tokens: tokens,
    };
  });
}

describe.each(dialects)('newest search matches in month windows on %s', (dialect) => {
  let storage: TestStorage;

  beforeAll(async () => {
    storage = await openTestStorage(dialect);
    await bulkInsertCases(storage, { cases: rows(), events: [] });
  });
  afterAll(() => storage.dispose());

  const FILTERS = [
    { name: 'no filter', status: null, unit: null },
    { name: 'status', status: 'closed', unit: null },
    { name: 'scope', status: null, unit: '/hub-1/st-b/' },
    { name: 'status and scope', status: 'submitted', unit: '/hub-1/st-a/' },
  ];

  it.each(FILTERS)('$name: the same ids as a plain newest-first query, for any limit and windows', async ({ status, unit }) => {
    const filtered = () => {
      let query = storage.db.selectFrom('cases');
      if (status) query = query.where('status', '=', status);
      if (unit) query = query.where('unit_path', 'like', `${unit}%`);
      return query;
    };
    const facets = [status ? facetPhrase('status', status) : null, unit ? unitPrefixPhrase(unit) : null].filter(Boolean).join(' AND ') || null;
    for (const word of WORDS) {
      const all = await filtered()
        .where(sql<boolean>`search_vector @@ to_tsquery('simple', ${`'${word}'`})`)
        .select('id')
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .execute();
      expect(all.length).toBeGreaterThan(3);
      for (const limit of [1, 3, Math.floor(all.length / 2), all.length, all.length + 5]) {
        for (const windows of [[1, 3], [1], [2, 2, 2], [12], []]) {
          const got = await newestPgMatches(storage.db, filtered(), `'${word}'`, facets, { limit, windows });
          expect(got, `${word} limit ${limit} windows ${windows.join(',')}`).toEqual(all.slice(0, limit).map((r) => r.id));
        }
      }
    }
  });

  it('finds nothing in an empty table or for a word no case has', async () => {
    expect(await newestPgMatches(storage.db, storage.db.selectFrom('cases'), `'没有'`, null, { limit: 5 })).toEqual([]);
    expect(await newestPgMatches(storage.db, storage.db.selectFrom('cases').where('id', '=', 'none'), `'停车'`, null, { limit: 5 })).toEqual([]);
  });
});
