import { describe, expect, it } from 'vitest';
import { countHotWords, countHotWordsInTurns, HOT_WORD_STEP, isHotWordNoise } from './hot-words';

describe('isHotWordNoise', () => {
  it.each([
    // Counts and clock times: a numeral with a measure word.
    ['两个', true],
    ['三次', true],
    ['几户', true],
    ['六点', true],
    ['七点半', true],
    ['十二月', true],
    ['3个', true],
    ['半小时', true],
    // Relative times and weekdays.
    ['上周', true],
    ['去年', true],
    ['晚上', true],
    ['周三', true],
    ['星期天', true],
    // Adverbs, vague adjectives, the words of every complaint.
    ['容易', true],
    ['经常', true],
    ['严重', true],
    ['问题', true],
    ['希望', true],
    // Single characters and bare numbers.
    ['路', true],
    ['2026', true],
    // Things: kept, including numerals that are part of a name.
    ['三轮车', false],
    ['三轮', false],
    ['一楼', false],
    ['路灯', false],
    ['噪音', false],
    ['停车场', false],
    ['十字路口', false],
  ])('%s → %s', (word, noise) => {
    expect(isHotWordNoise(word)).toBe(noise);
  });
});

describe('countHotWords', () => {
  it('counts texts (not occurrences) and leaves the noise out', () => {
    const words = countHotWords([
      '小区门口两个路灯坏了，晚上六点以后很黑，老人容易摔倒',
      '上周路灯又坏了，路灯杆也歪了，希望尽快处理',
      '前天晚上工地噪音很大，凌晨两点还在施工',
    ]);
    const found = new Map(words.map((w) => [w.word, w.count]));
    expect(found.get('路灯')).toBe(2);
    expect(found.get('噪音')).toBe(1);
    for (const noise of ['两个', '六点', '容易', '上周', '晚上', '前天', '两点', '希望', '尽快', '处理', '很大', '以后'])
      expect(found.has(noise), noise).toBe(false);
    // Most mentioned first.
    expect(words[0]).toEqual({ word: '路灯', count: 2 });
  });

  it('merges a short form into its only longer form, counting a text naming both once', () => {
    const words = countHotWords(['三轮车乱停在人行道上', '三轮乱停放，堵住人行道', '三轮车和三轮挤在路口', '电动车充电']);
    const found = new Map(words.map((w) => [w.word, w.count]));
    expect(found.get('三轮车')).toBe(3);
    expect(found.has('三轮')).toBe(false);
    expect(found.get('人行道')).toBe(2);
  });

  it('keeps a short form that has several longer forms', () => {
    const words = countHotWords(['垃圾桶满了没人清理', '垃圾站臭气熏天', '路边垃圾成堆']);
    const found = new Map(words.map((w) => [w.word, w.count]));
    expect(found.get('垃圾')).toBe(1);
    expect(found.get('垃圾桶')).toBe(1);
    expect(found.get('垃圾站')).toBe(1);
  });

  it('is cut at top, ties in word order', () => {
    const words = countHotWords(['路灯 噪音 停车场', '路灯 噪音', '路灯'], 2);
    expect(words).toEqual([
      { word: '路灯', count: 3 },
      { word: '噪音', count: 2 },
    ]);
  });
});

describe('countHotWordsInTurns', () => {
  it('counts the same words as countHotWords, pausing between steps', async () => {
    const texts = Array.from(
      { length: 2 * HOT_WORD_STEP + 7 },
      (_, n) => ['小区门口路灯坏了', '电动车乱停放在人行道', '垃圾桶满了没人清理'][n % 3] + `第${n}次`,
    );
    let turns = 0;
    const inTurns = await countHotWordsInTurns(texts, 20, async () => {
      turns++;
    });
    expect(inTurns).toEqual(countHotWords(texts, 20));
    expect(turns).toBe(2 + 4);
  });
});
