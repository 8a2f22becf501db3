/**
 * The statistics overview (API.md "Statistics"): figures of the cases the caller may see,
 * for the case list's filters. Whole days come from the trigger-kept roll-up, parts of a day
 * from the cases themselves, so the overview stays fast at a million cases and
 * still equals the case list's totals for the same filters.
 */
import { AppError } from '@lianxin/core';
import {
  type CaseVisibility,
  type CategoryRecord,
  type StatsBucket,
  type StatsFigures,
  type StatsFilter,
  type StatsGroup,
  type StatsRange,
  type UnitRecord,
} from '@lianxin/storage';
import type { ServiceDeps } from '../platform/deps';
import type { RequestActor } from '../auth/actor';
import { channelLabel, type Language } from '../cases/case-labels';
import { visibilityOf } from '../cases/case.service';
import { periodBound, periodDays } from './stats-period';
import { periodPieces, planRollup, splitDays } from './stats-plan';

/** Filters of the overview (the case list's names). */
export interface StatsQuery {
  from?: string | undefined;
  to?: string | undefined;
  unitId?: string | undefined;
  /** A unit and everything under it. */
  underUnitId?: string | undefined;
  categoryId?: string | undefined;
  departmentId?: string | undefined;
  channel?: string | undefined;
}

/** Figures of a set of cases as the API shows them. */
export interface PresentedFigures {
  received: number;
  accepted: number;
  closed: number;
  replied: number;
  rated: number;
  onTimeRate: number | null;
  satisfactionRate: number | null;
  avgHandleWorkdays: number | null;
}

/** One line of a breakdown. */
export interface BreakdownItem extends PresentedFigures {
  /** Id of the unit, category or department, the channel code, or null for "none". */
  id: string | null;
  name: string;
}

/** A unit line, with where the unit sits in the tree (for the station layout). */
export interface UnitBreakdownItem extends BreakdownItem {
  kind: string | null;
  parentId: string | null;
  path: string | null;
}

/** The overview. */
export interface StatsOverview extends PresentedFigures {
  overdue: number;
  supervised: number;
  period: { from: string | null; to: string | null };
  granularity: 'day' | 'month';
  trend: Array<{ period: string; received: number; accepted: number; closed: number }>;
  byCategory: BreakdownItem[];
  byUnit: UnitBreakdownItem[];
  byDepartment: BreakdownItem[];
  byChannel: BreakdownItem[];
  generatedAt: string;
}

const ZERO: StatsFigures = { received: 0, accepted: 0, closed: 0, replied: 0, onTime: 0, rated: 0, satisfied: 0, supervised: 0, handled: 0, handleDays: 0 };

function add(into: StatsFigures, more: StatsFigures): StatsFigures {
  for (const k of Object.keys(ZERO) as Array<keyof StatsFigures>) into[k] += more[k];
  return into;
}

const ratio = (part: number, whole: number, digits: number): number | null => (whole > 0 ? Number((part / whole).toFixed(digits)) : null);

/** Figures as shown: counts plus rates (0–1, four decimals) and average working days (one decimal). */
export function presentFigures(f: StatsFigures): PresentedFigures {
  return {
    received: f.received,
    accepted: f.accepted,
    closed: f.closed,
    replied: f.replied,
    rated: f.rated,
    onTimeRate: ratio(f.onTime, f.replied, 4),
    satisfactionRate: ratio(f.satisfied, f.rated, 4),
    avgHandleWorkdays: ratio(f.handleDays, f.handled, 1),
  };
}

function sumBy<T extends StatsFigures>(rows: T[], key: (row: T) => string | null): Map<string | null, StatsFigures> {
  const out = new Map<string | null, StatsFigures>();
  for (const row of rows) {
    const k = key(row);
    out.set(k, add(out.get(k) ?? { ...ZERO }, row));
  }
  return out;
}

const byVolume = (a: { received: number }, b: { received: number }) => b.received - a.received;
/** Buckets emptied by later changes stay in the roll-up with zeros; they are not lines. */
const counted = (line: { received: number }) => line.received > 0;

/** The axes a breakdown runs along besides units. */
type Axis = 'category' | 'department' | 'channel';
/** A row of an axis breakdown: keyed by the axis, or a full group. */
type AxisRow = (StatsFigures & { key: string | null }) | StatsGroup;

function keyOf(group: StatsGroup, axis: Axis): string | null {
  return axis === 'category' ? group.categoryId : axis === 'department' ? group.departmentId : group.channel;
}

/** The raw figures behind an overview. */
interface Breakdowns {
  byUnit: Array<StatsFigures & { unitId: string | null }>;
  byAxis: Record<Axis, AxisRow[]>;
  trend: StatsBucket[];
  granularity: 'day' | 'month';
}

/** Computes overviews. */
export class StatsService {
  constructor(private readonly deps: Pick<ServiceDeps, 'clock' | 'repos'>) {}

  /** The storage filter and period for a caller and query (400 on a bad period or unit). */
  async resolve(actor: RequestActor | CaseVisibility, query: StatsQuery): Promise<{ filter: StatsFilter; range: StatsRange }> {
    const range: StatsRange = { from: periodBound(query.from, false), to: periodBound(query.to, true) };
    if (range.from && range.to && range.from >= range.to)
      throw new AppError('VALIDATION_FAILED', { message: '`from` must be before `to`.', details: [{ path: 'to', code: 'too_small' }] });
    let underPath: string | undefined;
    if (query.underUnitId) {
      const unit = await this.deps.repos.units.find(query.underUnitId);
      if (!unit) throw new AppError('REFERENCE_INVALID', { details: [{ path: 'underUnitId', code: 'not_found' }] });
      underPath = unit.path;
    }
    const filter: StatsFilter = {
      visibility: 'roles' in actor ? visibilityOf(actor) : actor,
      unitId: query.unitId,
      underPath,
      categoryId: query.categoryId,
      departmentId: query.departmentId,
      channel: query.channel,
    };
    return { filter, range };
  }

