/**
 * What the demo's boards show: the office's premises inspection scores and bonus items, the
 * published evaluation results (红黑榜) of the last months and the last quarter, computed by the
 * evaluation service from the year's cases, receptions and activities at the moment they were
 * published; and the comparison page's indicators with each station's monthly values.
 */
import { addCalendarDays, chinaDateOf, parsePeriod, type FixedClock } from '@lianxin/core';
import type { AppContext } from '../../context';
import { rng } from '../../cases/case-history';
import type { DemoOrg } from './demo-org';

const COMPARISON: ReadonlyArray<readonly [name: string, unit: string, higherIsBetter: boolean, base: number, spread: number]> = [
  ['群众满意率', '%', true, 88, 10],
  ['按期答复率', '%', true, 85, 12],
  ['代表进站接待人次', '人次', true, 20, 25],
  ['平均办理天数', '工作日', false, 6, 5],
];

/** Month keys (`YYYY-MM`) of the `count` complete months before `end`, oldest first. */
function pastMonths(end: Date, count: number): string[] {
  const [y, m] = chinaDateOf(end).split('-').map(Number);
  return Array.from({ length: count }, (_, k) => {
    const index = y * 12 + (m - 1) - (count - k);
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  });
}

/** The last complete quarter before `end` (`YYYY-Qn`). */
function lastQuarter(end: Date): string {
  const [y, m] = chinaDateOf(end).split('-').map(Number);
  const q = Math.floor((m - 1) / 3);
  return q === 0 ? `${y - 1}-Q4` : `${y}-Q${q}`;
}

/** Publishes the boards; returns the periods published per scheme. */
export async function seedDemoRankings(ctx: AppContext, clock: FixedClock, org: DemoOrg, input: { end: Date; months: number }) {
  const random = rng(99);
  const admin = org.admin;
  await ctx.evaluations.ensureDefaults();
  const schemes = await ctx.evaluations.listSchemes(admin);
  const station = schemes.find((s) => s.subject === 'unit');
  const published: Record<string, string[]> = {};
  const publish = async (schemeId: string, period: string) => {
    // Results are published a few days after the period ends, once the office checked them.
    const after = parsePeriod(period).lastDate;
    clock.set(new Date(`${addCalendarDays(after, 5)}T02:00:00.000Z`));
    if (clock.now() >= input.end) return;
    if (schemeId === station?.id) {
      for (const s of org.stations) {
        await ctx.evaluations.setInput(admin, schemeId, {
          period,
          subjectId: s.unit.id,
          key: 'premises',
          value: 6 + Math.round(random() * 8) / 2,
          note: '阵地建设检查',
        });
        if (random() < 0.15)
          await ctx.evaluations.setInput(admin, schemeId, {
            period,
            subjectId: s.unit.id,
            key: 'bonus',
            value: 1 + Math.floor(random() * 3),
            note: '特色工作创新',
          });
      }
    }
    await ctx.evaluations.publish(admin, schemeId, period);
    (published[schemeId] ??= []).push(period);
  };
  const months = pastMonths(input.end, input.months);
  if (station) for (const month of months) await publish(station.id, month);
  const quarter = lastQuarter(input.end);
  for (const scheme of schemes) await publish(scheme.id, quarter);

  // The comparison page: indicators and each station's value for the last three months.
  clock.set(new Date(input.end.getTime() - 40 * 86_400_000));
  const indicators: Array<{ id: string }> = [];
  for (const [name, unit, higherIsBetter] of COMPARISON)
    indicators.push(await ctx.supervision.addComparisonIndicator(org.supervisor, { name, unit, higherIsBetter }));
  for (const month of months.slice(-3)) {
    clock.set(new Date(`${addCalendarDays(parsePeriod(month).lastDate, 3)}T02:00:00.000Z`));
    if (clock.now() >= input.end) continue;
    const values = org.stations.flatMap((s) =>
      indicators.map((indicator, k) => {
        const [, , , base, spread] = COMPARISON[k];
        return { indicatorId: indicator.id, unitId: s.unit.id, value: Math.round((base + random() * spread) * 10) / 10 };
      }),
    );
    await ctx.supervision.setValues(org.supervisor, month, values);
  }
  clock.set(input.end);
  return published;
}
