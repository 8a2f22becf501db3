/**
 * Demo rota and activities (issue #5), seeded with the demo organisation: weekly reception
 * rules at a few stations (the demo deputy among the rostered), the last three weeks of
 * receptions with attendance, the next two weeks published, and a handful of activities.
 * Dates follow the clock, so the demo always has a past and a future.
 */
import { addCalendarDays, chinaDateOf, expandRota, type Clock } from '@lianxin/core';
import type { DeputyRecord, Repositories, UnitRecord } from '@lianxin/storage';
import { newId } from '../platform/adapters/ids';

const ROTA: Array<{ region: string; weekday: number; startTime: string; endTime: string }> = [
  { region: '安阳街道', weekday: 3, startTime: '09:00', endTime: '11:30' },
  { region: '安阳街道', weekday: 5, startTime: '14:30', endTime: '17:00' },
  { region: '塘下镇', weekday: 2, startTime: '09:00', endTime: '11:30' },
  { region: '玉海街道', weekday: 4, startTime: '09:00', endTime: '11:30' },
];

const ACTIVITIES: Array<{ region: string; kind: string; title: string; daysAgo: number; summary: string }> = [
  { region: '安阳街道', kind: 'research', title: '老旧小区改造专题调研', daysAgo: 12, summary: '走访三个老旧小区，听取居民对加装电梯、管网改造的意见。' },
  { region: '安阳街道', kind: 'forum', title: '“民生议事”座谈会', daysAgo: 5, summary: '与社区居民代表座谈，围绕停车难、菜市场改造收集意见建议。' },
  { region: '塘下镇', kind: 'inspection', title: '农村道路建设视察', daysAgo: 9, summary: '视察村道拓宽与安全设施建设进度。' },
  { region: '玉海街道', kind: 'training', title: '代表履职能力培训', daysAgo: 15, summary: '学习代表法和建议办理流程。' },
];

/** Seeds the demo rota and activities inside the demo seed's transaction. */
export async function seedDemoDuty(
  repos: Repositories,
  deps: { clock: Clock },
  input: { stations: UnitRecord[]; deputies: DeputyRecord[]; demoDeputyId: string | null; now: string },
): Promise<void> {
  const today = chinaDateOf(deps.clock.now());
  const from = addCalendarDays(today, -21);
  const to = addCalendarDays(today, 13);
  const paths = new Map((await repos.units.listActive()).map((u) => [u.id, u.path]));
  // Deputies are grouped at a station or at one of its liaison points.
  const deputiesAt = (station: UnitRecord) => input.deputies.filter((d) => d.homeUnitId && (paths.get(d.homeUnitId) ?? '').startsWith(station.path));
  for (const [i, slot] of ROTA.entries()) {
    const station = input.stations.find((s) => s.region === slot.region);
    if (!station) continue;
    const local = deputiesAt(station);
    const first = i === 0 && input.demoDeputyId ? input.demoDeputyId : local[i % Math.max(local.length, 1)]?.id;
    const second = local[(i + 2) % Math.max(local.length, 1)]?.id;
    const deputyIds = [...new Set([first, second].filter((d): d is string => !!d))];
    if (deputyIds.length === 0) continue;
    const rule = await repos.receptions.createRule({
      id: newId(),
      unitId: station.id,
      kind: 'weekly',
      weekday: slot.weekday,
      date: null,
      startTime: slot.startTime,
      endTime: slot.endTime,
      capacity: 6,
      deputyIds,
      validFrom: from,
      validTo: null,
      note: '演示排班',
      active: true,
      createdBy: null,
      now: input.now,
    });
    const occurrences = expandRota([rule], from, to);
    await repos.receptions.insertMissing(occurrences.map((o) => ({ ...o, id: newId(), unitPath: station.path, createdAt: input.now })));
    const past = (await repos.receptions.list({ from, to: addCalendarDays(today, -1) })).filter((r) => r.ruleId === rule.id);
    for (const [n, reception] of past.entries()) {
      await repos.receptions.recordAttendance(
        reception.deputyIds.map((deputyId, k) => ({
          receptionId: reception.id,
          deputyId,
          // Mostly present; now and then the second deputy missed one, so no-shows show up in the demo.
          status: k === 1 && n % 3 === 2 ? ('absent' as const) : ('attended' as const),
          note: null,
          recordedBy: null,
          recordedAt: input.now,
        })),
      );
    }
  }
  for (const a of ACTIVITIES) {
    const station = input.stations.find((s) => s.region === a.region);
    if (!station) continue;
    const local = deputiesAt(station)
      .slice(0, 3)
      .map((d) => d.id);
    const deputyIds = a.region === '安阳街道' && input.demoDeputyId ? [...new Set([input.demoDeputyId, ...local])] : local;
    await repos.activities.create({
      id: newId(),
      unitId: station.id,
      unitPath: station.path,
      kind: a.kind,
      title: a.title,
      date: addCalendarDays(today, -a.daysAgo),
      location: station.address,
      summary: a.summary,
      caseIds: [],
      deputyIds,
      photoIds: [],
      createdBy: null,
      now: input.now,
    });
  }
}
