/**
 * Softmax: turns scores into probabilities that sum to 1.
 */

/** In-place, numerically stable softmax of `scores`. */
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
