/**
 * Gathers what happened in a period — cases with their event chains, receptions with
 * attendance, activities — and turns it into per-subject metrics for core's scoring.
 * Everything is recomputed from records; nothing is counted on the side.
 */
import {
  caseFacts,
  chinaDateOf,
  DEPUTY_LEVELS,
  LABELS,
  type CaseFacts,
  type EvaluationMetric,
  type EvaluationPeriod,
  type EvaluationSubject,
  type PeerGroupBy,
  type SubjectFacts,
} from '@lianxin/core';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { ActivityRecord, AttendanceRecord, EvaluationCaseRow, ReceptionRecord, Repositories } from '@lianxin/storage';

/** One case of the period with its derived facts. */
export interface PeriodCase {
  row: EvaluationCaseRow;
  facts: CaseFacts;
  /** Id of the station (second path segment) the case belongs to, if any. */
  stationId: string | null;
}

/** Everything of a period the metrics are computed from. */
export interface PeriodData {
  period: EvaluationPeriod;
  asOf: string;
  cases: PeriodCase[];
  receptions: ReceptionRecord[];
  attendance: AttendanceRecord[];
  activities: ActivityRecord[];
}

/** The station id of a materialized path `/hub/station/…/`. */
export function stationOf(path: string | null): string | null {
  const parts = (path ?? '').split('/').filter(Boolean);
  return parts.length >= 2 ? parts[1] : null;
}

/** Loads a period's records, as of `now` (a running period counts what happened so far). */
/** Cases (with their events) read per statement while a period loads. */
const PERIOD_SLICE = 500;

export async function loadPeriod(repos: Repositories, period: EvaluationPeriod, now: Date): Promise<PeriodData> {
  const asOf = new Date(Math.min(now.getTime(), Date.parse(period.to))).toISOString();
  const lastDay = chinaDateOf(asOf) < period.lastDate ? chinaDateOf(asOf) : period.lastDate;
  // In slices with a turn of the event loop between them: a month at a million cases is tens of
  // thousands of cases with their events (seconds of reading and deriving facts in one go).
  const cases: PeriodCase[] = [];
  for (let after: { createdAt: string; id: string } | undefined; ;) {
    const rows = await repos.evaluations.casesWithEvents(period.from, period.to, { after, limit: PERIOD_SLICE });
    for (const row of rows) cases.push({ row, facts: caseFacts(row.events, asOf), stationId: stationOf(row.unitPath) });
    await yieldToLoop();
    const last = rows.at(-1);
    if (!last || rows.length < PERIOD_SLICE) break;
    after = { createdAt: last.createdAt, id: last.id };
  }
  const receptions = lastDay >= period.firstDate ? await repos.receptions.list({ from: period.firstDate, to: lastDay }) : [];
  const attendance = await repos.receptions.attendanceFor(receptions.map((r) => r.id));
  const activities: ActivityRecord[] = [];
  for (let page = 1; page <= 100; page++) {
    const batch = await repos.activities.list({ from: period.firstDate, to: period.lastDate, page, pageSize: 500 });
    activities.push(...batch.items);
    if (batch.items.length < 500) break;
  }
  return { period, asOf, cases, receptions, attendance, activities };
}

/** Handling metrics of a set of cases. */
export function handlingMetrics(cases: readonly PeriodCase[]): Partial<Record<EvaluationMetric, number>> {
  const count = (pred: (f: CaseFacts) => boolean) => cases.filter((c) => pred(c.facts)).length;
  return {
    opinions: cases.length,
    opinionsAccepted: count((f) => f.status !== null && !['submitted', 'rejected', 'merged'].includes(f.status)),
    casesAssigned: count((f) => f.assigned),
    signed: count((f) => f.signed),
    signedOnTime: count((f) => f.signed && f.signedOnTime),
    replied: count((f) => f.replied),
    repliedOnTime: count((f) => f.replied && f.repliedOnTime),
    closed: count((f) => f.closed),
    returnedOrReopened: count((f) => f.returned || f.reopened),
    rated: count((f) => f.rating !== null),
    satisfiedOrBasic: count((f) => f.rating === 'satisfied' || f.rating === 'basically_satisfied'),
    unsatisfied: count((f) => f.rating === 'unsatisfied'),
    overdue: count((f) => f.overdue),
    converted: count((f) => f.converted),
  };
}

/** Per-deputy reception figures: rostered (not cancelled), attended, marked absent. */
export function deputyReceptionFigures(data: PeriodData, deputyId: string) {
  const scheduled = data.receptions.filter((r) => r.status === 'scheduled' && r.deputyIds.includes(deputyId));
  const mine = data.attendance.filter((a) => a.deputyId === deputyId);
  const attendedIds = new Set(mine.filter((a) => a.status === 'attended').map((a) => a.receptionId));
  return {
    planned: scheduled.length,
    held: data.receptions.filter((r) => r.status === 'scheduled' && attendedIds.has(r.id)).length,
    missed: mine.filter((a) => a.status === 'absent').length,
    attendedIds,
  };
}

