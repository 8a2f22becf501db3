/**
 * One-vs-rest linear SVM (L2-regularised, squared hinge loss) trained by dual coordinate descent
 * (Hsieh et al. 2008, as in LIBLINEAR). Deterministic for a given seed.
 */
import { type SparseVector } from './features';
import { seededRandom, shuffleInPlace } from './random';

/** Options of {@link trainLinearSvm}. */
export interface LinearSvmOptions {
  /** Cost C: larger fits the training data more closely (default 1). */
  cost?: number;
  /** Maximum passes over the data per class (default 50). */
  maxIterations?: number;
  /** Stop when the projected-gradient spread falls below this (default 0.01). */
  tolerance?: number;
  /** Seed of the visiting order (default 1). */
  seed?: number;
}

/** A trained model: feature-major weights `weights[f * classes + c]` and per-class bias. */
export interface LinearSvmModel {
  /** Number of classes. */
  classes: number;
  /** Number of features. */
  features: number;
  /** Feature-major weights. */
  weights: Float64Array;
  /** Per-class bias (learned as the weight of a constant feature). */
  bias: Float64Array;
}

const BIAS_FEATURE = 1;

function trainBinary(
  xs: readonly SparseVector[],
  y: Int8Array,
  features: number,
  costs: Float64Array,
  options: LinearSvmOptions,
): { w: Float64Array; b: number } {
  const w = new Float64Array(features);
  let b = 0;
  const n = xs.length;
  const alpha = new Float64Array(n);
  const qd = new Float64Array(n);
  const diag = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    diag[i] = 0.5 / costs[i];
    let sq = BIAS_FEATURE * BIAS_FEATURE;
    for (const v of xs[i].val) sq += v * v;
    qd[i] = sq + diag[i];
  }
  const order = Array.from({ length: n }, (_, i) => i);
  const random = seededRandom(options.seed ?? 1);
  const maxIterations = options.maxIterations ?? 50;
  const tolerance = options.tolerance ?? 0.01;
  for (let iter = 0; iter < maxIterations; iter++) {
    shuffleInPlace(order, random);
    let maxPg = -Infinity;
    let minPg = Infinity;
    for (const i of order) {
      const x = xs[i];
      let dot = b * BIAS_FEATURE;
      for (let k = 0; k < x.idx.length; k++) dot += w[x.idx[k]] * x.val[k];
      const g = y[i] * dot - 1 + diag[i] * alpha[i];
      const pg = alpha[i] === 0 ? Math.min(g, 0) : g;
      if (pg > maxPg) maxPg = pg;
      if (pg < minPg) minPg = pg;
      if (Math.abs(pg) > 1e-12) {
        const old = alpha[i];
        alpha[i] = Math.max(old - g / qd[i], 0);
        const d = (alpha[i] - old) * y[i];
        for (let k = 0; k < x.idx.length; k++) w[x.idx[k]] += d * x.val[k];
        b += d * BIAS_FEATURE;
      }
    }
    if (maxPg - minPg < tolerance) break;
  }
  return { w, b };
}

/** Trains one binary SVM per class on vectors `xs` with class indices `ys` and optional sample weights. */
export function trainLinearSvm(
  xs: readonly SparseVector[],
  ys: readonly number[],
  classes: number,
  features: number,
  options: LinearSvmOptions = {},
  sampleWeights?: readonly number[],
): LinearSvmModel {
  const cost = options.cost ?? 1;
  const costs = Float64Array.from(xs, (_, i) => cost * (sampleWeights ? sampleWeights[i] : 1));
  const weights = new Float64Array(features * classes);
  const bias = new Float64Array(classes);
  for (let c = 0; c < classes; c++) {
    const y = Int8Array.from(ys, (label) => (label === c ? 1 : -1));
    const { w, b } = trainBinary(xs, y, features, costs, { ...options, seed: (options.seed ?? 1) + c });
    for (let f = 0; f < features; f++) weights[f * classes + c] = w[f];
    bias[c] = b;
  }
  return { classes, features, weights, bias };
}

/** Decision values of `x`, one per class (higher is more likely). */
export function linearSvmScores(model: LinearSvmModel, x: SparseVector): Float64Array {
  const C = model.classes;
  const out = Float64Array.from(model.bias);
  for (let k = 0; k < x.idx.length; k++) {
    const base = x.idx[k] * C;
    for (let c = 0; c < C; c++) out[c] += x.val[k] * model.weights[base + c];
  }
  return out;
}
