/**
 * Fewer roll-up rows for the same figures. Every measure of the roll-up is a count or a sum, so a
 * run of most of a month's days reads as the month minus the days left out, and most of a year's
 * months as the year minus the months left out: "the last 12 months" reads about a year, a few
 * months and a day instead of eleven months and four weeks of days — a third of the rows. Years
 * and months hold about as many rows as each other (each keys every unit and axis seen in it), so
 * the rewrite is taken only when it reads fewer periods.
 */
import type { StatsGrain } from './stats-measures';

/** Inclusive range of roll-up periods of one grain, added (1) or taken away (-1). */
export interface SignedPiece {
  grain: StatsGrain;
  from: string;
  to: string;
  sign: 1 | -1;
}

const DAY_MS = 86_400_000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-\d{2}$/;
/** Longer runs of days are left as they are (a range that wide is not a plan's leftover days). */
const MAX_DAYS = 800;

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
const nextMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};
const daysOf = (month: string): string[] => {
  const out: string[] = [];
  for (let day = `${month}-01`; day.startsWith(month); day = nextDay(day)) out.push(day);
  return out;
};
const monthsOf = (year: string): string[] => Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);

/** Every period of a range, or null when the range is not a short run of real days or months. */
function expand(grain: StatsGrain, from: string, to: string): string[] | null {
  const format = grain === 'd' ? DAY : grain === 'm' ? MONTH : null;
  if (!format || !format.test(from) || !format.test(to) || from > to) return null;
  const out: string[] = [];
  for (let p = from; p <= to; p = grain === 'd' ? nextDay(p) : nextMonth(p)) {
    out.push(p);
    if (out.length > MAX_DAYS) return null;
  }
  return out;
}

/**
 * Replaces the periods of `present` that make up most of a parent period by the parent minus
 * the rest; returns the parents taken and the periods taken away.
 */
function absorb(present: Set<string>, parentOf: (p: string) => string, childrenOf: (parent: string) => string[]) {
  const parents: string[] = [];
  const minus: string[] = [];
  for (const parent of new Set([...present].map(parentOf))) {
    const children = childrenOf(parent);
    const missing = children.filter((c) => !present.has(c));
    if (1 + missing.length >= children.length - missing.length) continue;
    for (const c of children) present.delete(c);
    parents.push(parent);
    minus.push(...missing);
  }
  return { parents, minus };
}

/** Consecutive periods of one grain and sign as ranges. */
function ranges(grain: StatsGrain, periods: Iterable<string>, sign: 1 | -1): SignedPiece[] {
  const next = grain === 'd' ? nextDay : nextMonth;
  const out: SignedPiece[] = [];
  for (const p of [...periods].sort()) {
    const last = out.at(-1);
    if (last && next(last.to) === p) last.to = p;
    else out.push({ grain, from: p, to: p, sign });
  }
  return out;
}

/** The same figures as the (disjoint) `pieces`, read from as few roll-up periods as the rewrite finds. */
export function netPieces(pieces: Array<{ grain: StatsGrain; from: string; to: string }>): SignedPiece[] {
  const kept: SignedPiece[] = [];
  const days = new Set<string>();
  const months = new Set<string>();
  for (const piece of pieces) {
    const periods = piece.grain === 'y' ? null : expand(piece.grain, piece.from, piece.to);
    if (!periods) kept.push({ ...piece, sign: 1 });
    else for (const p of periods) (piece.grain === 'd' ? days : months).add(p);
  }
  // Days first: a month they complete may then complete a year.
  const byMonth = absorb(days, (d) => d.slice(0, 7), daysOf);
  for (const m of byMonth.parents) months.add(m);
  const byYear = absorb(months, (m) => m.slice(0, 4), monthsOf);
  return [
    ...kept,
    ...byYear.parents.map((y): SignedPiece => ({ grain: 'y', from: y, to: y, sign: 1 })),
    ...ranges('m', months, 1),
    ...ranges('d', days, 1),
    ...ranges('m', byYear.minus, -1),
    ...ranges('d', byMonth.minus, -1),
  ];
}
