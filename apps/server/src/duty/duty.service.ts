/**
 * Duty records (履职档案): per deputy and year, exactly the receptions they were rostered
 * for (with attendance), the activities they took part in and the cases they handled or
 * brought in, with points from the admin-editable rule table.
 */
import { AppError, DEFAULT_DUTY_RULES, DUTY_ITEMS, dutyPoints, parsePeriod, type DutyRule } from '@lianxin/core';
import { inTransaction } from '@lianxin/storage';
import { maskForStaff } from '@lianxin/text';
import type { ServiceDeps } from '../platform/deps';
import { authorize, type RequestActor } from '../auth/actor';
import { deputyOpinionCases, deputyReceptionFigures, loadPeriod } from '../evaluation/evaluation-facts';

const RULES_KEY = 'duty.rules';

/** Duty records and their point rules. */
export class DutyService {
  constructor(private readonly deps: Pick<ServiceDeps, 'audit' | 'clock' | 'repos' | 'storage'>) {}

  /** The point rules in force. */
  async rules(): Promise<DutyRule[]> {
    const stored = await this.deps.repos.settings.get<DutyRule[]>(RULES_KEY);
    if (!stored) return DEFAULT_DUTY_RULES;
    // Items added in later versions get their default points.
    return DEFAULT_DUTY_RULES.map((d) => stored.find((s) => s.item === d.item) ?? d);
  }

  /** Replaces the point rules (admins). */
  async setRules(actor: RequestActor, rules: DutyRule[]): Promise<DutyRule[]> {
    authorize(actor, 'evaluation.manage');
    const unknown = rules.filter((r) => !(DUTY_ITEMS as readonly string[]).includes(r.item));
    if (unknown.length)
      throw new AppError('VALIDATION_FAILED', { details: unknown.map((r, i) => ({ path: `rules.${i}.item`, code: 'invalid', message: r.item })) });
    const now = this.deps.clock.now().toISOString();
    await inTransaction(this.deps.storage.db, async (repos) => {
      await repos.settings.set(RULES_KEY, rules, now);
      await this.deps.audit.record(actor, { action: 'duty.rules', entity: 'settings', entityId: RULES_KEY, payload: { rules } }, repos);
    });
    return this.rules();
  }

  /** The duty record of one deputy for one year. */
  async record(actor: RequestActor, deputyId: string, year: number) {
    const deputy = await this.deps.repos.deputies.find(deputyId);
    if (!deputy) throw new AppError('RESOURCE_NOT_FOUND', { message: 'Deputy not found.' });
    const home = deputy.homeUnitId ? await this.deps.repos.units.find(deputy.homeUnitId) : undefined;
    authorize(actor, 'duty.view', { deputyId, unitPath: home?.path ?? null });
    const period = parsePeriod(String(year));
    const data = await loadPeriod(this.deps.repos, period, this.deps.clock.now());
    const units = new Map((await this.deps.repos.units.listActive()).map((u) => [u.id, u.name]));

    const figures = deputyReceptionFigures(data, deputyId);
    const attendance = new Map(data.attendance.filter((a) => a.deputyId === deputyId).map((a) => [a.receptionId, a.status]));
    // Rostered receptions, plus ones the deputy stood in for.
    const receptions = data.receptions
      .filter((r) => r.deputyIds.includes(deputyId) || attendance.has(r.id))
      .map((r) => ({
        id: r.id,
        date: r.date,
        startTime: r.startTime,
        endTime: r.endTime,
        unitId: r.unitId,
        unitName: units.get(r.unitId) ?? '',
        status: r.status,
        attendance: attendance.get(r.id) ?? null,
      }));
    const activities = data.activities
      .filter((a) => a.deputyIds.includes(deputyId))
      .map((a) => ({ id: a.id, date: a.date, kind: a.kind, title: a.title, unitId: a.unitId, unitName: units.get(a.unitId) ?? '', caseIds: a.caseIds }));
    const handled = data.cases.filter((c) => c.facts.handlerDeputyId === deputyId);
    const collected = deputyOpinionCases(data, deputyId, figures.attendedIds);
    const byId = new Map([...handled, ...collected].map((c) => [c.row.id, c]));
    const cases = [...byId.values()].map((c) => ({
      id: c.row.id,
      trackingCode: c.row.trackingCode,
      title: maskForStaff(c.row.title),
      status: c.facts.status ?? c.row.status,
      createdAt: c.row.createdAt,
      roles: [...(handled.includes(c) ? ['handled'] : []), ...(collected.includes(c) ? ['collected'] : [])] as Array<'handled' | 'collected'>,
      rating: c.facts.rating,
      onTime: c.facts.replied ? c.facts.repliedOnTime : null,
      overdue: c.facts.overdue,
    }));
    const counts = {
      reception_attended: receptions.filter((r) => r.attendance === 'attended').length,
      reception_missed: receptions.filter((r) => r.attendance === 'absent').length,
      activity: activities.length,
      opinion_collected: collected.length,
      case_handled: handled.length,
      case_satisfied: handled.filter((c) => c.facts.rating === 'satisfied' || c.facts.rating === 'basically_satisfied').length,
      case_unsatisfied: handled.filter((c) => c.facts.rating === 'unsatisfied').length,
      case_overdue: handled.filter((c) => c.facts.overdue).length,
      suggestion: collected.filter((c) => c.facts.converted).length,
    };
    const points = dutyPoints(counts, await this.rules());
    return {
      deputy: { id: deputy.id, name: deputy.name, levels: deputy.levels, homeUnitId: deputy.homeUnitId, homeUnitName: home?.name ?? null },
      year,
      asOf: data.asOf,
      summary: {
        receptionsRostered: figures.planned,
        receptionsAttended: counts.reception_attended,
        receptionsMissed: counts.reception_missed,
        activities: counts.activity,
        opinionsCollected: counts.opinion_collected,
        casesHandled: counts.case_handled,
        casesSatisfied: counts.case_satisfied,
        suggestions: counts.suggestion,
      },
      receptions,
      activities,
      cases,
      points,
    };
  }
}
