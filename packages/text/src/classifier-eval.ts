/**
 * Measuring the routing classifier: held-out evaluation and deterministic stratified k-fold
 * cross-validation, with training time and prediction time per message. Timing uses
 * `performance.now()` (a duration, not the wall clock).
 */
import { evaluate, stratifiedKFold, type Evaluation } from './eval';
import { trainClassifier, type ClassifierTrainOptions, type LabelledText } from './classifier';

/** An evaluation plus timings. */
export interface ClassifierReport extends Evaluation {
  /** Seconds to train (mean per fold under cross-validation). */
  trainSeconds: number;
  /** Milliseconds to predict one message (mean). */
  msPerMessage: number;
  /** Number of folds (0 for a held-out test set). */
  folds: number;
}

/** Trains on `train` and evaluates on `test`. */
export function evaluateHoldout(train: readonly LabelledText[], test: readonly LabelledText[], options: ClassifierTrainOptions = {}): ClassifierReport {
  const t0 = performance.now();
  const model = trainClassifier(train, options);
  const t1 = performance.now();
  const predicted = test.map((item) => model.predictLabel(item));
  const t2 = performance.now();
  const labels = [...new Set([...train.map((i) => i.label), ...test.map((i) => i.label)])].sort();
  return {
    ...evaluate(
      test.map((i) => i.label),
      predicted,
      labels,
    ),
    trainSeconds: (t1 - t0) / 1000,
    msPerMessage: test.length ? (t2 - t1) / test.length : 0,
    folds: 0,
  };
}

/** Stratified k-fold cross-validation (deterministic for a seed); metrics are over all out-of-fold predictions. */
export function crossValidate(items: readonly LabelledText[], folds = 5, options: ClassifierTrainOptions = {}, seed = 42): ClassifierReport {
  const split = stratifiedKFold(
    items.map((i) => i.label),
    folds,
    seed,
  );
  const truth: string[] = [];
  const predicted: string[] = [];
  let trainMs = 0;
  let predictMs = 0;
  for (const test of split) {
    const inTest = new Set(test);
    const t0 = performance.now();
    const model = trainClassifier(
      items.filter((_, i) => !inTest.has(i)),
      options,
    );
    const t1 = performance.now();
    for (const i of test) {
      truth.push(items[i].label);
      predicted.push(model.predictLabel(items[i]));
    }
    trainMs += t1 - t0;
    predictMs += performance.now() - t1;
  }
  const labels = [...new Set(items.map((i) => i.label))].sort();
  return { ...evaluate(truth, predicted, labels), trainSeconds: trainMs / folds / 1000, msPerMessage: items.length ? predictMs / items.length : 0, folds };
}
