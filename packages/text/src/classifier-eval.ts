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

/** Cross-validation repeated over several fold seeds: the report of each and their mean. */
export interface RepeatedReport {
  /** Fold seeds, in order. */
  seeds: number[];
  /** One report per seed. */
  runs: ClassifierReport[];
  /** Mean macro-F1 over the seeds. */
  macroF1: number;
  /** Sample standard deviation of the macro-F1 over the seeds (0 for one seed). */
  macroF1Sd: number;
  /** Mean accuracy over the seeds. */
  accuracy: number;
  /** Mean seconds to train one fold. */
  trainSeconds: number;
  /** Mean milliseconds to predict one message. */
  msPerMessage: number;
}

/**
 * Repeats {@link crossValidate} with fold (and training) seeds `seed`, `seed + 1`, …: one split
 * of 495 items moves macro-F1 by a point or more, so a single seed can flatter or sink a change.
 */
export function crossValidateRepeated(
  items: readonly LabelledText[],
  folds: number,
  repeats: number,
  options: ClassifierTrainOptions = {},
  seed = 42,
): RepeatedReport {
  if (!Number.isInteger(repeats) || repeats < 1) throw new Error('crossValidateRepeated: repeats must be a positive integer');
  const seeds = Array.from({ length: repeats }, (_, i) => seed + i);
  const runs = seeds.map((s) => crossValidate(items, folds, { ...options, seed: s }, s));
  const mean = (pick: (r: ClassifierReport) => number) => runs.reduce((a, r) => a + pick(r), 0) / runs.length;
  const macroF1 = mean((r) => r.macroF1);
  const variance = runs.length > 1 ? runs.reduce((a, r) => a + (r.macroF1 - macroF1) ** 2, 0) / (runs.length - 1) : 0;
  return {
    seeds,
    runs,
    macroF1,
    macroF1Sd: Math.sqrt(variance),
    accuracy: mean((r) => r.accuracy),
    trainSeconds: mean((r) => r.trainSeconds),
    msPerMessage: mean((r) => r.msPerMessage),
  };
}

/** Per-class metrics averaged over the runs of a {@link RepeatedReport} and their confusion matrices summed. */
export function pooledReport(repeated: RepeatedReport): ClassifierReport {
  const [first] = repeated.runs;
  const n = repeated.runs.length;
  const perClass: ClassifierReport['perClass'] = {};
  for (const label of first.labels) {
    const all = repeated.runs.map((r) => r.perClass[label]);
    const mean = (pick: (m: (typeof all)[number]) => number) => all.reduce((a, m) => a + pick(m), 0) / n;
    perClass[label] = { precision: mean((m) => m.precision), recall: mean((m) => m.recall), f1: mean((m) => m.f1), support: first.perClass[label].support };
  }
  const confusion = first.labels.map((_, i) => first.labels.map((__, j) => repeated.runs.reduce((a, r) => a + r.confusion[i][j], 0)));
  return {
    accuracy: repeated.accuracy,
    macroF1: repeated.macroF1,
    perClass,
    labels: first.labels,
    confusion,
    trainSeconds: repeated.trainSeconds,
    msPerMessage: repeated.msPerMessage,
    folds: first.folds,
  };
}
