/**
 * Key supervision (重点督办) and public comparison (晾晒比拼). A key item is a registered
 * suggestion or motion a leader has taken: it gets a KPI tree with periodic reports (progress
 * rolled up by weight, core `rollUpKpis`) and an issue list whose items close only with
 * evidence — a statement and at least one file (限时销号) — and escalate when overdue. Units are ranked on indicators per period (core `rankIndicator`).
 */
import {
  AppError,
  canSeeProposal,
  endOfChinaDay,
  overallProgress,
  overallStanding,
  previousPeriod,
  proposalScopeTarget,
  rankIndicator,
  rollUpKpis,
  type KpiNode,
  visibility,
} from '@lianxin/core';
import { inTransaction, type AttachmentRecord, type IssueItemRecord, type KpiIndicatorRecord, type KpiReportRecord } from '@lianxin/storage';
import type { ServiceDeps } from '../platform/deps';
import { newId } from '../platform/adapters/ids';
import { authorize, type RequestActor } from '../auth/actor';
import type { CalendarService } from '../org/calendar.service';
import { escalateOverdueIssues } from './issue-escalation';
import { isFreeUploadOf, unusableAttachments } from '../platform/attachment.service';
import { toProposalSnapshot } from '../proposals/proposal-store';

/** An evidence file as the issue list shows it (download through the issue, which checks access). */
function evidenceFile(issueId: string, a: AttachmentRecord) {
  return { id: a.id, mime: a.mime, size: a.size, originalName: a.originalName, url: `/api/v1/issues/${issueId}/evidence/${a.id}` };
}

/** An indicator with its computed progress, latest value and children (for the API). */
export interface KpiTreeNode extends KpiIndicatorRecord {
  latest: number | null;
  progress: number;
  children: KpiTreeNode[];
}

function toTree(node: KpiNode<KpiIndicatorRecord>): KpiTreeNode {
  return { ...node.indicator, latest: node.latest, progress: node.progress, children: node.children.map(toTree) };
}

/** Key items, KPI trees, issue lists and comparison rankings. */
export class SupervisionService {
  constructor(
    private readonly deps: Pick<ServiceDeps, 'audit' | 'clock' | 'repos' | 'storage'>,
    private readonly calendars: CalendarService,
  ) {}

  /** The proposal if the caller may see it, with the departments that answer for it as its units. */
  private async proposal(actor: RequestActor, id: string) {
    const record = await this.deps.repos.proposals.find(id);
    const snapshot = record ? toProposalSnapshot(record, await this.deps.repos.proposals.cosigners(id)) : null;
    if (!record || !snapshot || !canSeeProposal(actor, snapshot)) throw new AppError('RESOURCE_NOT_FOUND', { message: 'Proposal not found.' });
    const units = proposalScopeTarget(snapshot).departmentIds ?? [];
    return { record, snapshot, units };
  }

  /** The KPI tree with reports and overall progress. */
  async kpis(actor: RequestActor, proposalId: string) {
    await this.proposal(actor, proposalId);
    const indicators = await this.deps.repos.supervision.indicators(proposalId);
    const reports = await this.deps.repos.supervision.reports(proposalId);
    const latest = new Map<string, number>();
    for (const r of reports) latest.set(r.indicatorId, r.value); // oldest first: the last one wins
    const roots = rollUpKpis(indicators, latest);
    return { items: roots.map(toTree), overallProgress: overallProgress(roots), reports };
  }

