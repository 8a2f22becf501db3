/**
 * A year of deputies' duty for the demo: a weekly reception at every station (rostered through
 * the reception service, the dates the nightly publication would have added since, attendance
 * as staff recorded it — mostly present, now and then absent or excused) and the stations'
 * activities (research, inspections, forums, training) with the opinions that came out of them.
 */
import { addCalendarDays, chinaDateOf, expandRota, type FixedClock } from '@lianxin/core';
import { inTransaction } from '@lianxin/storage';
import type { AppContext } from '../../context';
import { newId } from '../../platform/adapters/ids';
import { rng } from '../../cases/case-history';
import type { ActivityKind } from '../../activities/activity.service';
import type { DemoCaseSummary } from './demo-cases';
import type { DemoOrg } from './demo-org';

const ACTIVITIES: ReadonlyArray<readonly [kind: ActivityKind, title: string, summary: string]> = [
  ['research', '老旧小区改造专题调研', '走访辖区老旧小区，听取居民对加装电梯、管网改造和停车的意见建议。'],
  ['research', '农村生活污水治理调研', '实地查看村级污水处理设施运行情况，与村干部座谈。'],
  ['inspection', '民生实事项目推进视察', '视察年度民生实事项目建设进度，听取相关部门汇报。'],
  ['inspection', '校园周边交通安全视察', '查看学校周边道路、信号灯和接送区设置，提出整改建议。'],
  ['forum', '“民生议事”座谈会', '与社区居民代表座谈，围绕停车难、菜市场改造收集意见建议。'],
  ['forum', '企业家恳谈会', '听取辖区企业对营商环境、用工和融资的意见。'],
  ['training', '代表履职能力培训', '学习代表法和建议办理流程，交流联系群众的做法。'],
  ['theme', '“代表进网格”主题活动', '代表走进网格，面对面听取群众诉求，现场解答政策问题。'],
  ['reception', '集中接待选民日', '代表集中接待选民，现场登记群众反映的问题并跟踪办理。'],
];

/** Rosters, receptions with attendance, and activities over the year before `end`. */
export async function seedDemoDutyYear(ctx: AppContext, clock: FixedClock, org: DemoOrg, input: { end: Date; days: number; cases: DemoCaseSummary[] }) {
  const random = rng(4242);
  const today = chinaDateOf(input.end);
  const from = addCalendarDays(today, -input.days);
  const lastPast = addCalendarDays(today, -1);
  const existing = await ctx.repos.receptions.listRules({});
  let receptions = 0;
  let activities = 0;
  for (const [i, station] of org.stations.entries()) {
    if (station.deputies.length === 0) continue;
    const current = existing.find((r) => r.unitId === station.unit.id);
    const deputyIds = station.deputies.slice(0, Math.min(3, station.deputies.length)).map((d) => d.id);
    // Stations that already have this month's rota had an older one before it.
    const validTo = current ? addCalendarDays(current.validFrom, -1) : null;
    clock.set(new Date(Date.parse(`${from}T01:00:00.000Z`)));
    const rule = await ctx.receptions.createRule(station.staff, {
      unitId: station.unit.id,
      kind: 'weekly',
      weekday: 1 + (i % 5),
      startTime: i % 2 ? '14:30' : '09:00',
      endTime: i % 2 ? '17:00' : '11:30',
      capacity: 6,
      deputyIds,
      validFrom: from,
      validTo,
      note: '常态化接待',
    });
    const until = validTo ?? addCalendarDays(today, 13);
    // What the nightly publication added day by day since then, and the attendance staff recorded
    // (one transaction: the repositories write row by row).
    receptions += await inTransaction(ctx.storage.db, async (repos) => {
      await repos.receptions.insertMissing(
        expandRota([rule], from, until).map((o) => ({ ...o, id: newId(), unitPath: station.unit.path, createdAt: `${o.date}T00:05:00.000+08:00` })),
      );
      const held = (await repos.receptions.list({ from, to: lastPast, underPath: station.unit.path })).filter((r) => r.ruleId === rule.id);
      const attendance = held.flatMap((reception) =>
        reception.deputyIds.map((deputyId) => {
          const r = random();
          return {
            receptionId: reception.id,
            deputyId,
            status: r < 0.88 ? ('attended' as const) : r < 0.95 ? ('excused' as const) : ('absent' as const),
            note: null,
            recordedBy: station.staff.userId,
            recordedAt: `${reception.date}T09:00:00.000Z`,
          };
        }),
      );
      if (attendance.length) await repos.receptions.recordAttendance(attendance);
      return held.length;
    });

    // Three to five activities a year per station, each with the opinions it brought in.
    const count = 3 + Math.floor(random() * 3);
    const ownCases = input.cases.filter((c) => c.status === 'closed' && c.unitPath.startsWith(station.unit.path));
    for (let k = 0; k < count; k++) {
      const [kind, title, summary] = ACTIVITIES[Math.floor(random() * ACTIVITIES.length)];
      const date = addCalendarDays(today, -(3 + Math.floor(random() * (input.days - 5))));
      clock.set(new Date(Date.parse(`${date}T10:00:00.000Z`)));
      // Opinions the station took in during the three days before.
      const linked = ownCases.filter((c) => chinaDateOf(c.createdAt) <= date && chinaDateOf(c.createdAt) >= addCalendarDays(date, -3)).map((c) => c.id);
      await ctx.activities.create(station.staff, {
        unitId: station.unit.id,
        kind,
        title,
        date,
        location: `${station.unit.region ?? ''}便民服务中心`,
        summary,
        deputyIds: station.deputies.slice(0, 2 + Math.floor(random() * 3)).map((d) => d.id),
        caseIds: linked.slice(0, 3),
      });
      activities++;
    }
  }
  return { receptions, activities };
}