  /** Figures of the period by unit, by each axis, and by day or month, from the roll-up where it can serve. */
  private async figures(filter: StatsFilter, range: StatsRange, categories: Map<string, CategoryRecord>): Promise<Breakdowns> {
    const stats = this.deps.repos.stats;
    const days = periodDays(range);
    const granularity: 'day' | 'month' = days !== null && days <= 62 ? 'day' : 'month';
    const plan = planRollup(filter, categories);
    if (!plan) {
      const [groups, trend] = await Promise.all([stats.directGroups(filter, range), stats.directTrend(filter, range, granularity)]);
      return { byUnit: groups, byAxis: { category: groups, department: groups, channel: groups }, trend, granularity };
    }
    const split = splitDays(range);
    const pieces = split.days ? periodPieces(split.days.from, split.days.to, { years: true, months: true }) : [];
    const trendPieces = split.days ? periodPieces(split.days.from, split.days.to, { years: false, months: granularity === 'month' }) : [];
    const edges = (await Promise.all(split.edges.map((edge) => stats.directGroups(filter, edge)))).flat();
    const edgeTrend = (await Promise.all(split.edges.map((edge) => stats.directTrend(filter, edge, granularity)))).flat();
    const axis = async (name: Axis): Promise<AxisRow[]> => {
      const rows = await stats.rollupByKey(plan.scope, plan.base, name, pieces);
      return [...rows, ...edges.map((g) => ({ ...g, key: keyOf(g, name) }))];
    };
    const [byUnit, category, department, channel, trend] = await Promise.all([
      stats.rollupByUnit(plan.scope, plan.base, pieces),
      axis('category'),
      axis('department'),
      axis('channel'),
      stats.rollupTrend(plan.scope, plan.base, trendPieces, granularity),
    ]);
    return { byUnit: [...byUnit, ...edges], byAxis: { category, department, channel }, trend: [...trend, ...edgeTrend], granularity };
  }

  /** The overview for the caller. */
  /** The overview for `viewer`: a signed-in account (its scope), or a visibility such as the public's `{ all: true }`. */
  async overview(viewer: RequestActor | CaseVisibility, query: StatsQuery, lang: Language): Promise<StatsOverview> {
    const { filter, range } = await this.resolve(viewer, query);
    const now = this.deps.clock.now().toISOString();
    const names = await this.names();
    const [figures, overdue] = await Promise.all([this.figures(filter, range, names.categories), this.deps.repos.stats.overdueCount(filter, range, now)]);
    const total = figures.byUnit.reduce((acc, g) => add(acc, g), { ...ZERO });
    const line = (id: string | null, name: string, f: StatsFigures): BreakdownItem => ({ id, name, ...presentFigures(f) });
    const none = lang === 'zh' ? '未指定' : 'None';

    const topCategory = (id: string | null) => (id ? (names.categories.get(id)?.parentId ?? id) : null);
    const key = (name: Axis) => (row: AxisRow) => ('key' in row ? row.key : keyOf(row, name));
    const byCategory = [...sumBy(figures.byAxis.category, (g) => topCategory(key('category')(g))).entries()].map(([id, f]) =>
      line(id, id ? (names.categories.get(id)?.name ?? id) : none, f),
    );
    const byUnit = [...sumBy(figures.byUnit, (g) => g.unitId).entries()].map(([id, f]) => {
      const unit = id ? names.units.get(id) : undefined;
      return { ...line(id, unit?.name ?? id ?? none, f), kind: unit?.kind ?? null, parentId: unit?.parentId ?? null, path: unit?.path ?? null };
    });
    const byDepartment = [...sumBy(figures.byAxis.department, key('department')).entries()].map(([id, f]) =>
      line(id, id ? (names.departments.get(id) ?? id) : none, f),
    );
    const byChannel = [...sumBy(figures.byAxis.channel, key('channel')).entries()].map(([id, f]) => line(id, channelLabel(id ?? '', lang), f));

    return {
      ...presentFigures(total),
      overdue,
      supervised: total.supervised,
      period: { from: range.from ?? null, to: range.to ?? null },
      granularity: figures.granularity,
      trend: [...sumBy(figures.trend, (b) => b.bucket).entries()]
        .map(([period, f]) => ({ period: period ?? '', received: f.received, accepted: f.accepted, closed: f.closed }))
        .filter((b) => b.received > 0)
        .sort((a, b) => a.period.localeCompare(b.period)),
      byCategory: byCategory.filter(counted).sort(byVolume),
      byUnit: byUnit.filter(counted).sort(byVolume),
      byDepartment: byDepartment.filter(counted).sort(byVolume),
      byChannel: byChannel.filter(counted).sort(byVolume),
      generatedAt: now,
    };
  }

  /** Names of units, categories and departments (inactive ones too: old cases still name them). */
  async names(): Promise<{ units: Map<string, UnitRecord>; categories: Map<string, CategoryRecord>; departments: Map<string, string> }> {
    const { repos } = this.deps;
    const [units, categories, departments] = await Promise.all([
      repos.units.list({ includeInactive: true, pageSize: 500 }),
      repos.categories.list({ includeInactive: true, pageSize: 500 }),
      repos.departments.list({ includeInactive: true, pageSize: 500 }),
    ]);
    return {
      units: new Map(units.items.map((u) => [u.id, u])),
      categories: new Map(categories.items.map((c) => [c.id, c])),
      departments: new Map(departments.items.map((d) => [d.id, d.name])),
    };
  }
}
