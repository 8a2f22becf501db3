/**
 * Evaluation schemes: weighted indicators computed from what happened, plus bonus and
 * penalty items, for stations (units), deputies or departments. A scheme is data, edited by
 * admins; the formulas are a closed set so every score can be explained and recomputed.
 */

/** What a scheme evaluates. */
export const EVALUATION_SUBJECTS = ['unit', 'deputy', 'department'] as const;
/** An evaluated kind of subject. */
export type EvaluationSubject = (typeof EVALUATION_SUBJECTS)[number];

/** Counts the server derives from events for every subject and period. */
export const EVALUATION_METRICS = [
  'receptionsPlanned',
  'receptionsHeld',
  'receptionsMissed',
  'deputiesTotal',
  'deputiesActive',
  'activities',
  'opinions',
  'opinionsAccepted',
  'casesAssigned',
  'signed',
  'signedOnTime',
  'replied',
  'repliedOnTime',
  'closed',
  'returnedOrReopened',
  'rated',
  'satisfiedOrBasic',
  'unsatisfied',
  'overdue',
  'converted',
] as const;
/** A metric name. */
export type EvaluationMetric = (typeof EVALUATION_METRICS)[number];

/** zh/en names of the metrics, for explanations. */
export const METRIC_LABELS: Record<EvaluationMetric, { zh: string; en: string }> = {
  receptionsPlanned: { zh: '计划接待场次', en: 'Receptions planned' },
  receptionsHeld: { zh: '实际接待场次', en: 'Receptions held' },
  receptionsMissed: { zh: '缺席接待场次', en: 'Receptions missed' },
  deputiesTotal: { zh: '进站代表数', en: 'Deputies in the station' },
  deputiesActive: { zh: '参加活动代表数', en: 'Deputies who took part' },
  activities: { zh: '活动次数', en: 'Activities' },
  opinions: { zh: '收集意见数', en: 'Opinions collected' },
  opinionsAccepted: { zh: '有效意见数', en: 'Opinions in handling' },
  casesAssigned: { zh: '交办件数', en: 'Cases assigned' },
  signed: { zh: '签收件数', en: 'Cases signed' },
  signedOnTime: { zh: '按时签收件数', en: 'Signed on time' },
  replied: { zh: '答复件数', en: 'Cases replied' },
  repliedOnTime: { zh: '按时答复件数', en: 'Replied on time' },
  closed: { zh: '办结件数', en: 'Cases closed' },
  returnedOrReopened: { zh: '退回或重办件数', en: 'Returned or reopened' },
  rated: { zh: '评价件数', en: 'Cases rated' },
  satisfiedOrBasic: { zh: '满意及基本满意件数', en: 'Satisfied or basically satisfied' },
  unsatisfied: { zh: '不满意件数', en: 'Unsatisfied' },
  overdue: { zh: '超期件数', en: 'Overdue cases' },
  converted: { zh: '转化为代表建议件数', en: 'Converted to suggestions' },
};

/** How an indicator turns metrics into a value between 0 and 1. */
export type IndicatorFormula =
  /** numerator / denominator (1 − that when `invert`); `emptyValue` when the denominator is 0. */
  | { kind: 'ratio'; numerator: EvaluationMetric; denominator: EvaluationMetric; invert?: boolean; emptyValue?: number }
  /** min(metric / (targetPerMonth × months), 1). */
  | { kind: 'target'; metric: EvaluationMetric; targetPerMonth: number }
  /** An assessed score entered by an admin (e.g. premises inspection), min(input / max, 1). */
  | { kind: 'manual'; input: string; max: number };

/** One weighted indicator. */
export interface IndicatorDef {
  key: string;
  label: string;
  labelEn?: string;
  /** Heading the indicator is reported under (e.g. 阵地建设与制度). */
  group: string;
  weight: number;
  formula: IndicatorFormula;
}

