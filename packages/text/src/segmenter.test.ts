import { describe, expect, it } from 'vitest';
import { createSegmenter, defaultSegmenter, jiebaUserDictionary, segmenterWords } from './jieba-segmenter';
import { IntlSegmenter, mergeDictionaryWords } from './segmenter';
import { withShortForms } from './domain-dictionary';

describe('segmenters', () => {
  it('loads jieba here and keeps domain words whole', () => {
    const choice = createSegmenter();
    expect(choice.name).toBe('jieba');
    expect(choice.fallbackReason).toBeUndefined();
    expect(choice.segmenter.cut('人大常委会到安阳街道人大代表联络站调研，请拨打12345热线')).toEqual(
      expect.arrayContaining(['人大常委会', '安阳街道', '人大代表', '联络站', '12345热线']),
    );
    expect(defaultSegmenter().name).toBe('jieba');
  });

  it('falls back to Intl.Segmenter and still keeps dictionary words whole', () => {
    const choice = createSegmenter({ prefer: 'intl', extraWords: ['万松路'] });
    expect(choice.name).toBe('intl');
    const words = choice.segmenter.cut('塘下镇万松路，噪音扰民！');
    expect(words).toEqual(expect.arrayContaining(['塘下镇', '万松路']));
    expect(words).not.toContain('，');
  });

  it('accepts extra words (unit and department names from the database)', () => {
    const plain = createSegmenter({ withoutDomainDictionary: true }).segmenter.cut('飞云江治水办公室');
    const withWord = createSegmenter({ withoutDomainDictionary: true, extraWords: ['飞云江治水办公室'] }).segmenter.cut('飞云江治水办公室');
    expect(plain).not.toEqual(['飞云江治水办公室']);
    expect(withWord).toEqual(['飞云江治水办公室']);
  });

  it('merges adjacent segments into dictionary words, longest first', () => {
    expect(mergeDictionaryWords(['安阳', '街道', '万', '松', '路'], new Set(['安阳街道', '万松路', '万松']))).toEqual(['安阳街道', '万松路']);
    expect(new IntlSegmenter().cut('')).toEqual([]);
  });

  it('derives short forms and the jieba user dictionary', () => {
    expect(withShortForms(['安阳街道人大代表联络站', '市公安局'])).toEqual(['安阳街道人大代表联络站', '安阳街道', '市公安局', '公安局']);
    expect(jiebaUserDictionary(['路灯', ' ', 'a b'])).toBe('路灯 200000');
    expect(segmenterWords({ withoutDomainDictionary: true })).toEqual([]);
  });
});
