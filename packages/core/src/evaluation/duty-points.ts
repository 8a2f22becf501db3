/**
 * Duty points (履职积分): a configurable table of points per kind of recorded duty, applied
 * to what a deputy's record holds.
 */

/** Kinds of duty that earn (or cost) points. */
export const DUTY_ITEMS = [
  'reception_attended',
  'reception_missed',
  'activity',
  'opinion_collected',
  'case_handled',
  'case_satisfied',
  'case_unsatisfied',
  'case_overdue',
  'suggestion',
] as const;
/** A duty item kind. */
export type DutyItem = (typeof DUTY_ITEMS)[number];

/** One row of the rule table. */
export interface DutyRule {
  item: DutyItem;
  label: string;
  points: number;
}

/** The shipped rule table (admins may change the points). */
export const DEFAULT_DUTY_RULES: DutyRule[] = [
  { item: 'reception_attended', label: '进站接待', points: 5 },
  { item: 'reception_missed', label: '无故缺席接待', points: -3 },
  { item: 'activity', label: '参加履职活动', points: 3 },
  { item: 'opinion_collected', label: '收集群众意见', points: 1 },
  { item: 'case_handled', label: '领办民意件', points: 2 },
  { item: 'case_satisfied', label: '办理获满意评价', points: 1 },
  { item: 'case_unsatisfied', label: '办理获不满意评价', points: -1 },
  { item: 'case_overdue', label: '办理超期', points: -2 },
  { item: 'suggestion', label: '转化为代表建议', points: 3 },
];

/** One line of a points statement. */
export interface DutyPointsLine {
  item: DutyItem;
  label: string;
  count: number;
  points: number;
  subtotal: number;
}

/** Points for `counts` under `rules`; items without a rule earn nothing. */
export function dutyPoints(
  counts: Partial<Record<DutyItem, number>>,
  rules: readonly DutyRule[] = DEFAULT_DUTY_RULES,
): { total: number; lines: DutyPointsLine[] } {
  const lines = rules.map((r) => {
    const count = counts[r.item] ?? 0;
    return { item: r.item, label: r.label, count, points: r.points, subtotal: Math.round(count * r.points * 100) / 100 };
  });
  return { total: Math.round(lines.reduce((s, l) => s + l.subtotal, 0) * 100) / 100, lines };
}
