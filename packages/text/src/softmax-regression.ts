/**
 * Multinomial logistic regression on sparse vectors, trained by seeded stochastic gradient
 * descent with L2 regularisation. Its softmax outputs are the class probabilities of the
 * routing classifier.
 */
import { type SparseVector } from './features';
import { seededRandom, shuffleInPlace } from './random';

/** Training options of {@link trainSoftmaxRegression}. */
export interface SoftmaxTrainOptions {
  /** Passes over the data (default 30). */
  epochs?: number;
  /** L2 strength λ (default 1e-4). */
  l2?: number;
  /** Initial learning rate (default 0.5). */
  learningRate?: number;
  /** Seed of the shuffles (default 1). */
  seed?: number;
}

/** A trained model: weights stored feature-major (`weights[f * classes + c]`). */
export interface SoftmaxModel {
  /** Number of classes. */
  classes: number;
  /** Number of features. */
  features: number;
  /** Feature-major weights, length `features * classes`. */
  weights: Float64Array;
  /** Per-class bias. */
  bias: Float64Array;
}

/** In-place softmax of `scores`. */
export function softmaxInPlace(scores: Float64Array | number[]): void {
  let max = -Infinity;
  for (const s of scores) if (s > max) max = s;
  let sum = 0;
  for (let c = 0; c < scores.length; c++) {
    scores[c] = Math.exp(scores[c] - max);
    sum += scores[c];
  }
  for (let c = 0; c < scores.length; c++) scores[c] /= sum;
}

/** Raw class scores (logits) of `x`. */
export function softmaxScores(model: SoftmaxModel, x: SparseVector, out = new Float64Array(model.classes)): Float64Array {
  const C = model.classes;
  out.set(model.bias);
  for (let k = 0; k < x.idx.length; k++) {
    const base = x.idx[k] * C;
    const v = x.val[k];
    for (let c = 0; c < C; c++) out[c] += v * model.weights[base + c];
  }
  return out;
}

/** Class probabilities of `x` (sum to 1). */
export function softmaxPredict(model: SoftmaxModel, x: SparseVector): Float64Array {
  const scores = softmaxScores(model, x);
  softmaxInPlace(scores);
  return scores;
}

/**
 * Trains on vectors `xs` with class indices `ys` and optional per-sample weights (pseudo-labels
 * get less). Deterministic for a given seed.
 */
export function trainSoftmaxRegression(
  xs: readonly SparseVector[],
  ys: readonly number[],
  classes: number,
  features: number,
  options: SoftmaxTrainOptions = {},
  sampleWeights?: readonly number[],
): SoftmaxModel {
  const epochs = options.epochs ?? 30;
  const lambda = options.l2 ?? 1e-4;
  const eta0 = options.learningRate ?? 0.5;
  const random = seededRandom(options.seed ?? 1);
  const C = classes;
  const weights = new Float64Array(features * C);
  const bias = new Float64Array(C);
  // True weights are `scale * weights`: L2 decay multiplies `scale` instead of every weight.
  let scale = 1;
  const order = xs.map((_, i) => i);
  const scores = new Float64Array(C);
  let t = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    shuffleInPlace(order, random);
    for (const i of order) {
      const x = xs[i];
      const eta = eta0 / (1 + eta0 * lambda * t++);
      scores.set(bias);
      for (let k = 0; k < x.idx.length; k++) {
        const base = x.idx[k] * C;
        const v = x.val[k] * scale;
        for (let c = 0; c < C; c++) scores[c] += v * weights[base + c];
      }
      softmaxInPlace(scores);
      const sw = sampleWeights ? sampleWeights[i] : 1;
      scale *= 1 - eta * lambda;
      const step = (eta * sw) / scale;
      for (let c = 0; c < C; c++) {
        const g = scores[c] - (c === ys[i] ? 1 : 0);
        scores[c] = g;
        bias[c] -= eta * sw * g;
      }
      for (let k = 0; k < x.idx.length; k++) {
        const base = x.idx[k] * C;
        const v = x.val[k] * step;
        for (let c = 0; c < C; c++) weights[base + c] -= v * scores[c];
      }
      if (scale < 1e-6) {
        for (let j = 0; j < weights.length; j++) weights[j] *= scale;
        scale = 1;
      }
    }
  }
  if (scale !== 1) for (let j = 0; j < weights.length; j++) weights[j] *= scale;
  return { classes: C, features, weights, bias };
}
