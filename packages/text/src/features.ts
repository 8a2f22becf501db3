/**
 * Text → sparse TF-IDF vectors for the classifier and the similarity index: character n-grams
 * (1–3) of the normalised text, optionally segmenter words, with a vocabulary and IDF fitted on a
 * corpus (labelled and unlabelled text alike — no labels are needed for it).
 */
import { normalizeForMatch } from './normalize';
import { type Segmenter } from './segmenter';
import { isStopWord } from './stop-words';

/** A sparse vector: parallel arrays of feature indices (unordered, unique) and values. */
export interface SparseVector {
  /** Feature indices (unique). */
  idx: Int32Array;
  /** Values, same length as `idx`. */
  val: Float64Array;
}

/** Configuration of the feature extractor (stored with a model). */
export interface FeatureConfig {
  /** Smallest character n-gram (default 1). */
  minN: number;
  /** Largest character n-gram (default 3). */
  maxN: number;
  /** Add segmenter words as features (needs a segmenter). */
  words: boolean;
  /** Count the title this many times (it is short and dense with meaning). */
  titleWeight: number;
  /** Also add the title's n-grams as separate `t:` features (the title alone is a strong signal). */
  titleFeatures: boolean;
  /** Drop features seen in fewer documents than this when fitting. */
  minDf: number;
  /** Use 1 + log(tf) instead of raw counts. */
  sublinearTf: boolean;
}

/** Defaults of {@link FeatureConfig}. */
export const DEFAULT_FEATURE_CONFIG: FeatureConfig = { minN: 1, maxN: 3, words: false, titleWeight: 2, titleFeatures: false, minDf: 2, sublinearTf: true };

/** A text to featurise: a title and/or a body. */
export interface TextInput {
  /** Short title (weighted by {@link FeatureConfig.titleWeight}). */
  title?: string;
  /** Body text. */
  body?: string;
}

const RUN = /[\p{Script=Han}]+|[a-z]+|\d+/gu;

/** Character n-gram terms of one text (lower-cased, digits collapsed to `#`, n-grams inside runs of Han characters). */
export function charNgrams(text: string, minN: number, maxN: number, into: Map<string, number>, weight = 1, prefix = ''): void {
  const norm = normalizeForMatch(text);
  for (const m of norm.matchAll(RUN)) {
    const run = m[0];
    if (/^\d/.test(run)) {
      into.set(`${prefix}#`, (into.get(`${prefix}#`) ?? 0) + weight);
      continue;
    }
    if (/^[a-z]/.test(run)) {
      into.set(prefix + run, (into.get(prefix + run) ?? 0) + weight);
      continue;
    }
    // Most Han characters are one UTF-16 unit; only split into code points when needed.
    const chars = /[\ud800-\udfff]/.test(run) ? Array.from(run) : null;
    const length = chars ? chars.length : run.length;
    for (let n = minN; n <= maxN; n++) {
      for (let i = 0; i + n <= length; i++) {
        const key = prefix + (chars ? chars.slice(i, i + n).join('') : run.substring(i, i + n));
        into.set(key, (into.get(key) ?? 0) + weight);
      }
    }
  }
}

/** Raw term counts of a text according to `config`. Word features are prefixed with `w:`. */
export function termCounts(input: TextInput, config: FeatureConfig, segmenter?: Segmenter): Map<string, number> {
  const counts = new Map<string, number>();
  if (input.title) charNgrams(input.title, config.minN, config.maxN, counts, config.titleWeight);
  if (input.body) charNgrams(input.body, config.minN, config.maxN, counts, 1);
  if (input.title && config.titleFeatures) charNgrams(input.title, config.minN, config.maxN, counts, 1, 't:');
  if (config.words && segmenter) {
    const add = (text: string | undefined, w: number) => {
      if (!text) return;
      for (const word of segmenter.cut(normalizeForMatch(text))) {
        if (word.length < 2 || isStopWord(word)) continue;
        const key = `w:${word}`;
        counts.set(key, (counts.get(key) ?? 0) + w);
      }
    };
    add(input.title, config.titleWeight);
    add(input.body, 1);
  }
  return counts;
}

/** A fitted vocabulary with IDF weights; turns texts into L2-normalised TF-IDF vectors. */
export class TfidfVectorizer {
  private constructor(
    /** Configuration used to extract terms. */
    readonly config: FeatureConfig,
    /** Term → feature index. */
    readonly vocabulary: Map<string, number>,
    /** IDF per feature index. */
    readonly idf: Float64Array,
    private readonly segmenter?: Segmenter,
  ) {}

  /** Fits vocabulary and IDF on `corpus` (pre-computed term counts). */
  static fit(corpus: readonly Map<string, number>[], config: FeatureConfig, segmenter?: Segmenter): TfidfVectorizer {
    const df = new Map<string, number>();
    for (const doc of corpus) for (const term of doc.keys()) df.set(term, (df.get(term) ?? 0) + 1);
    const terms = [...df.entries()].filter(([, n]) => n >= config.minDf).map(([t]) => t);
    terms.sort();
    const vocabulary = new Map<string, number>();
    const idf = new Float64Array(terms.length);
    const n = corpus.length;
    terms.forEach((t, i) => {
      vocabulary.set(t, i);
      idf[i] = Math.log((1 + n) / (1 + df.get(t)!)) + 1;
    });
    return new TfidfVectorizer(config, vocabulary, idf, segmenter);
  }

  /** Rebuilds a vectorizer from stored parts. */
  static restore(config: FeatureConfig, terms: readonly string[], idf: readonly number[], segmenter?: Segmenter): TfidfVectorizer {
    const vocabulary = new Map<string, number>();
    terms.forEach((t, i) => vocabulary.set(t, i));
    return new TfidfVectorizer(config, vocabulary, Float64Array.from(idf), segmenter);
  }

  /** Number of features. */
  get size(): number {
    return this.idf.length;
  }

  /** Term counts of `input` under this vectorizer's configuration. */
  counts(input: TextInput): Map<string, number> {
    return termCounts(input, this.config, this.segmenter);
  }

  /** The L2-normalised TF-IDF vector of pre-computed term counts (unknown terms are ignored). */
  vectorizeCounts(counts: Map<string, number>): SparseVector {
    const idx = new Int32Array(counts.size);
    const val = new Float64Array(counts.size);
    let n = 0;
    let norm = 0;
    for (const [term, tf] of counts) {
      const i = this.vocabulary.get(term);
      if (i === undefined) continue;
      const w = (this.config.sublinearTf ? 1 + Math.log(tf) : tf) * this.idf[i];
      idx[n] = i;
      val[n++] = w;
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (let k = 0; k < n; k++) val[k] /= norm;
    return { idx: idx.slice(0, n), val: val.slice(0, n) };
  }

  /** The L2-normalised TF-IDF vector of `input`. */
  vectorize(input: TextInput): SparseVector {
    return this.vectorizeCounts(this.counts(input));
  }

  /** Terms in index order (for serialisation). */
  terms(): string[] {
    const out = new Array<string>(this.size);
    for (const [t, i] of this.vocabulary) out[i] = t;
    return out;
  }
}
