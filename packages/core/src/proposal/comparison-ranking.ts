/**
 * Public comparison (晾晒比拼): units ranked on each indicator per period, with the trend
 * against the previous period, and an overall standing by mean rank.
 */

/** One unit's value. */
export interface ComparisonValue {
  unitId: string;
  value: number;
}

/** A unit's place on one indicator. */
export interface RankedValue {
  unitId: string;
  value: number;
  /** Competition rank: 1, 2, 2, 4 … */
  rank: number;
  previousValue: number | null;
  previousRank: number | null;
  /** Places gained (positive) or lost since the previous period; null without one. */
  rankChange: number | null;
  /** Relative change of the value, or null. */
  valueChange: number | null;
}

function ranks(values: readonly ComparisonValue[], higherIsBetter: boolean): Map<string, number> {
  const sorted = [...values].sort((a, b) => (higherIsBetter ? b.value - a.value : a.value - b.value));
  const out = new Map<string, number>();
  sorted.forEach((v) => out.set(v.unitId, 1 + sorted.filter((o) => (higherIsBetter ? o.value > v.value : o.value < v.value)).length));
  return out;
}

/** Ranks one indicator's values for a period against the previous period's. */
export function rankIndicator(current: readonly ComparisonValue[], previous: readonly ComparisonValue[], higherIsBetter: boolean): RankedValue[] {
  const now = ranks(current, higherIsBetter);
  const before = ranks(previous, higherIsBetter);
  const prevValue = new Map(previous.map((v) => [v.unitId, v.value]));
  return current
    .map((v) => {
      const rank = now.get(v.unitId)!;
      const previousRank = before.get(v.unitId) ?? null;
      const pv = prevValue.get(v.unitId) ?? null;
      return {
        unitId: v.unitId,
        value: v.value,
        rank,
        previousValue: pv,
        previousRank,
        rankChange: previousRank === null ? null : previousRank - rank,
        valueChange: pv === null || pv === 0 ? null : (v.value - pv) / Math.abs(pv),
      };
    })
    .sort((a, b) => a.rank - b.rank || a.unitId.localeCompare(b.unitId));
}

/** Overall standing: units ordered by their mean rank over the indicators they have values for. */
export function overallStanding(rankings: ReadonlyArray<readonly RankedValue[]>): Array<{ unitId: string; meanRank: number; rank: number }> {
  const sums = new Map<string, { total: number; n: number }>();
  for (const list of rankings)
    for (const r of list) sums.set(r.unitId, { total: (sums.get(r.unitId)?.total ?? 0) + r.rank, n: (sums.get(r.unitId)?.n ?? 0) + 1 });
  const means = [...sums.entries()].map(([unitId, s]) => ({ unitId, meanRank: s.total / s.n }));
  return means
    .map((m) => ({ ...m, rank: 1 + means.filter((o) => o.meanRank < m.meanRank).length }))
    .sort((a, b) => a.rank - b.rank || a.unitId.localeCompare(b.unitId));
}

/** The period before `period` (`YYYY`, `YYYY-Qn` or `YYYY-MM`), or null for an unknown shape. */
export function previousPeriod(period: string): string | null {
  let m = /^(\d{4})$/.exec(period);
  if (m) return String(Number(m[1]) - 1);
  m = /^(\d{4})-Q([1-4])$/.exec(period);
  if (m) return Number(m[2]) === 1 ? `${Number(m[1]) - 1}-Q4` : `${m[1]}-Q${Number(m[2]) - 1}`;
  m = /^(\d{4})-(\d{2})$/.exec(period);
  if (m) {
    const month = Number(m[2]);
    return month === 1 ? `${Number(m[1]) - 1}-12` : `${m[1]}-${String(month - 1).padStart(2, '0')}`;
  }
  return null;
}
