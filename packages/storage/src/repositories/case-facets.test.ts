import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { allOf, anyOf, FACET_MARK, facetPhrase, facetTokensSql, unitPrefixPhrase } from './case-facets';

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

  it('drops a group it cannot express entirely, and keeps the others', () => {
    expect(anyOf([`"a"`, null])).toBeNull();
    expect(anyOf([`"a"`, `"b"`])).toBe(`("a" OR "b")`);
    expect(allOf([null, `"a"`, `("b" OR "c")`])).toBe(`"a" AND ("b" OR "c")`);
    expect(allOf([null])).toBeNull();
  });
});
