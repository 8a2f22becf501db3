/**
 * The segmenter port: everything that needs Chinese words asks a {@link Segmenter}. Two adapters
 * exist: jieba (native, see `jieba-segmenter.ts`) and the ICU word breaker built into Node
 * (`Intl.Segmenter`), used when the native module cannot load.
 */

/** Splits text into words. Implementations keep punctuation out and never return empty strings. */
export interface Segmenter {
  /** Which adapter this is (`jieba`, `intl`, …), for logs and for the model metadata. */
  readonly name: string;
  /** Cuts `text` into words, in order. Whitespace and punctuation are dropped. */
  cut(text: string): string[];
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** True when a token contains at least one letter or digit (i.e. is not punctuation or space). */
export function isWordToken(token: string): boolean {
  return WORD_CHAR.test(token);
}

/**
 * Merges adjacent segments whose concatenation is a dictionary word (longest match first), so
 * that a word breaker without a user dictionary still keeps 安阳街道 or 12345热线 together.
 */
export function mergeDictionaryWords(segments: readonly string[], dictionary: ReadonlySet<string>, maxParts = 6): string[] {
  if (dictionary.size === 0) return [...segments];
  const out: string[] = [];
  let i = 0;
  while (i < segments.length) {
    let taken = 1;
    let joined = segments[i];
    let candidate = joined;
    for (let n = 2; n <= maxParts && i + n <= segments.length; n++) {
      candidate += segments[i + n - 1];
      if (dictionary.has(candidate)) {
        taken = n;
        joined = candidate;
      }
    }
    out.push(joined);
    i += taken;
  }
  return out;
}

/** Options shared by the segmenter adapters. */
export interface SegmenterOptions {
  /** Extra words (unit, department, place names from the database) on top of the built-in dictionary. */
  extraWords?: readonly string[];
  /** Leave out the built-in domain dictionary (tests). */
  withoutDomainDictionary?: boolean;
}

/** Segmenter over `Intl.Segmenter('zh', { granularity: 'word' })` plus dictionary merging. */
export class IntlSegmenter implements Segmenter {
  /** Adapter name. */
  readonly name = 'intl';
  private readonly segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
  private readonly dictionary: ReadonlySet<string>;

  /** Creates the segmenter; `dictionary` holds words to keep together. */
  constructor(dictionary: Iterable<string> = []) {
    this.dictionary = new Set(dictionary);
  }

  /** {@inheritDoc Segmenter.cut} */
  cut(text: string): string[] {
    const raw: string[] = [];
    for (const part of this.segmenter.segment(text)) {
      // Keep separators for merging decisions but drop them afterwards.
      raw.push(part.segment);
    }
    return mergeDictionaryWords(raw, this.dictionary).filter((s) => s.trim() !== '' && isWordToken(s));
  }
}
