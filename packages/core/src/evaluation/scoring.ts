/**
 * Scores, ranks and boards (红黑榜). Every score is the sum of its breakdown items, and
 * every item carries the numbers behind it, so a reader can redo the arithmetic.
 */
import { hadActivity, peerGroupBoards, type BoardNote } from './boards';
import type { AdjustmentDef, EvaluationMetric, IndicatorDef, SchemeDefinition } from './scheme';

/** What the server measured for one subject in one period. */
export interface SubjectFacts {
  subjectId: string;
  name: string;
  /** Peer group label (e.g. 街道 / 镇 / 平台); null when not grouped. */
  peerGroup: string | null;
  metrics: Partial<Record<EvaluationMetric, number>>;
  /** Admin-entered values (manual indicators, bonus items, false reports). */
  inputs: Record<string, number>;
}

/** One line of an explanation. */
export interface BreakdownItem {
  indicator: string;
  label: string;
  group: string;
  kind: 'indicator' | 'bonus' | 'penalty';
  /** Indicator value 0…1 (4 decimals); for adjustments the counted items. */
  value: number;
  /** Indicator weight; for adjustments the points per item. */
  weight: number;
  /** Points this line adds (negative for penalties), 2 decimals. */
  points: number;
  numerator?: number;
  denominator?: number;
  target?: number;
  /** `no_data` when a ratio had nothing to divide by; `capped` when a cap applied. */
  note?: 'no_data' | 'capped';
}

/** One subject's result. */
export interface SubjectResult {
  subjectId: string;
  name: string;
  peerGroup: string | null;
  score: number;
  rank: number;
  peerRank: number;
  board: 'red' | 'black' | null;
  /** Why a subject ranked within a board's places is not on it (see `boards.ts`). */
  boardNote: BoardNote | null;
  breakdown: BreakdownItem[];
}

/** Rounds to `digits` decimals, half away from zero, without binary surprises (0.285 → 0.29). */
export function roundTo(value: number, digits: number): number {
  const f = 10 ** digits;
  return (Math.sign(value) * Math.round(Math.abs(value) * f + 1e-9)) / f;
}

const metric = (facts: SubjectFacts, key: EvaluationMetric): number => facts.metrics[key] ?? 0;

/** The breakdown line of one indicator. */
export function scoreIndicator(ind: IndicatorDef, facts: SubjectFacts, months: number): BreakdownItem {
  const base = { indicator: ind.key, label: ind.label, group: ind.group, kind: 'indicator' as const, weight: ind.weight };
  const f = ind.formula;
  let value: number;
  const extra: Partial<BreakdownItem> = {};
  if (f.kind === 'ratio') {
    const numerator = metric(facts, f.numerator);
    const denominator = metric(facts, f.denominator);
    extra.numerator = numerator;
    extra.denominator = denominator;
    if (denominator <= 0) {
      value = f.emptyValue ?? 0;
      extra.note = 'no_data';
    } else {
      const rate = Math.min(numerator / denominator, 1);
      value = f.invert ? 1 - rate : rate;
    }
  } else if (f.kind === 'target') {
    const count = metric(facts, f.metric);
    const target = f.targetPerMonth * months;
    extra.numerator = count;
    extra.target = roundTo(target, 4);
    value = Math.min(count / target, 1);
  } else {
    const entered = facts.inputs[f.input];
    extra.target = f.max;
    if (entered === undefined) {
      value = 0;
      extra.note = 'no_data';
    } else {
      extra.numerator = entered;
      value = Math.max(0, Math.min(entered / f.max, 1));
    }
  }
  return { ...base, value: roundTo(value, 4), points: roundTo(ind.weight * value, 2), ...extra };
}

function scoreAdjustment(adj: AdjustmentDef, facts: SubjectFacts): BreakdownItem {
  const count = 'metric' in adj.source ? metric(facts, adj.source.metric) : (facts.inputs[adj.source.input] ?? 0);
  const raw = count * adj.pointsEach;
  const capped = Math.min(raw, adj.max);
  return {
    indicator: adj.key,
    label: adj.label,
    group: adj.kind === 'bonus' ? '加分项' : '扣分项',
    kind: adj.kind,
    value: count,
    weight: adj.pointsEach,
    points: roundTo(adj.kind === 'bonus' ? capped : -capped, 2),
    ...(raw > adj.max ? { note: 'capped' as const } : {}),
  };
}

