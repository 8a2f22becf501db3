import { describe, expect, it } from 'vitest';
import { evaluate, formatEvaluation, stratifiedKFold } from './eval';

describe('evaluate', () => {
  it('computes accuracy, macro-F1, per-class metrics and the confusion matrix', () => {
    const r = evaluate(['a', 'a', 'b', 'b', 'c'], ['a', 'b', 'b', 'b', 'a']);
    expect(r.labels).toEqual(['a', 'b', 'c']);
    expect(r.accuracy).toBeCloseTo(3 / 5);
    expect(r.confusion).toEqual([
      [1, 1, 0],
      [0, 2, 0],
      [1, 0, 0],
    ]);
    expect(r.perClass.a).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5, support: 2 });
    expect(r.perClass.b.precision).toBeCloseTo(2 / 3);
    expect(r.perClass.b.f1).toBeCloseTo(0.8);
    expect(r.perClass.c.f1).toBe(0);
    expect(r.macroF1).toBeCloseTo((0.5 + 0.8 + 0) / 3);
    expect(formatEvaluation(r)).toContain('macro-F1');
  });

  it('rejects lists of different lengths', () => {
    expect(() => evaluate(['a'], [])).toThrow();
  });
});

describe('stratifiedKFold', () => {
  const labels = [...'aaaaaaaaaabbbbbcc'];

  it('puts every index in exactly one fold, spreading each label', () => {
    const folds = stratifiedKFold(labels, 5, 1);
    expect(folds.flat().sort((x, y) => x - y)).toEqual(labels.map((_, i) => i));
    for (const fold of folds) expect(fold.filter((i) => labels[i] === 'a')).toHaveLength(2);
  });

  it('is deterministic for a seed and changes with it', () => {
    expect(stratifiedKFold(labels, 3, 9)).toEqual(stratifiedKFold(labels, 3, 9));
    expect(stratifiedKFold(labels, 3, 9)).not.toEqual(stratifiedKFold(labels, 3, 10));
  });
});
