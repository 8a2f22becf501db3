/**
 * Calls behind the cockpit and the big screen (API.md "Statistics"), and drill-down links:
 * every figure maps to the case list with the same filters, so clicking it shows exactly
 * the cases it counts.
 */
import type { HotIssue, HotIssueList, HotWordList, StatsLine, StatsOverview } from '@lianxin/contracts';
import { get, type Query } from '../api';

/** Filters of the overview, as in the case list's address bar. */
export type StatsFilters = {
  from?: string | undefined;
  to?: string | undefined;
  underUnitId?: string | undefined;
  categoryId?: string | undefined;
  channel?: string | undefined;
};

/** Counts and rates of a set of cases. */
export type Figures = Omit<StatsLine, 'id' | 'name'>;
/** One breakdown line. */
export type BreakdownLine = StatsLine;
/** `GET /api/v1/stats/overview`. */
export type Overview = StatsOverview;

/** A hot issue. */
export type { HotIssue } from '@lianxin/contracts';

/** States counted as accepted (the overview's definition). */
export const ACCEPTED_STATUSES = ['accepted', 'assigned', 'in_progress', 'replied', 'reopened', 'closed', 'converted'] as const;

const clean = (query: Record<string, string | undefined>): Query => Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined && v !== ''));

/** react-query keys. */
export const STATS_KEYS = {
  overview: (filters: StatsFilters) => ['stats', 'overview', clean({ ...filters })] as const,
  hotIssues: (filters: StatsFilters) => ['stats', 'hot-issues', clean({ ...filters })] as const,
  hotWords: (filters: StatsFilters) => ['stats', 'hot-words', clean({ ...filters })] as const,
};

/** The overview for the filters. */
export function fetchOverview(filters: StatsFilters): Promise<Overview> {
  return get<Overview>('/api/v1/stats/overview', clean({ ...filters }));
}

/** Hot issues of the period (the text endpoints filter by period and station only). */
export async function fetchHotIssues(filters: StatsFilters): Promise<HotIssue[]> {
  return (await get<HotIssueList>('/api/v1/stats/hot-issues', clean({ from: filters.from, to: filters.to, unitId: filters.underUnitId, top: '8' }))).clusters;
}

/** Hot words of the period. */
export async function fetchHotWords(filters: StatsFilters): Promise<Array<{ word: string; count: number }>> {
  return (await get<HotWordList>('/api/v1/stats/hot-words', clean({ from: filters.from, to: filters.to, unitId: filters.underUnitId }))).words;
}

/** What a figure counts, as extra case-list filters. */
export type DrillDown =
  | { figure: 'received' | 'accepted' | 'closed' | 'overdue' | 'supervised' }
  | { unitId: string }
  | { underUnitId: string }
  | { categoryId: string }
  | { channel: string }
  | { departmentId: string }
  | { period: string };

/** The case list's query for a figure under the filters. */
export function drillDownQuery(filters: StatsFilters, what: DrillDown): Record<string, string> {
  const query: Record<string, string | undefined> = { ...filters };
  if ('figure' in what) {
    if (what.figure === 'accepted') query.status = ACCEPTED_STATUSES.join(',');
    if (what.figure === 'closed') query.status = 'closed';
    if (what.figure === 'overdue') query.overdue = '1';
    if (what.figure === 'supervised') query.worklist = 'supervised';
  } else if ('period' in what) {
    // A day, or a month from its first to its last day (clipped to the filter's period).
    const from = what.period.length === 7 ? `${what.period}-01` : what.period;
    const to = what.period.length === 7 ? lastDayOfMonth(what.period) : what.period;
    query.from = filters.from && filters.from > from ? filters.from : from;
    query.to = filters.to && filters.to < to ? filters.to : to;
  } else Object.assign(query, what);
  return clean(query) as Record<string, string>;
}

function lastDayOfMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** The console path of the case list for a figure. */
export function drillDownPath(filters: StatsFilters, what: DrillDown): string {
  return `/cases?${new URLSearchParams(drillDownQuery(filters, what)).toString()}`;
}
