/**
 * The case list's total from the statistics roll-up, when the roll-up can answer it: counting a
 * million rows for every page takes longer than the page itself, while the trigger-kept roll-up
 * has the same number in a few rows (the statistics tests hold it equal to the list's count). It
 * answers lists filtered only by scope, unit, top-level category, department, channel and a
 * creation period, with no status filter or exactly `closed` (a measure of the roll-up); anything
 * else is counted. A period is read as the overview reads it (stats-plan.ts): whole China-time
 * years, months and days from the roll-up, the parts of a day at either end from the cases.
 */
import type { CaseListOptions, CaseVisibility, CategoryRecord, Repositories } from '@lianxin/storage';
import { periodPieces, planRollup, splitDays } from '../stats/stats-plan';

/** Every roll-up year: the whole table. */
const ALL_TIME = [{ grain: 'y' as const, from: '0', to: '9~' }];

/** Filters the roll-up does not key. */
const UNKEYED: Array<keyof CaseListOptions> = ['q', 'overdueAt', 'flagged', 'supervised', 'dueBefore', 'dueAfter', 'deputyId'];

/** The exact total of the list, or undefined when it must be counted. */
export async function rollupTotal(repos: Repositories, visibility: CaseVisibility, options: CaseListOptions): Promise<number | undefined> {
  if (UNKEYED.some((k) => options[k] !== undefined && options[k] !== false && options[k] !== '')) return undefined;
  const status = options.status ?? [];
  if (status.length > 1 || (status.length === 1 && status[0] !== 'closed')) return undefined;
  let categories = new Map<string, CategoryRecord>();
  if (options.categoryId) {
    const category = await repos.categories.find(options.categoryId);
    if (!category) return undefined;
    categories = new Map([[category.id, category]]);
  }
  const plan = planRollup(
    {
      visibility,
      unitId: options.unitId,
      underPath: options.underPath,
      categoryId: options.categoryId,
      departmentId: options.departmentId,
      channel: options.channel,
    },
    categories,
  );
  if (!plan) return undefined;
  const count = (r: { closed: number; received: number }) => (status.length ? r.closed : r.received);
  if (!options.from && !options.to) return (await repos.stats.rollupByUnit(plan.scope, plan.base, ALL_TIME)).reduce((n, r) => n + count(r), 0);
  const split = splitDays({ from: options.from, to: options.to });
  const pieces = split.days ? periodPieces(split.days.from, split.days.to, { years: true, months: true }) : [];
  const filter = {
    visibility,
    unitId: options.unitId,
    underPath: options.underPath,
    categoryId: options.categoryId,
    departmentId: options.departmentId,
    channel: options.channel,
  };
  const [rows, edges] = await Promise.all([
    pieces.length ? repos.stats.rollupByUnit(plan.scope, plan.base, pieces) : [],
    Promise.all(split.edges.map((edge) => repos.stats.directGroups(filter, edge))),
  ]);
  return [...rows, ...edges.flat()].reduce((n, r) => n + count(r), 0);
}
