/**
 * When a routing model may be trained, and when a trained one may replace what routes cases
 * today. Pure, so the rules read as a table (routing-gate.test.ts):
 *
 * - Training needs {@link MIN_LABELLED} labelled cases in at least two first-level categories
 *   with {@link MIN_PER_LABEL} each; otherwise it does not run, and says so.
 * - A new model activates itself only when it
 *   1. covers enough of the deployment's first-level categories ({@link minCovered}): a model that
 *      knows 2 of 15 sends everything to one of those two with a confidence near 1;
 *   2. beats the fallback — the keyword prior cases are routed with when no model is active —
 *      measured on the same labelled cases (macro-F1 over the model's labels);
 *   3. is not worse than the active model by more than {@link GATE_TOLERANCE}.
 * - `force` (an admin's decision, recorded) activates it anyway.
 */
import type { RoutingReasonCode } from '@lianxin/contracts';

/** Fewer labelled cases than this: no training, keyword prior only. */
export const MIN_LABELLED = 30;
/** A label needs this many cases to be learned. */
export const MIN_PER_LABEL = 3;
/** A new model may be this much worse (macro-F1) than the active one and still replace it. */
export const GATE_TOLERANCE = 0.01;

/** Why a training run ended as it did (the console words each one in zh-CN and English). */
export type { RoutingReasonCode };

/** First-level categories a model must know to activate itself: half of them, at least 3 (all when fewer). */
export function minCovered(totalCategories: number): number {
  return Math.min(totalCategories, Math.max(3, Math.ceil(totalCategories / 2)));
}

/** Whether the labelled cases are enough to train on. */
export interface RoutingReadiness {
  ready: boolean;
  /** Labelled cases in categories that have enough of them. */
  labelled: number;
  /** Categories with at least {@link MIN_PER_LABEL} labelled cases. */
  categories: number;
  totalCategories: number;
  minLabelled: number;
  minPerCategory: number;
  /** Categories a model must cover to activate itself. */
  minCovered: number;
  reasonCode: 'too_few_labels' | null;
  reason: string | null;
}

/** Readiness from the number of labelled cases per first-level category. */
export function routingReadiness(perCategory: ReadonlyMap<string, number>, totalCategories: number): RoutingReadiness {
  let labelled = 0;
  let categories = 0;
  for (const n of perCategory.values()) {
    if (n < MIN_PER_LABEL) continue;
    labelled += n;
    categories += 1;
  }
  const ready = labelled >= MIN_LABELLED && categories >= 2;
  return {
    ready,
    labelled,
    categories,
    totalCategories,
    minLabelled: MIN_LABELLED,
    minPerCategory: MIN_PER_LABEL,
    minCovered: minCovered(totalCategories),
    reasonCode: ready ? null : 'too_few_labels',
    reason: ready
      ? null
      : `Training needs ${MIN_LABELLED} labelled cases in at least 2 first-level categories (${MIN_PER_LABEL} or more each); there are ${labelled} in ${categories}.`,
  };
}

/** What is known about a freshly trained model when deciding whether it activates. */
export interface GateInput {
  macroF1: number;
  /** The keyword prior's macro-F1 on the same labelled cases. */
  fallbackMacroF1: number;
  /** The active model's macro-F1, or null when none is active. */
  previousMacroF1: number | null;
  covered: number;
  totalCategories: number;
  forced: boolean;
}

/** Whether the model activates, and why. */
export function gateDecision(g: GateInput): { activated: boolean; reasonCode: RoutingReasonCode; reason: string } {
  const need = minCovered(g.totalCategories);
  const blocked: { reasonCode: RoutingReasonCode; reason: string } | null =
    g.covered < need
      ? { reasonCode: 'few_categories', reason: `covers ${g.covered} of ${g.totalCategories} first-level categories; ${need} needed` }
      : g.macroF1 <= g.fallbackMacroF1
        ? { reasonCode: 'worse_than_fallback', reason: `macro-F1 ${g.macroF1} is not above the keyword fallback's ${g.fallbackMacroF1}` }
        : g.previousMacroF1 !== null && g.macroF1 < g.previousMacroF1 - GATE_TOLERANCE
          ? { reasonCode: 'worse_than_active', reason: `kept the active model: macro-F1 ${g.macroF1} < ${g.previousMacroF1} − ${GATE_TOLERANCE}` }
          : null;
  if (blocked && g.forced) return { activated: true, reasonCode: 'forced', reason: `forced by an admin although: ${blocked.reason}` };
  if (blocked) return { activated: false, ...blocked };
  return g.previousMacroF1 === null
    ? { activated: true, reasonCode: 'first_model', reason: `first model: macro-F1 ${g.macroF1} > keyword fallback ${g.fallbackMacroF1}` }
    : { activated: true, reasonCode: 'better', reason: `macro-F1 ${g.macroF1} ≥ active ${g.previousMacroF1} − ${GATE_TOLERANCE}` };
}