  /** Adds an indicator (office). */
  async addIndicator(
    actor: RequestActor,
    proposalId: string,
    input: {
      parentId?: string | null | undefined;
      name: string;
      unit: string;
      baseline: number;
      target: number;
      period: string;
      departmentId?: string | null | undefined;
      weight: number;
    },
  ): Promise<KpiIndicatorRecord> {
    authorize(actor, 'supervision.manage');
    const { record } = await this.proposal(actor, proposalId);
    if (['draft', 'submitted', 'rejected', 'withdrawn'].includes(record.status))
      throw new AppError('PROPOSAL_INVALID_TRANSITION', { message: 'Indicators are set on registered items.' });
    const existing = await this.deps.repos.supervision.indicators(proposalId);
    if (input.parentId && !existing.some((i) => i.id === input.parentId))
      throw new AppError('REFERENCE_INVALID', { details: [{ path: 'parentId', code: 'not_found' }] });
    if (input.departmentId && !(await this.deps.repos.departments.find(input.departmentId))?.active)
      throw new AppError('REFERENCE_INVALID', { details: [{ path: 'departmentId', code: 'not_found' }] });
    const indicator: KpiIndicatorRecord = {
      id: newId(),
      proposalId,
      parentId: input.parentId ?? null,
      name: input.name,
      unit: input.unit,
      baseline: input.baseline,
      target: input.target,
      period: input.period,
      departmentId: input.departmentId ?? null,
      weight: input.weight,
      sortOrder: existing.length,
      createdAt: this.deps.clock.now().toISOString(),
    };
    await inTransaction(this.deps.storage.db, async (trx) => {
      await trx.supervision.addIndicator(indicator);
      await this.deps.audit.record(actor, { action: 'kpi.indicator.add', entity: 'proposal', entityId: proposalId, summary: input.name }, trx);
    });
    return indicator;
  }

  /** A periodic report on an indicator, by its owning department, an assigned unit or the office. */
  async report(
    actor: RequestActor,
    proposalId: string,
    indicatorId: string,
    input: { period: string; value: number; note?: string | undefined },
  ): Promise<KpiReportRecord> {
    const { units } = await this.proposal(actor, proposalId);
    const indicator = (await this.deps.repos.supervision.indicators(proposalId)).find((i) => i.id === indicatorId);
    if (!indicator) throw new AppError('RESOURCE_NOT_FOUND', { message: 'Indicator not found.' });
    authorize(actor, 'supervision.report', { departmentId: indicator.departmentId, departmentIds: units });
    const report: KpiReportRecord = {
      id: newId(),
      indicatorId,
      period: input.period,
      value: input.value,
      note: input.note ?? null,
      reportedBy: actor.userId,
      reportedAt: this.deps.clock.now().toISOString(),
    };
    await inTransaction(this.deps.storage.db, async (trx) => {
      await trx.supervision.addReport(report);
      await this.deps.audit.record(
        actor,
        { action: 'kpi.report', entity: 'proposal', entityId: proposalId, summary: `${indicator.name}: ${input.value}` },
        trx,
      );
    });
    return report;
  }

  /** The issue list, each item flagged when overdue or escalated, with its evidence files. */
  async issues(actor: RequestActor, proposalId: string) {
    await this.proposal(actor, proposalId);
    return this.present(await this.deps.repos.supervision.issues({ proposalId }));
  }

  /**
   * Open items past their deadline across all key items, escalated first (the cockpit and the
   * supervision page): the office sees all, a department its own, others none.
   */
  async overdueList(actor: RequestActor) {
    const scope = visibility('supervisionItem', actor);
    if (!scope.all && !scope.departmentId) return [];
    const items = await this.deps.repos.supervision.issues({
      openDueBefore: this.deps.clock.now().toISOString(),
      ...(scope.all ? {} : { departmentId: scope.departmentId }),
    });
    const titles = new Map<string, string>();
    for (const id of new Set(items.map((i) => i.proposalId))) titles.set(id, (await this.deps.repos.proposals.find(id))?.title ?? '');
    const presented = await this.present(items);
    return presented.map((i) => ({ ...i, proposalTitle: titles.get(i.proposalId) ?? '' })).sort((a, b) => Number(b.escalated) - Number(a.escalated));
  }

