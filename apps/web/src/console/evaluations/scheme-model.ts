/**
 * A scheme's definition as the editing form holds it (flat fields per row) and back.
 * The API refuses unknown keys, so a formula keeps only the fields of its kind.
 */
import type { Adjustment, Indicator, Scheme } from '../duty/duty-api';

/** One indicator row of the form. */
export interface IndicatorRow {
  key: string;
  label: string;
  labelEn?: string;
  group: string;
  weight: number;
  kind: 'ratio' | 'target' | 'manual';
  numerator?: string;
  denominator?: string;
  invert?: boolean;
  emptyValue?: number;
  metric?: string;
  targetPerMonth?: number;
  input?: string;
  max?: number;
}

/** One bonus or penalty row of the form. */
export interface AdjustmentRow {
  key: string;
  label: string;
  labelEn?: string;
  kind: 'bonus' | 'penalty';
  sourceKind: 'metric' | 'input';
  source: string;
  pointsEach: number;
  max: number;
}

/** The whole form. */
export interface SchemeForm {
  name: string;
  active: boolean;
  indicators: IndicatorRow[];
  adjustments: AdjustmentRow[];
  bonusCap: number;
  peerGroupBy: Scheme['definition']['peerGroupBy'];
  boardSize: number;
}

/** A figure a formula reads; the form's select offers the known ones (the API checks). */
type Metric = Extract<Indicator['formula'], { kind: 'ratio' }>['numerator'];

const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** The form's values for `scheme`. */
export function toForm(scheme: Scheme): SchemeForm {
  const d = scheme.definition;
  return {
    name: scheme.name,
    active: scheme.active,
    bonusCap: d.bonusCap,
    peerGroupBy: d.peerGroupBy,
    boardSize: d.boardSize,
    indicators: d.indicators.map((i) => {
      const f: Record<string, unknown> & Pick<Indicator['formula'], 'kind'> = i.formula;
      return {
        key: i.key,
        label: i.label,
        ...(i.labelEn ? { labelEn: i.labelEn } : {}),
        group: i.group,
        weight: i.weight,
        kind: f.kind,
        numerator: str(f.numerator),
        denominator: str(f.denominator),
        invert: f.invert === true,
        emptyValue: num(f.emptyValue),
        metric: str(f.metric),
        targetPerMonth: num(f.targetPerMonth),
        input: str(f.input),
        max: num(f.max),
      };
    }),
    adjustments: d.adjustments.map((a) => ({
      key: a.key,
      label: a.label,
      ...(a.labelEn ? { labelEn: a.labelEn } : {}),
      kind: a.kind,
      sourceKind: 'metric' in a.source ? 'metric' : 'input',
      source: 'metric' in a.source ? a.source.metric : a.source.input,
      pointsEach: a.pointsEach,
      max: a.max,
    })),
  };
}

function formula(r: IndicatorRow): Indicator['formula'] {
  if (r.kind === 'ratio')
    return {
      kind: 'ratio',
      numerator: (r.numerator ?? '') as Metric,
      denominator: (r.denominator ?? '') as Metric,
      ...(r.invert ? { invert: true } : {}),
      ...(r.emptyValue !== undefined ? { emptyValue: r.emptyValue } : {}),
    };
  if (r.kind === 'target') return { kind: 'target', metric: (r.metric ?? '') as Metric, targetPerMonth: r.targetPerMonth ?? 1 };
  return { kind: 'manual', input: r.input?.trim() || r.key, max: r.max ?? 10 };
}

/** The API body for the form's values. */
export function fromForm(v: SchemeForm): Pick<Scheme, 'name' | 'active' | 'definition'> {
  return {
    name: v.name.trim(),
    active: v.active,
    definition: {
      indicators: (v.indicators ?? []).map((r) => ({
        key: r.key.trim(),
        label: r.label.trim(),
        ...(r.labelEn ? { labelEn: r.labelEn } : {}),
        group: r.group.trim(),
        weight: r.weight ?? 0,
        formula: formula(r),
      })),
      adjustments: (v.adjustments ?? []).map((a): Adjustment => ({
        key: a.key.trim(),
        label: a.label.trim(),
        ...(a.labelEn ? { labelEn: a.labelEn } : {}),
        kind: a.kind,
        source: a.sourceKind === 'metric' ? { metric: a.source as Metric } : { input: a.source.trim() },
        pointsEach: a.pointsEach ?? 0,
        max: a.max ?? 0,
      })),
      bonusCap: v.bonusCap ?? 0,
      peerGroupBy: v.peerGroupBy,
      boardSize: v.boardSize ?? 0,
    },
  };
}

/** Sum of the indicator weights (kept to two decimals against float noise). */
export function weightTotal(rows: readonly Pick<IndicatorRow, 'weight'>[] | undefined): number {
  return Math.round((rows ?? []).reduce((s, r) => s + (r?.weight ?? 0), 0) * 100) / 100;
}
