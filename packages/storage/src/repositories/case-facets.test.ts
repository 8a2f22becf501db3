import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { allOf, anyOf, FACET_MARK, facetPhrase, facetTokensSql, monthFacet, monthFacets, sqliteMonthTokenSql, unitPrefixPhrase } from './case-facets';

const M = FACET_MARK;

describe('facet tokens', () => {
  it('spells in SQL exactly the tokens the query side asks for', () => {
    const db = new SQLite(':memory:');
    const row = {
      status: 'in_progress',
      channel: 'deputy_visit',
      category_id: 'cat-1',
      department_id: null,
      deputy_id: 'dp_1',
      target_deputy_id: 'dp-2',
      unit_path: '/hub-1/st_a/pt-1/',
    };
    const { tokens } = db
      .prepare(
        `SELECT ${facetTokensSql('r')} AS tokens FROM (SELECT @status AS status, @channel AS channel, @category_id AS category_id,
        @department_id AS department_id, @deputy_id AS deputy_id, @target_deputy_id AS target_deputy_id, @unit_path AS unit_path) r`,
      )
      .get(row) as { tokens: string };
    const indexed = new Set(tokens.trim().split(' '));
    const phrases = [
      facetPhrase('status', row.status),
      facetPhrase('channel', row.channel),
      facetPhrase('category', row.category_id),
      facetPhrase('deputy', row.deputy_id),
      facetPhrase('deputy', row.target_deputy_id),
      unitPrefixPhrase('/hub-1/'),
      facetPhrase('unit', 'st_a'),
      unitPrefixPhrase('/hub-1/st-a/pt-1/'),
    ];
    for (const p of phrases) expect(indexed).toContain(p!.slice(1, -1));
    expect([...indexed].every((t) => t.startsWith(M))).toBe(true);
    expect([...indexed].some((t) => t.startsWith(`${M}d`))).toBe(false);
  });

  it('gives no phrase for values a token cannot spell', () => {
    expect(facetPhrase('department', 'dep.3')).toBeNull();
    expect(facetPhrase('department', '部门')).toBeNull();
    expect(facetPhrase('department', 'dep-3')).toBe(`"${M}ddep3"`);
  });

  it('takes the last whole segment of a unit-path prefix', () => {
    expect(unitPrefixPhrase('/hub/st-a/')).toBe(`"${M}usta"`);
    expect(unitPrefixPhrase('/hub/st-a')).toBe(`"${M}uhub"`);
    expect(unitPrefixPhrase('/hub')).toBeNull();
    expect(unitPrefixPhrase('/')).toBeNull();
    // LIKE wildcards match more than the segment spells.
    expect(unitPrefixPhrase('/hub/st%/')).toBeNull();
    expect(unitPrefixPhrase('/hub/st_a/')).toBeNull();
  });

  it('spells a creation period as the UTC months it touches, and the SQL token as the query side does', () => {
    expect(monthFacets('2025-12-31T16:00:00.000Z', '2026-03-31T16:00:00.000Z')).toBe(`("${M}m202512" OR "${M}m202601" OR "${M}m202602" OR "${M}m202603")`);
    expect(monthFacets('2026-02-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z')).toBe(`"${M}m202602"`);
    // Open, empty or longer than a year and a month: no month facets (the list still tests created_at).
    expect(monthFacets(undefined, '2026-03-01T00:00:00.000Z')).toBeNull();
    expect(monthFacets('2026-03-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z')).toBeNull();
    expect(monthFacets('2024-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')).toBeNull();
    const db = new SQLite(':memory:');
    const token = (db.prepare(`SELECT ${sqliteMonthTokenSql('r')} AS t FROM (SELECT '2026-02-28T23:59:59.999Z' AS created_at) r`).get() as { t: string }).t;
    expect(token.trim()).toBe(monthFacet(new Date('2026-02-28T23:59:59.999Z')));
  });

  it('drops a group it cannot express entirely, and keeps the others', () => {
    expect(anyOf([`"a"`, null])).toBeNull();
    expect(anyOf([`"a"`, `"b"`])).toBe(`("a" OR "b")`);
    expect(allOf([null, `"a"`, `("b" OR "c")`])).toBe(`"a" AND ("b" OR "c")`);
    expect(allOf([null])).toBeNull();
  });
});