  /** Issues with their derived flags and evidence files. */
  private async present(items: IssueItemRecord[]) {
    const now = this.deps.clock.now().getTime();
    const files = new Map((await this.deps.repos.attachments.findMany(items.flatMap((i) => i.evidenceAttachmentIds))).map((a) => [a.id, a]));
    return items.map((i) => {
      const due = new Date(i.dueAt).getTime();
      return {
        ...i,
        overdue: i.status === 'open' && now > due,
        escalated: i.status === 'open' && i.escalationStep >= 2,
        closedLate: i.status === 'closed' && !!i.closedAt && new Date(i.closedAt).getTime() > due,
        evidenceFiles: i.evidenceAttachmentIds.flatMap((id) => (files.has(id) ? [evidenceFile(i.id, files.get(id)!)] : [])),
      };
    });
  }

  /** An evidence file of an issue the caller may see (404 otherwise). */
  async evidence(actor: RequestActor, issueId: string, attachmentId: string): Promise<AttachmentRecord> {
    const issue = await this.deps.repos.supervision.findIssue(issueId);
    if (!issue || !issue.evidenceAttachmentIds.includes(attachmentId)) throw new AppError('RESOURCE_NOT_FOUND');
    await this.proposal(actor, issue.proposalId);
    const file = await this.deps.repos.attachments.find(attachmentId);
    if (!file) throw new AppError('RESOURCE_NOT_FOUND');
    return file;
  }

  /** Adds an item with a deadline (office); the deadline is the end of that day in China. */
  async addIssue(actor: RequestActor, proposalId: string, input: { title: string; departmentId?: string | null | undefined; dueDate: string }) {
    authorize(actor, 'supervision.manage');
    await this.proposal(actor, proposalId);
    if (input.departmentId && !(await this.deps.repos.departments.find(input.departmentId))?.active)
      throw new AppError('REFERENCE_INVALID', { details: [{ path: 'departmentId', code: 'not_found' }] });
    const id = newId();
    const at = this.deps.clock.now().toISOString();
    await inTransaction(this.deps.storage.db, async (trx) => {
      await trx.supervision.addIssue({
        id,
        proposalId,
        title: input.title,
        departmentId: input.departmentId ?? null,
        dueAt: endOfChinaDay(input.dueDate).toISOString(),
        createdAt: at,
      });
      await this.deps.audit.record(actor, { action: 'issue.add', entity: 'issue', entityId: id, summary: input.title }, trx);
    });
    return id;
  }

  /** Closes an item with its evidence (限时销号): its department, an assigned unit or the office. */
  async closeIssue(actor: RequestActor, issueId: string, input: { expectedVersion: number; evidence: string; attachmentIds: string[] }) {
    const issue = await this.deps.repos.supervision.findIssue(issueId);
    if (!issue) throw new AppError('RESOURCE_NOT_FOUND');
    const { units } = await this.proposal(actor, issue.proposalId);
    authorize(actor, 'supervision.report', { departmentId: issue.departmentId, departmentIds: units });
    if (issue.status !== 'open') throw new AppError('ACTION_NOT_ALLOWED', { message: 'The item is already closed.' });
    const ids = [...new Set(input.attachmentIds)];
    // Evidence files are the closer's own fresh uploads: not a case's files, an activity's photos,
    // another item's evidence, nor someone else's. Marked in the closing transaction by a statement
    // that checks the same again, so a concurrent use of a file cannot slip in between.
    const uploader = { kind: 'user' as const, id: actor.userId };
    const usable = new Set((await this.deps.repos.attachments.findMany(ids)).filter((a) => isFreeUploadOf(a, uploader)).map((a) => a.id));
    const bad = ids.filter((id) => !usable.has(id));
    if (bad.length) throw unusableAttachments(bad);
    const at = this.deps.clock.now().toISOString();
    await inTransaction(this.deps.storage.db, async (trx) => {
      if ((await trx.attachments.claimForIssue(ids, issueId, uploader)) < ids.length) throw unusableAttachments(ids);
      await trx.supervision.closeIssue(issueId, input.expectedVersion, input.evidence, ids, actor.userId, at);
      await this.deps.audit.record(
        actor,
        { action: 'issue.close', entity: 'issue', entityId: issueId, summary: issue.title, payload: { attachmentIds: ids } },
        trx,
      );
    });
    return (await this.present([(await this.deps.repos.supervision.findIssue(issueId))!]))[0];
  }