/** A bonus or penalty: points per counted item, capped. */
export interface AdjustmentDef {
  key: string;
  label: string;
  labelEn?: string;
  kind: 'bonus' | 'penalty';
  source: { metric: EvaluationMetric } | { input: string };
  pointsEach: number;
  max: number;
}

/** How subjects are grouped for fair comparison. */
export type PeerGroupBy = 'none' | 'regionType' | 'level';

/** A complete scheme definition (stored as JSON). */
export interface SchemeDefinition {
  indicators: IndicatorDef[];
  adjustments: AdjustmentDef[];
  /** Total bonus points never exceed this. */
  bonusCap: number;
  peerGroupBy: PeerGroupBy;
  /** How many subjects per peer group go on the red (top) and black (bottom) boards. */
  boardSize: number;
}

/** Problems with a definition (empty when valid). */
export function schemeProblems(def: SchemeDefinition): Array<{ path: string; code: string; message: string }> {
  const problems: Array<{ path: string; code: string; message: string }> = [];
  const metrics = new Set<string>(EVALUATION_METRICS);
  const keys = new Set<string>();
  def.indicators.forEach((ind, i) => {
    const at = `indicators.${i}`;
    if (!/^[A-Za-z][A-Za-z0-9_]{0,39}$/.test(ind.key)) problems.push({ path: `${at}.key`, code: 'invalid', message: 'letters, digits, _' });
    if (keys.has(ind.key)) problems.push({ path: `${at}.key`, code: 'duplicate', message: ind.key });
    keys.add(ind.key);
    if (!(ind.weight >= 0 && ind.weight <= 100)) problems.push({ path: `${at}.weight`, code: 'invalid', message: '0 … 100' });
    const f = ind.formula;
    if (f.kind === 'ratio') {
      if (!metrics.has(f.numerator)) problems.push({ path: `${at}.formula.numerator`, code: 'unknown_metric', message: f.numerator });
      if (!metrics.has(f.denominator)) problems.push({ path: `${at}.formula.denominator`, code: 'unknown_metric', message: f.denominator });
      if (f.emptyValue !== undefined && !(f.emptyValue >= 0 && f.emptyValue <= 1))
        problems.push({ path: `${at}.formula.emptyValue`, code: 'invalid', message: '0 … 1' });
    } else if (f.kind === 'target') {
      if (!metrics.has(f.metric)) problems.push({ path: `${at}.formula.metric`, code: 'unknown_metric', message: f.metric });
      if (!(f.targetPerMonth > 0)) problems.push({ path: `${at}.formula.targetPerMonth`, code: 'too_small', message: '> 0' });
    } else if (!(f.max > 0)) {
      problems.push({ path: `${at}.formula.max`, code: 'too_small', message: '> 0' });
    }
  });
  def.adjustments.forEach((adj, i) => {
    const at = `adjustments.${i}`;
    if (keys.has(adj.key)) problems.push({ path: `${at}.key`, code: 'duplicate', message: adj.key });
    keys.add(adj.key);
    if ('metric' in adj.source && !metrics.has(adj.source.metric))
      problems.push({ path: `${at}.source.metric`, code: 'unknown_metric', message: adj.source.metric });
    if (!(adj.pointsEach >= 0)) problems.push({ path: `${at}.pointsEach`, code: 'invalid', message: '≥ 0' });
    if (!(adj.max >= 0)) problems.push({ path: `${at}.max`, code: 'invalid', message: '≥ 0' });
  });
  if (!(def.bonusCap >= 0)) problems.push({ path: 'bonusCap', code: 'invalid', message: '≥ 0' });
  if (!(Number.isInteger(def.boardSize) && def.boardSize >= 0)) problems.push({ path: 'boardSize', code: 'invalid', message: 'integer ≥ 0' });
  return problems;
}

/** Sum of indicator weights (100 for the shipped schemes). */
export function totalWeight(def: SchemeDefinition): number {
  return def.indicators.reduce((s, i) => s + i.weight, 0);
}
