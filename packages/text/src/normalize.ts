/**
 * Text normalisation applied before segmenting, indexing and matching: full-width → half-width,
 * one kind of whitespace, optional Chinese → ASCII punctuation, and number clean-up.
 */

/** How punctuation is treated by {@link normalizeText}. */
export type PunctuationMode = 'keep' | 'ascii' | 'space';

/** Options of {@link normalizeText}. */
export interface NormalizeOptions {
  /** `keep` (default) leaves Chinese punctuation, `ascii` maps it to ASCII, `space` replaces all punctuation by a space. */
  punctuation?: PunctuationMode;
  /** Lower-case ASCII letters (default false). */
  lowerCase?: boolean;
  /** Normalise numbers: drop thousands separators, map circled/ideographic digits (default true). */
  numbers?: boolean;
}

/** Chinese (and other full-width-only) punctuation mapped to an ASCII equivalent. */
const CJK_PUNCTUATION: Readonly<Record<string, string>> = {
  '，': ',',
  '。': '.',
  '、': ',',
  '；': ';',
  '：': ':',
  '？': '?',
  '！': '!',
  '“': '"',
  '”': '"',
  '‘': "'",
  '’': "'",
  '「': '"',
  '」': '"',
  '『': '"',
  '』': '"',
  '《': '<',
  '》': '>',
  '〈': '<',
  '〉': '>',
  '【': '[',
  '】': ']',
  '〔': '[',
  '〕': ']',
  '（': '(',
  '）': ')',
  '—': '-',
  '－': '-',
  '～': '~',
  '…': '...',
  '·': '.',
  '・': '.',
};

const CIRCLED_DIGITS = '①②③④⑤⑥⑦⑧⑨⑩';
const CIRCLED_RE = /[①-⑩]/g;
const FULL_WIDTH = /[\uff01-\uff5e\u3000]/g;
const FULL_WIDTH_ALNUM = /[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\u3000]/g;
const CJK_PUNCTUATION_RE = new RegExp(`[${Object.keys(CJK_PUNCTUATION).join('')}]`, 'g');
const WHITESPACE = /[\s\u00a0\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]+/gu;
const AMOUNT_WITH_SEPARATORS = /(?<![\d.,])\d{1,3}(?:,\d{3})+(?=\.\d|\s*(?:元|块|万|亿|人|户|平|米|公里|千米|次|个|辆|吨|斤|千克|套|间|%))/g;
const PUNCTUATION = /[\p{P}\p{S}]+/gu;

/**
 * Converts full-width ASCII forms (U+FF01–U+FF5E) and the ideographic space to their half-width
 * equivalents. With `alphanumericOnly`, full-width punctuation (，？！（）) is left alone.
 */
export function toHalfWidth(text: string, alphanumericOnly = false): string {
  return text.replace(alphanumericOnly ? FULL_WIDTH_ALNUM : FULL_WIDTH, (ch) => (ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0)));
}

/** Collapses every run of whitespace (including ideographic and zero-width spaces) into one ASCII space and trims. */
export function unifyWhitespace(text: string): string {
  return text.replace(WHITESPACE, ' ').trim();
}

/** Maps Chinese punctuation to ASCII punctuation (，→, 。→. （→( …). */
export function asciiPunctuation(text: string): string {
  return text.replace(CJK_PUNCTUATION_RE, (ch) => CJK_PUNCTUATION[ch]);
}

/**
 * Normalises numbers: circled digits ①→1, and thousands separators 1,234,567→1234567 when an amount
 * or quantity follows (元, 万, 人, 户, 米 …), so that lists such as 101,102,103 are left alone.
 */
export function normalizeNumbers(text: string): string {
  const out = text.replace(CIRCLED_RE, (ch) => String(CIRCLED_DIGITS.indexOf(ch) + 1));
  return out.replace(AMOUNT_WITH_SEPARATORS, (m) => m.replace(/,/g, ''));
}

/**
 * Normalises text for processing. Always: full-width → half-width and one kind of whitespace.
 * The default keeps Chinese punctuation and letter case so the result is still fit for display.
 */
export function normalizeText(text: string, options: NormalizeOptions = {}): string {
  const mode = options.punctuation ?? 'keep';
  let out = toHalfWidth(text, mode === 'keep');
  if (options.numbers !== false) out = normalizeNumbers(out);
  if (mode === 'ascii') out = asciiPunctuation(out);
  else if (mode === 'space') out = out.replace(PUNCTUATION, ' ');
  if (options.lowerCase) out = out.toLowerCase();
  return unifyWhitespace(out);
}

/** Normalisation used before matching and indexing: half-width, ASCII punctuation, lower case, numbers. */
export function normalizeForMatch(text: string): string {
  return normalizeText(text, { punctuation: 'ascii', lowerCase: true, numbers: true });
}
