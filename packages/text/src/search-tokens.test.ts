import { describe, expect, it } from 'vitest';
import { createSegmenter } from './jieba-segmenter';
import { bigramsOf, contentWords, toFts5Match, toTsQuery, tokensForIndex, tokensForQuery } from './search-tokens';

const DOCS = {
  lamp: '安阳街道万松路的路灯坏了好几天，晚上很黑',
  parking: '小区停车场收费不合理，业主停车难',
  noise: '塘下镇某小区楼下噪音扰民，夜间施工不停',
  station: '人大常委会到安阳街道人大代表联络站调研民生实事',
  hotline: '已拨打１２３４５热线反映',
};

/** A full-text match as FTS5/tsvector do it: every query token is a token of the document. */
const matches = (indexTokens: string, query: string[]) => {
  const set = new Set(indexTokens.split(' '));
  return query.length > 0 && query.every((t) => set.has(t));
};

describe.each([['jieba'], ['intl']] as const)('search tokens with the %s segmenter', (prefer) => {
  const { segmenter, name } = createSegmenter({ prefer });
  const index = Object.fromEntries(Object.entries(DOCS).map(([k, v]) => [k, tokensForIndex(v, segmenter)]));
  const search = (q: string) =>
    Object.keys(DOCS)
      .filter((k) => matches(index[k], tokensForQuery(q, segmenter)))
      .sort();

  it('uses the requested adapter', () => {
    expect(name).toBe(prefer);
  });

  it.each([
    ['路灯', ['lamp']],
    ['停车', ['parking']],
    ['噪音', ['noise']],
    ['安阳街道', ['lamp', 'station']],
    ['安阳', ['lamp', 'station']],
    ['联络站', ['station']],
    ['12345热线', ['hotline']],
    ['万松路 路灯', ['lamp']],
    ['路灯 噪音', []],
  ])('a search for %s finds %j', (q, expected) => {
    expect(search(q)).toEqual(expected);
  });

  it('drops stop words and punctuation', () => {
    expect(contentWords('的了，。！', segmenter)).toEqual([]);
    expect(tokensForIndex('', segmenter)).toBe('');
  });
});

describe('query helpers', () => {
  it('builds 2-grams of long Han words only', () => {
    expect(bigramsOf('停车场')).toEqual(['停车', '车场']);
    expect(bigramsOf('路灯')).toEqual([]);
    expect(bigramsOf('abc')).toEqual([]);
  });

  it('quotes tokens for FTS5 and tsquery', () => {
    expect(toFts5Match(['路灯', 'a"b'])).toBe('"路灯" "a""b"');
    expect(toFts5Match([])).toBeNull();
    expect(toTsQuery(['路灯', "o'k"])).toBe("'路灯' & 'ok'");
    expect(toTsQuery(['!!'])).toBeNull();
  });
});
