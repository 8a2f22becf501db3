/**
 * Complement Naive Bayes (Rennie et al. 2003) on TF-IDF vectors: a strong baseline for small,
 * unbalanced text classes, used in the classifier's ensemble.
 */
import { type SparseVector } from './features';

/** A trained Complement NB model: feature-major normalised log weights. */
export interface ComplementNbModel {
  /** Number of classes. */
  classes: number;
  /** Number of features. */
  features: number;
  /** `weights[f * classes + c]`; lower total means more likely class `c`. */
  weights: Float64Array;
}

/** Trains Complement NB with additive smoothing `alpha` (default 0.3) and weight normalisation. */
export function trainComplementNb(
  xs: readonly SparseVector[],
  ys: readonly number[],
  classes: number,
  features: number,
  alpha = 0.3,
  sampleWeights?: readonly number[],
): ComplementNbModel {
  const C = classes;
  const perClass = new Float64Array(features * C);
  const total = new Float64Array(features);
  xs.forEach((x, i) => {
    const sw = sampleWeights ? sampleWeights[i] : 1;
    for (let k = 0; k < x.idx.length; k++) {
      const f = x.idx[k];
      perClass[f * C + ys[i]] += x.val[k] * sw;
      total[f] += x.val[k] * sw;
    }
  });
  let grand = 0;
  for (const v of total) grand += v;
  const classTotal = new Float64Array(C);
  for (let f = 0; f < features; f++) for (let c = 0; c < C; c++) classTotal[c] += perClass[f * C + c];
  const weights = new Float64Array(features * C);
  const absSum = new Float64Array(C);
  for (let f = 0; f < features; f++) {
    for (let c = 0; c < C; c++) {
      const comp = total[f] - perClass[f * C + c] + alpha;
      const compTotal = grand - classTotal[c] + alpha * features;
      const w = Math.log(comp / compTotal);
      weights[f * C + c] = w;
      absSum[c] += Math.abs(w);
    }
  }
  for (let f = 0; f < features; f++) for (let c = 0; c < C; c++) weights[f * C + c] /= absSum[c];
  return { classes: C, features, weights };
}

/** Class scores of `x`: higher is more likely (the negated complement likelihood). */
export function complementNbScores(model: ComplementNbModel, x: SparseVector): Float64Array {
  const C = model.classes;
  const out = new Float64Array(C);
  for (let k = 0; k < x.idx.length; k++) {
    const base = x.idx[k] * C;
    for (let c = 0; c < C; c++) out[c] -= x.val[k] * model.weights[base + c];
  }
  return out;
}
