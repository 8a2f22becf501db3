/**
 * A small Chinese stop-word list for indexing: function words and fillers that carry no meaning
 * for search or classification. Content words that are merely common (问题, 小区) are kept so that
 * searching them still works.
 */

/** Built-in stop words. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    '的 了 着 过 和 与 及 或 而 且 并 但 是 在 有 也 都 就 又 还 再 才 很 太 更 最 把 被 让 给 对 于 从 向 为 以 因 由 ' +
    '这 那 这个 那个 这些 那些 这样 那样 这里 那里 这种 哪 哪些 什么 怎么 怎样 如何 为何 为什么 ' +
    '我 我们 你 你们 您 他 他们 她 她们 它 它们 自己 大家 咱们 ' +
    '吗 呢 吧 啊 呀 哦 哈 嘛 么 啦 之 其 所 等 等等 个 一 一个 一些 一下 一直 已 已经 曾经 ' +
    '如果 虽然 但是 因为 所以 而且 并且 或者 还是 然后 以及 及其 即 便 则 就是 只是 不过 ' +
    '可以 可能 能够 应该 需要 非常 十分 特别 比较 一样 没有 不是 不 没 要 会 能 将 对于 关于 ' +
    '请 请问 您好 你好 谢谢 感谢 尊敬 领导 各位 现在 目前 时候 时 后 前 上 下 中 里 内 外 ' +
    'the a an of to and or in on for is are be'
  ).split(/\s+/),
);

/** True when `word` is a stop word. */
export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}
