/**
 * Evaluation of a classifier: accuracy, macro-F1, per-class precision/recall/F1, confusion
 * matrix, and deterministic stratified k-fold splits.
 */
import { seededRandom, shuffleInPlace } from './random';

/** Precision, recall and F1 of one class. */
export interface ClassMetrics {
  /** Of the items predicted as this class, the share that are. */
  precision: number;
  /** Of the items of this class, the share predicted as it. */
  recall: number;
  /** Harmonic mean of precision and recall (0 when both are 0). */
  f1: number;
  /** Number of items truly of this class. */
  support: number;
}

/** The result of {@link evaluate}. */
export interface Evaluation {
  /** Share of correct predictions. */
  accuracy: number;
  /** Unweighted mean of the per-class F1 over the labels. */
  macroF1: number;
  /** Metrics per label. */
  perClass: Record<string, ClassMetrics>;
  /** Labels in the order of the confusion matrix rows and columns. */
  labels: string[];
  /** `confusion[i][j]`: items of label i predicted as label j. */
  confusion: number[][];
}

/**
 * Compares predictions with the truth. `labels` fixes the label order (default: every label seen
 * in either list, sorted).
 */
export function evaluate(truth: readonly string[], predicted: readonly string[], labels?: readonly string[]): Evaluation {
  if (truth.length !== predicted.length) throw new Error(`evaluate: ${truth.length} labels vs ${predicted.length} predictions`);
  const order = labels ? [...labels] : [...new Set([...truth, ...predicted])].sort();
  const index = new Map(order.map((l, i) => [l, i]));
  const confusion = order.map(() => order.map(() => 0));
  let correct = 0;
  truth.forEach((t, i) => {
    const p = predicted[i];
    if (t === p) correct++;
    const ti = index.get(t);
    const pi = index.get(p);
    if (ti !== undefined && pi !== undefined) confusion[ti][pi]++;
  });
  const perClass: Record<string, ClassMetrics> = {};
  let f1Sum = 0;
  order.forEach((label, i) => {
    const tp = confusion[i][i];
    const support = confusion[i].reduce((a, b) => a + b, 0);
    const predictedCount = confusion.reduce((a, row) => a + row[i], 0);
    const precision = predictedCount ? tp / predictedCount : 0;
    const recall = support ? tp / support : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    perClass[label] = { precision, recall, f1, support };
    f1Sum += f1;
  });
  return { accuracy: truth.length ? correct / truth.length : 0, macroF1: order.length ? f1Sum / order.length : 0, perClass, labels: order, confusion };
}

/**
 * Deterministic stratified k-fold split: returns, per fold, the indices of its test items. Every
 * index appears in exactly one fold and each label is spread evenly over the folds.
 */
export function stratifiedKFold(labels: readonly string[], folds: number, seed = 42): number[][] {
  if (folds < 2) throw new Error('stratifiedKFold: need at least 2 folds');
  const random = seededRandom(seed);
  const byLabel = new Map<string, number[]>();
  labels.forEach((l, i) => {
    const list = byLabel.get(l) ?? [];
    list.push(i);
    byLabel.set(l, list);
  });
  const out: number[][] = Array.from({ length: folds }, () => []);
  let offset = 0;
  for (const label of [...byLabel.keys()].sort()) {
    const members = shuffleInPlace(byLabel.get(label)!, random);
    members.forEach((item, k) => out[(k + offset) % folds].push(item));
    offset += members.length;
  }
  return out.map((fold) => fold.sort((a, b) => a - b));
}

/** Pads `text` with spaces to `width` terminal columns (Han and full-width characters count two). */
export function padDisplay(text: string, width: number): string {
  let columns = 0;
  for (const ch of text) columns += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return text + ' '.repeat(Math.max(1, width - columns));
}

/** Formats an evaluation as a plain-text report (metrics table and confusion matrix). */
export function formatEvaluation(result: Evaluation): string {
  const pct = (v: number) => (v * 100).toFixed(1).padStart(6);
  const lines = [`accuracy ${pct(result.accuracy)}%   macro-F1 ${pct(result.macroF1)}%`, '', `${padDisplay('label', 20)} precision  recall     F1  support`];
  for (const label of result.labels) {
    const m = result.perClass[label];
    lines.push(`${padDisplay(label, 20)} ${pct(m.precision)}  ${pct(m.recall)} ${pct(m.f1)}  ${String(m.support).padStart(7)}`);
  }
  lines.push('', 'confusion (rows: truth, columns: predicted, same order as above)');
  result.confusion.forEach((row, i) => lines.push(`${String(i + 1).padStart(2)} ${row.map((n) => String(n).padStart(4)).join('')}`));
  return lines.join('\n');
}
