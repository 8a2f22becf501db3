/**
 * The case list's total from the statistics roll-up, when the roll-up can answer it: counting a
 * million rows for every page takes longer than the page itself, while the trigger-kept roll-up
 * has the same number in a few rows (the statistics tests hold it equal to the list's count). It
 * answers lists filtered only by scope, unit, top-level category, department and channel, with
 * no status filter or exactly `closed` (a measure of the roll-up); anything else is counted.
 */
import type { CaseListOptions, CaseVisibility, CategoryRecord, Repositories } from '@lianxin/storage';
import { planRollup } from '../stats/stats-plan';

/** Every roll-up year: the whole table. */
const ALL_TIME = [{ grain: 'y' as const, from: '0', to: '9~' }];

/** Filters the roll-up does not key. */
const UNKEYED: Array<keyof CaseListOptions> = ['q', 'from', 'to', 'overdueAt', 'flagged', 'supervised', 'dueBefore', 'dueAfter', 'deputyId'];

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
  const rows = await repos.stats.rollupByUnit(plan.scope, plan.base, ALL_TIME);
  return rows.reduce((n, r) => n + (status.length ? r.closed : r.received), 0);
}
