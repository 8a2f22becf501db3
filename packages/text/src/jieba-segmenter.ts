/**
 * The jieba adapter of the segmenter port (@node-rs/jieba 2, a prebuilt native module) and
 * {@link createSegmenter}, which falls back to the ICU word breaker when the module cannot load.
 * The native module is loaded lazily through `process.getBuiltinModule('node:module')`, so this
 * file can be bundled for browsers (where it simply reports the fallback).
 */
import { DOMAIN_DICTIONARY, withShortForms } from './domain-dictionary';
import { IntlSegmenter, isWordToken, type Segmenter, type SegmenterOptions } from './segmenter';

interface JiebaInstance {
  cut(sentence: string, hmm?: boolean): string[];
  loadDict(dict: Uint8Array): void;
}
interface JiebaModule {
  Jieba: { withDict(dict: Uint8Array): JiebaInstance };
}
interface JiebaDictModule {
  dict: Uint8Array;
}

/** Frequency given to dictionary words: high enough that jieba keeps them whole. */
const USER_WORD_FREQUENCY = 200_000;

type NodeRequire = (id: string) => unknown;

function nodeRequire(): NodeRequire {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const mod = proc?.getBuiltinModule?.('node:module') as { createRequire(url: string): NodeRequire } | undefined;
  if (!mod) throw new Error('node:module is not available (not running on Node 20.16+)');
  return mod.createRequire(import.meta.url);
}

/** Builds the jieba user-dictionary text (`word frequency` per line) for `words`. */
export function jiebaUserDictionary(words: readonly string[]): string {
  return words
    .map((w) => w.trim())
    .filter((w) => w && !/\s/.test(w))
    .map((w) => `${w} ${USER_WORD_FREQUENCY}`)
    .join('\n');
}

/** Segmenter over jieba (HMM on, for unknown words such as road names). */
export class JiebaSegmenter implements Segmenter {
  /** Adapter name. */
  readonly name = 'jieba';

  private constructor(private readonly jieba: JiebaInstance) {}

  /**
   * Loads the native module with its default dictionary plus `words`. Throws when the native
   * module cannot be loaded (wrong platform, missing binary).
   */
  static load(words: readonly string[]): JiebaSegmenter {
    const require = nodeRequire();
    const { Jieba } = require('@node-rs/jieba') as JiebaModule;
    const { dict } = require('@node-rs/jieba/dict') as JiebaDictModule;
    const jieba = Jieba.withDict(dict);
    if (words.length) jieba.loadDict(new TextEncoder().encode(jiebaUserDictionary(words)));
    return new JiebaSegmenter(jieba);
  }

  /** {@inheritDoc Segmenter.cut} */
  cut(text: string): string[] {
    return this.jieba.cut(text, true).filter((s) => s.trim() !== '' && isWordToken(s));
  }
}

/** Options of {@link createSegmenter}. */
export interface CreateSegmenterOptions extends SegmenterOptions {
  /** Force an adapter: `intl` skips jieba (tests, browsers). Default `auto`. */
  prefer?: 'auto' | 'jieba' | 'intl';
}

/** The segmenter chosen by {@link createSegmenter} and why. */
export interface SegmenterChoice {
  /** The segmenter to use. */
  segmenter: Segmenter;
  /** `jieba` or `intl`. */
  name: string;
  /** Why the fallback was used, when it was. */
  fallbackReason?: string;
}

/** The dictionary words for a segmenter: built-in domain words (unless excluded), extra words, short forms. */
export function segmenterWords(options: SegmenterOptions = {}): string[] {
  const base = options.withoutDomainDictionary ? [] : DOMAIN_DICTIONARY;
  return withShortForms([...base, ...(options.extraWords ?? [])]);
}

/** Creates the best available segmenter: jieba with the domain dictionary, else `Intl.Segmenter`. */
export function createSegmenter(options: CreateSegmenterOptions = {}): SegmenterChoice {
  const words = segmenterWords(options);
  const prefer = options.prefer ?? 'auto';
  if (prefer !== 'intl') {
    try {
      const segmenter = JiebaSegmenter.load(words);
      return { segmenter, name: segmenter.name };
    } catch (error) {
      if (prefer === 'jieba') throw error;
      const segmenter = new IntlSegmenter(words);
      return { segmenter, name: segmenter.name, fallbackReason: error instanceof Error ? error.message : String(error) };
    }
  }
  const segmenter = new IntlSegmenter(words);
  return { segmenter, name: segmenter.name, fallbackReason: 'intl requested' };
}

let shared: SegmenterChoice | undefined;

/** A process-wide segmenter with the built-in dictionary, created on first use. */
export function defaultSegmenter(): Segmenter {
  shared ??= createSegmenter();
  return shared.segmenter;
}
