import { describe, expect, it } from 'vitest';
import { gateDecision, minCovered, routingReadiness, type GateInput } from './routing-gate';

describe('routing model gate', () => {
  it.each([
    [15, 8],
    [10, 5],
    [4, 3],
    [2, 2],
  ])('a model must cover %i → %i first-level categories to activate itself', (total, need) => {
    expect(minCovered(total)).toBe(need);
  });

  const good: GateInput = { macroF1: 0.8, fallbackMacroF1: 0.4, previousMacroF1: null, covered: 9, totalCategories: 15, forced: false };
  it.each<[string, Partial<GateInput>, boolean, string]>([
    ['first model, better than the fallback, covering enough', {}, true, 'first_model'],
    // The reported case: 2 of 15 categories, perfect on its own two labels.
    ['2 of 15 categories', { covered: 2, macroF1: 1 }, false, 'few_categories'],
    ['no better than the keyword fallback', { macroF1: 0.4 }, false, 'worse_than_fallback'],
    ['worse than the fallback', { macroF1: 0.3 }, false, 'worse_than_fallback'],
    ['slightly worse than the active model (within 0.01)', { previousMacroF1: 0.805 }, true, 'better'],
    ['worse than the active model', { previousMacroF1: 0.85 }, false, 'worse_than_active'],
    ['forced over few categories', { covered: 2, forced: true }, true, 'forced'],
    ['forced over the fallback', { macroF1: 0.3, forced: true }, true, 'forced'],
    ['forced but fine anyway', { forced: true }, true, 'first_model'],
  ])('%s', (_, change, activated, reasonCode) => {
    expect(gateDecision({ ...good, ...change })).toMatchObject({ activated, reasonCode });
  });

  it('says why training cannot run, with the counts', () => {
    const few = routingReadiness(
      new Map([
        ['城乡建设', 20],
        ['交通运输', 2],
      ]),
      15,
    );
    expect(few).toMatchObject({ ready: false, labelled: 20, categories: 1, minCovered: 8, reasonCode: 'too_few_labels' });
    expect(few.reason).toContain('there are 20 in 1');
    const enough = routingReadiness(
      new Map([
        ['城乡建设', 20],
        ['交通运输', 10],
      ]),
      15,
    );
    expect(enough).toMatchObject({ ready: true, labelled: 30, categories: 2, reasonCode: null, reason: null });
  });
});