/** Opinions a deputy brought in: addressed to them, collected at receptions they attended, or from their activities. */
export function deputyOpinionCases(data: PeriodData, deputyId: string, attendedIds: Set<string>): PeriodCase[] {
  const fromActivities = new Set(data.activities.filter((a) => a.deputyIds.includes(deputyId)).flatMap((a) => a.caseIds));
  return data.cases.filter(
    (c) => c.row.targetDeputyId === deputyId || (c.row.receptionId && attendedIds.has(c.row.receptionId)) || fromActivities.has(c.row.id),
  );
}

/** `fn` of each item, with a turn of the event loop after each (a subject's figures filter every case of the period). */
async function mapInTurns<T, R>(items: readonly T[], fn: (item: T) => R): Promise<R[]> {
  const out: R[] = [];
  for (const item of items) {
    out.push(fn(item));
    await yieldToLoop();
  }
  return out;
}

/** Subject facts for every subject of `subject` kind. */
export async function subjectFacts(
  repos: Repositories,
  data: PeriodData,
  subject: EvaluationSubject,
  peerGroupBy: PeerGroupBy,
  inputs: Map<string, Record<string, number>>,
): Promise<SubjectFacts[]> {
  if (subject === 'unit') {
    const units = (await repos.units.listActive()).filter((u) => u.kind === 'station');
    const deputies = (await repos.deputies.list({ pageSize: 500 })).items.filter((d) => d.active);
    const unitPaths = new Map((await repos.units.listActive()).map((u) => [u.id, u.path]));
    return mapInTurns(units, (u) => {
      const under = (path: string | null) => !!path && path.startsWith(u.path);
      const receptions = data.receptions.filter((r) => r.status === 'scheduled' && under(r.unitPath));
      const ids = new Set(receptions.map((r) => r.id));
      const attended = new Set(data.attendance.filter((a) => ids.has(a.receptionId) && a.status === 'attended').map((a) => a.receptionId));
      const activities = data.activities.filter((a) => under(a.unitPath));
      const home = deputies.filter((d) => under(d.homeUnitId ? (unitPaths.get(d.homeUnitId) ?? null) : null));
      const activeDeputies = new Set([
        ...data.attendance.filter((a) => a.status === 'attended').map((a) => a.deputyId),
        ...data.activities.flatMap((a) => a.deputyIds),
      ]);
      const metrics: Partial<Record<EvaluationMetric, number>> = {
        ...handlingMetrics(data.cases.filter((c) => under(c.row.unitPath))),
        receptionsPlanned: receptions.length,
        receptionsHeld: attended.size,
        receptionsMissed: data.attendance.filter((a) => ids.has(a.receptionId) && a.status === 'absent').length,
        deputiesTotal: home.length,
        deputiesActive: home.filter((d) => activeDeputies.has(d.id)).length,
        activities: activities.length,
      };
      return { subjectId: u.id, name: u.name, peerGroup: peerGroupBy === 'regionType' ? u.regionType : null, metrics, inputs: inputs.get(u.id) ?? {} };
    });
  }
  if (subject === 'deputy') {
    const deputies = (await repos.deputies.list({ pageSize: 500 })).items.filter((d) => d.active);
    return mapInTurns(deputies, (d) => {
      const r = deputyReceptionFigures(data, d.id);
      const handled = data.cases.filter((c) => c.facts.handlerDeputyId === d.id);
      const collected = deputyOpinionCases(data, d.id, r.attendedIds);
      const topLevel = DEPUTY_LEVELS.find((l) => d.levels.includes(l)) ?? null;
      const metrics: Partial<Record<EvaluationMetric, number>> = {
        ...handlingMetrics(handled),
        opinions: collected.length,
        converted: collected.filter((c) => c.facts.converted).length,
        receptionsPlanned: r.planned,
        receptionsHeld: r.held,
        receptionsMissed: r.missed,
        activities: data.activities.filter((a) => a.deputyIds.includes(d.id)).length,
      };
      const peerGroup = peerGroupBy === 'level' && topLevel ? LABELS.deputyLevel[topLevel].zh : null;
      return { subjectId: d.id, name: d.name, peerGroup, metrics, inputs: inputs.get(d.id) ?? {} };
    });
  }
  const departments = (await repos.departments.list({ pageSize: 500 })).items.filter((d) => d.active);
  return mapInTurns(departments, (d) => ({
    subjectId: d.id,
    name: d.name,
    peerGroup: null,
    metrics: handlingMetrics(data.cases.filter((c) => c.facts.handlerDepartmentId === d.id)),
    inputs: inputs.get(d.id) ?? {},
  }));
}