/** Score and breakdown of one subject. */
export function scoreSubject(def: SchemeDefinition, facts: SubjectFacts, months: number): { score: number; breakdown: BreakdownItem[] } {
  const breakdown = def.indicators.map((ind) => scoreIndicator(ind, facts, months));
  const adjustments = def.adjustments.map((adj) => scoreAdjustment(adj, facts));
  // The bonus cap applies to all bonus items together: trim the last ones first.
  let bonusLeft = def.bonusCap;
  for (const item of adjustments) {
    if (item.kind !== 'bonus') continue;
    const allowed = Math.min(item.points, Math.max(bonusLeft, 0));
    if (allowed < item.points) item.note = 'capped';
    item.points = roundTo(allowed, 2);
    bonusLeft -= allowed;
  }
  const all = [...breakdown, ...adjustments];
  return {
    score: roundTo(
      all.reduce((s, i) => s + i.points, 0),
      2,
    ),
    breakdown: all,
  };
}

/** Competition ranking (1, 2, 2, 4) by score, highest first. */
function competitionRanks<T extends { score: number }>(sorted: T[]): number[] {
  const ranks: number[] = [];
  sorted.forEach((r, i) => ranks.push(i > 0 && r.score === sorted[i - 1].score ? ranks[i - 1] : i + 1));
  return ranks;
}

/** Evaluates every subject: scores, overall ranks, ranks within peer groups, red and black boards (rule in `boards.ts`). */
export function evaluate(def: SchemeDefinition, subjects: readonly SubjectFacts[], months: number): SubjectResult[] {
  const scored = subjects.map((facts) => ({ facts, ...scoreSubject(def, facts, months) }));
  scored.sort((a, b) => b.score - a.score || a.facts.name.localeCompare(b.facts.name, 'zh-CN') || a.facts.subjectId.localeCompare(b.facts.subjectId));
  const ranks = competitionRanks(scored);
  const active = new Map(scored.map((s) => [s.facts.subjectId, hadActivity(s.facts.metrics)]));
  const results: SubjectResult[] = scored.map((s, i) => ({
    subjectId: s.facts.subjectId,
    name: s.facts.name,
    peerGroup: s.facts.peerGroup,
    score: s.score,
    rank: ranks[i],
    peerRank: 0,
    board: null,
    boardNote: null,
    breakdown: s.breakdown,
  }));
  const groups = new Map<string, SubjectResult[]>();
  for (const r of results) {
    const key = r.peerGroup ?? '';
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  for (const members of groups.values()) {
    const peerRanks = competitionRanks(members);
    members.forEach((m, i) => (m.peerRank = peerRanks[i]!));
    const boards = peerGroupBoards(
      members.map((m) => ({ score: m.score, active: active.get(m.subjectId)! })),
      def.boardSize,
    );
    members.forEach((m, i) => Object.assign(m, boards[i]));
  }
  return results;
}

/** How one subject moves when weights change. */
export interface RankMove {
  subjectId: string;
  name: string;
  scoreBefore: number;
  scoreAfter: number;
  rankBefore: number;
  rankAfter: number;
}

/** A copy of `def` with some indicator weights replaced (unknown keys are ignored). */
export function withWeights(def: SchemeDefinition, weights: Record<string, number>): SchemeDefinition {
  return { ...def, indicators: def.indicators.map((i) => (weights[i.key] === undefined ? i : { ...i, weight: weights[i.key] })) };
}

/** What-if: the ranking under changed weights next to the current one; nothing is stored. */
export function whatIf(
  def: SchemeDefinition,
  subjects: readonly SubjectFacts[],
  months: number,
  weights: Record<string, number>,
): { current: SubjectResult[]; proposed: SubjectResult[]; moves: RankMove[] } {
  const current = evaluate(def, subjects, months);
  const proposed = evaluate(withWeights(def, weights), subjects, months);
  const before = new Map(current.map((r) => [r.subjectId, r]));
  const moves = proposed.map((after) => {
    const b = before.get(after.subjectId)!;
    return { subjectId: after.subjectId, name: after.name, scoreBefore: b.score, scoreAfter: after.score, rankBefore: b.rank, rankAfter: after.rank };
  });
  return { current, proposed, moves };
}
