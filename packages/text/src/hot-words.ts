/**
 * Hot words: the words most cases of a window mention, for the cockpit and the big screen.
 * A word cloud only helps when it names things (路灯, 噪音, 三轮车); the general stop words of
 * `stop-words.ts` are tuned for search and keep words that are frequent but say nothing about
 * what is wrong. This drops those (counts with a measure word like 两个 or 六点, times like
 * 上周, and the vocabulary of every complaint: 容易, 希望, 问题) and merges an abbreviation
 * with its full form (三轮 into 三轮车), so one thing is one word with its cases counted once.
 */
import { contentWords } from './search-tokens';
import type { Segmenter } from './segmenter';

/** Numerals (Chinese and Arabic, with 几/数/半/多 for vague amounts). */
const NUMERAL = '[零〇一二两三四五六七八九十百千万亿几数半多\\d.]';
/**
 * Measure words and time units after a numeral. Not 轮 or 楼: 三轮(车) and 一楼 name things.
 * `小时` and `公里` are the two-character ones citizens write.
 */
const MEASURE = '(?:[个件次户位名条座家天年月日号点分秒周岁辆台处栋幢层米元块回遍趟种项批些只张棵根间套份本倍斤亩吨人]|小时|公里|星期)';
/** A count or a clock time: 两个, 三次, 十二月, 六点, 七点半, 几户, 3个, 三个多. */
const COUNT = new RegExp(`^${NUMERAL}+${MEASURE}{1,2}[多半]?$`, 'u');
/** Weekdays: 周一 … 周日, 星期三, 礼拜天. */
const WEEKDAY = /^(?:周|星期|礼拜)[一二三四五六日天末]$/u;

/**
 * Words that are frequent in any complaint and name nothing: relative times, degree adverbs
 * and vague adjectives, and the verbs and nouns of asking for help.
 */
export const HOT_WORD_NOISE: ReadonlySet<string> = new Set(
  // Relative time and times of day.
  (
    '今天 昨天 前天 明天 后天 今年 去年 前年 明年 上周 下周 本周 这周 上月 本月 下月 上个月 这个月 下个月 ' +
    '近期 最近 近日 日前 当天 当时 平时 每天 天天 每次 每年 每月 每周 以后 以前 之前 之后 后来 期间 时间 ' +
    '早上 早晨 上午 中午 下午 晚上 傍晚 凌晨 夜里 夜间 半夜 深夜 白天 开始 结束 至今 ' +
    // Degree and frequency adverbs, vague adjectives.
    '容易 经常 总是 常常 一直 多次 反复 屡次 有时 偶尔 马上 立即 尽快 及时 终于 仍然 依然 还有 ' +
    '严重 很大 很多 许多 不少 大量 一定 根本 完全 真的 实在 确实 相当 有点 一点 一些 ' +
    '相关 有关 其他 其它 各种 一般 正常 附近 周边 这条 那条 这边 那边 一起 所有 ' +
    // Asking for help: in every message, so they tell cases apart by nothing.
    '问题 情况 希望 要求 反映 解决 处理 建议 导致 造成 影响 存在 进行 出现 发现 知道 觉得 认为 ' +
    '市民 群众 居民 老百姓 本人 家里 有人 部门 政府 相关部门 请求 恳请 麻烦'
  ).split(/\s+/),
);

/** True when `word` says nothing about what a case is about (see `HOT_WORD_NOISE`). */
export function isHotWordNoise(word: string): boolean {
  return Array.from(word).length < 2 || /^[\d.]+$/.test(word) || HOT_WORD_NOISE.has(word) || COUNT.test(word) || WEEKDAY.test(word);
}

/** The order of `String.prototype.localeCompare` without arguments. */
const COLLATOR = new Intl.Collator();

/** One hot word: how many texts mention it. */
export interface HotWord {
  word: string;
  count: number;
}

/**
 * The `top` words most texts mention, noise left out, most mentioned first (ties by word).
 * A word that is the start of exactly one longer counted word, one character longer
 * (三轮 / 三轮车, 电动 / 电动车), is the same thing written short: it is merged under the
 * longer form and a text naming both counts once. A word with several longer forms
 * (垃圾: 垃圾桶, 垃圾站) stays on its own, as merging would have to guess which one is meant.
 */
export function countHotWords(texts: Iterable<string>, top = 50, segmenter?: Segmenter): HotWord[] {
  const steps = hotWordSteps(texts, top, segmenter);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Texts segmented between two pauses of {@link countHotWordsInTurns}. */
export const HOT_WORD_STEP = 200;

/**
 * {@link countHotWords} in turns: the same words, {@link HOT_WORD_STEP} texts at a time with
 * `turn()` awaited in between (a server passes a turn of its event loop).
 */
export async function countHotWordsInTurns(texts: Iterable<string>, top: number, turn: () => Promise<void>, segmenter?: Segmenter): Promise<HotWord[]> {
  const steps = hotWordSteps(texts, top, segmenter);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await turn();
  }
}

/** The work of {@link countHotWords}, pausing (yield) every {@link HOT_WORD_STEP} texts. */
function* hotWordSteps(texts: Iterable<string>, top: number, segmenter?: Segmenter): Generator<void, HotWord[]> {
  const mentions = new Map<string, Set<number>>();
  let index = 0;
  for (const text of texts) {
    const n = index++;
    if (n > 0 && n % HOT_WORD_STEP === 0) yield;
    for (const word of segmenter ? contentWords(text, segmenter) : contentWords(text)) {
      if (isHotWordNoise(word)) continue;
      let set = mentions.get(word);
      if (!set) mentions.set(word, (set = new Set()));
      set.add(n);
    }
  }
  yield;
  // Each word under its form one character shorter (三轮车 under 三轮).
  const lengths = new Map<string, number>();
  const extensions = new Map<string, string[]>();
  for (const word of mentions.keys()) {
    const chars = Array.from(word);
    lengths.set(word, chars.length);
    if (chars.length < 3) continue;
    const shorter = chars.slice(0, -1).join('');
    extensions.set(shorter, [...(extensions.get(shorter) ?? []), word]);
  }
  yield;
  // Short forms first: a chain (a → ab → abc) ends under its longest form. (A collator orders as
  // localeCompare does, many times faster over tens of thousands of words.)
  const words = [...mentions.keys()].sort((a, b) => lengths.get(a)! - lengths.get(b)! || COLLATOR.compare(a, b));
  yield;
  for (const word of words) {
    const longer = extensions.get(word);
    if (longer?.length !== 1) continue;
    const target = mentions.get(longer[0])!;
    for (const n of mentions.get(word)!) target.add(n);
    mentions.delete(word);
  }
  yield;
  return [...mentions.entries()]
    .map(([word, set]) => ({ word, count: set.size }))
    .sort((a, b) => b.count - a.count || COLLATOR.compare(a.word, b.word))
    .slice(0, top);
}