  /** Comparison indicators. */
  async comparisonIndicators() {
    return this.deps.repos.supervision.comparisonIndicators();
  }

  /** Adds a comparison indicator (office). */
  async addComparisonIndicator(actor: RequestActor, input: { name: string; unit: string; higherIsBetter: boolean }) {
    authorize(actor, 'supervision.manage');
    const existing = await this.deps.repos.supervision.comparisonIndicators();
    const record = {
      id: newId(),
      name: input.name,
      unit: input.unit,
      higherIsBetter: input.higherIsBetter,
      sortOrder: existing.length,
      active: true,
      createdAt: this.deps.clock.now().toISOString(),
    };
    await inTransaction(this.deps.storage.db, async (trx) => {
      await trx.supervision.addComparisonIndicator(record);
      await this.deps.audit.record(
        actor,
        { action: 'comparison.indicator.add', entity: 'comparison_indicator', entityId: record.id, summary: input.name },
        trx,
      );
    });
    return record;
  }

  /** Sets units' values for a period (office). */
  async setValues(actor: RequestActor, period: string, values: Array<{ indicatorId: string; unitId: string; value: number }>) {
    authorize(actor, 'supervision.manage');
    const indicators = new Set((await this.deps.repos.supervision.comparisonIndicators()).map((i) => i.id));
    for (const [n, v] of values.entries()) {
      if (!indicators.has(v.indicatorId)) throw new AppError('REFERENCE_INVALID', { details: [{ path: `values.${n}.indicatorId`, code: 'not_found' }] });
      if (!(await this.deps.repos.units.find(v.unitId)))
        throw new AppError('REFERENCE_INVALID', { details: [{ path: `values.${n}.unitId`, code: 'not_found' }] });
    }
    const at = this.deps.clock.now().toISOString();
    await inTransaction(this.deps.storage.db, async (trx) => {
      await trx.supervision.upsertValues(
        values.map((v) => ({ ...v, period })),
        at,
      );
      await this.deps.audit.record(actor, { action: 'comparison.values', entity: 'comparison', entityId: period, summary: `${values.length} values` }, trx);
    });
  }

  /** Rankings of one period (default: the latest with values), with trend and overall standing. */
  async ranking(period?: string) {
    const { supervision, units } = this.deps.repos;
    const periods = await supervision.comparisonPeriods();
    const current = period ?? periods[0] ?? null;
    if (!current) return { period: null, periods, indicators: [], overall: [] };
    const previous = previousPeriod(current);
    const values = await supervision.comparisonValues(previous ? [current, previous] : [current]);
    const names = new Map((await units.listActive()).map((u) => [u.id, u.name]));
    const indicators = (await supervision.comparisonIndicators()).filter((i) => i.active);
    const ranked = indicators.map((i) => {
      const pick = (p: string | null) => values.filter((v) => v.indicatorId === i.id && v.period === p).map((v) => ({ unitId: v.unitId, value: v.value }));
      return {
        indicator: i,
        items: rankIndicator(pick(current), pick(previous), i.higherIsBetter).map((r) => ({ ...r, unitName: names.get(r.unitId) ?? r.unitId })),
      };
    });
    const overall = overallStanding(ranked.map((r) => r.items)).map((o) => ({ ...o, unitName: names.get(o.unitId) ?? o.unitId }));
    return { period: current, previousPeriod: previous, periods, indicators: ranked, overall };
  }

  /** Open issue items past their deadline. */
  async overdueIssues(): Promise<IssueItemRecord[]> {
    return this.deps.repos.supervision.issues({ openDueBefore: this.deps.clock.now().toISOString() });
  }

  /** The daily scan: notice, then escalation, each once per item (see `issue-escalation.ts`). */
  async escalateOverdue() {
    return escalateOverdueIssues(this.deps, this.calendars);
  }
}
