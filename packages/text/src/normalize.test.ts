import { describe, expect, it } from 'vitest';
import { asciiPunctuation, normalizeForMatch, normalizeNumbers, normalizeText, toHalfWidth, unifyWhitespace } from './normalize';

describe('normalize', () => {
  it.each([
    ['ＡＢＣ１２３', 'ABC123'],
    ['地铁３号线', '地铁3号线'],
    ['１２３４５热线', '12345热线'],
    ['（一）', '(一)'],
    ['ｗｉｆｉ，', 'wifi,'],
    ['a\u3000b', 'a b'],
  ])('toHalfWidth(%s) = %s', (input, expected) => {
    expect(toHalfWidth(input)).toBe(expected);
  });

  it('unifies whitespace of every kind', () => {
    expect(unifyWhitespace('  路灯\t\n坏了\u00a0\u3000好几天\u200b ')).toBe('路灯 坏了 好几天');
  });

  it('maps Chinese punctuation to ASCII only when asked', () => {
    expect(asciiPunctuation('您好，请问：何时修？《条例》')).toBe('您好,请问:何时修?<条例>');
    expect(normalizeText('您好，请问ＡＢＣ')).toBe('您好，请问ABC');
    expect(toHalfWidth('ＡＢ，', true)).toBe('AB，');
    expect(normalizeText('您好，请问！', { punctuation: 'space' })).toBe('您好 请问');
  });

  it('normalises numbers without touching dates or decimals', () => {
    expect(normalizeNumbers('罚款1,234,567元')).toBe('罚款1234567元');
    expect(normalizeNumbers('第①条')).toBe('第1条');
    expect(normalizeNumbers('2019-04-25 3.14')).toBe('2019-04-25 3.14');
    expect(normalizeNumbers('1,2,3')).toBe('1,2,3');
    expect(normalizeNumbers('101,102,103室')).toBe('101,102,103室');
    expect(normalizeNumbers('补偿12,000.50')).toBe('补偿12000.50');
  });

  it('normalizeForMatch lower-cases and combines every step', () => {
    expect(normalizeForMatch(' ＷｉＦｉ信号差， 共１，０００户 ')).toBe('wifi信号差, 共1000户');
  });
});
