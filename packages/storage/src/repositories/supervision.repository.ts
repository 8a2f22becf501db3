/**
 * Key supervision (重点督办) and public comparison (晾晒比拼): KPI indicators with their
 * reports, issue lists whose items close only with evidence, and per-period indicator
 * values of units.
 */
import { AppError } from '@lianxin/core';
import type { DB } from '../database';
import { fromBool, guardWrite, parseJson, toBool } from '../sql-helpers';

/** A KPI indicator (a node of the tree). */
export interface KpiIndicatorRecord {
  id: string;
  proposalId: string;
  parentId: string | null;
  name: string;
  unit: string;
  baseline: number;
  target: number;
  period: string;
  departmentId: string | null;
  weight: number;
  sortOrder: number;
  createdAt: string;
}

/** A periodic KPI report. */
export interface KpiReportRecord {
  id: string;
  indicatorId: string;
  period: string;
  value: number;
  note: string | null;
  reportedBy: string | null;
  reportedAt: string;
}

/** An item of an issue list (限时销号). */
export interface IssueItemRecord {
  id: string;
  proposalId: string;
  title: string;
  departmentId: string | null;
  dueAt: string;
  status: 'open' | 'closed';
  evidence: string | null;
  evidenceAttachmentIds: string[];
  closedAt: string | null;
  closedBy: string | null;
  version: number;
  createdAt: string;
  /** 0 on time, 1 overdue notice sent, 2 escalated to the supervising leader. */
  escalationStep: number;
  escalatedAt: string | null;
}

/** An indicator units are compared on. */
export interface ComparisonIndicatorRecord {
  id: string;
  name: string;
  unit: string;
  higherIsBetter: boolean;
  sortOrder: number;
  active: boolean;
  createdAt: string;
}

/** One unit's value of an indicator in a period. */
export interface ComparisonValueRecord {
  indicatorId: string;
  unitId: string;
  period: string;
  value: number;
}

/** Reads and writes KPI trees, issue lists and comparison values. */
export class SupervisionRepository {
  constructor(private readonly db: DB) {}

  /** Adds an indicator. */
  async addIndicator(i: KpiIndicatorRecord): Promise<void> {
    await guardWrite(
      () =>
        this.db
          .insertInto('kpi_indicators')
          .values({
            id: i.id,
            proposal_id: i.proposalId,
            parent_id: i.parentId,
            name: i.name,
            unit: i.unit,
            baseline: i.baseline,
            target: i.target,
            period: i.period,
            department_id: i.departmentId,
            weight: i.weight,
            sort_order: i.sortOrder,
            created_at: i.createdAt,
            updated_at: i.createdAt,
          })
          .execute(),
      'Indicator',
    );
  }

  /** Indicators of a proposal. */
  async indicators(proposalId: string): Promise<KpiIndicatorRecord[]> {
    const rows = await this.db
      .selectFrom('kpi_indicators')
      .selectAll()
      .where('proposal_id', '=', proposalId)
      .orderBy('sort_order')
      .orderBy('created_at')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      proposalId: r.proposal_id,
      parentId: r.parent_id,
      name: r.name,
      unit: r.unit,
      baseline: Number(r.baseline),
      target: Number(r.target),
      period: r.period,
      departmentId: r.department_id,
      weight: Number(r.weight),
      sortOrder: Number(r.sort_order),
      createdAt: r.created_at,
    }));
  }

  /** Adds a report. */
  async addReport(r: KpiReportRecord): Promise<void> {
    await this.db
      .insertInto('kpi_reports')
      .values({ id: r.id, indicator_id: r.indicatorId, period: r.period, value: r.value, note: r.note, reported_by: r.reportedBy, reported_at: r.reportedAt })
      .execute();
  }

  /** Reports of a proposal's indicators, oldest first. */
  async reports(proposalId: string): Promise<KpiReportRecord[]> {
    const rows = await this.db
      .selectFrom('kpi_reports')
      .innerJoin('kpi_indicators', 'kpi_indicators.id', 'kpi_reports.indicator_id')
      .selectAll('kpi_reports')
      .where('kpi_indicators.proposal_id', '=', proposalId)
      .orderBy('kpi_reports.reported_at')
      .orderBy('kpi_reports.id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      indicatorId: r.indicator_id,
      period: r.period,
      value: Number(r.value),
      note: r.note,
      reportedBy: r.reported_by,
      reportedAt: r.reported_at,
    }));
  }

  /** Adds an issue item. */
  async addIssue(
    i: Omit<IssueItemRecord, 'version' | 'status' | 'evidence' | 'evidenceAttachmentIds' | 'closedAt' | 'closedBy' | 'escalationStep' | 'escalatedAt'>,
  ): Promise<void> {
    await guardWrite(
      () =>
        this.db
          .insertInto('issue_items')
          .values({
            id: i.id,
            proposal_id: i.proposalId,
            title: i.title,
            department_id: i.departmentId,
            due_at: i.dueAt,
            status: 'open',
            created_at: i.createdAt,
            updated_at: i.createdAt,
          })
          .execute(),
      'Issue',
    );
  }

  /** One issue item, or undefined. */
  async findIssue(id: string): Promise<IssueItemRecord | undefined> {
    return (await this.issues({ id }))[0];
  }

  /** Issue items of one proposal, or open ones due before a time (the overdue scan and lists), optionally of one department. */
  async issues(filter: { id?: string; proposalId?: string; openDueBefore?: string; departmentId?: string }): Promise<IssueItemRecord[]> {
    let q = this.db.selectFrom('issue_items').selectAll();
    if (filter.id) q = q.where('id', '=', filter.id);
    if (filter.proposalId) q = q.where('proposal_id', '=', filter.proposalId);
    if (filter.departmentId) q = q.where('department_id', '=', filter.departmentId);
    if (filter.openDueBefore) q = q.where('status', '=', 'open').where('due_at', '<', filter.openDueBefore);
    const rows = await q.orderBy('due_at').orderBy('id').execute();
    return rows.map((r) => ({
      id: r.id,
      proposalId: r.proposal_id,
      title: r.title,
      departmentId: r.department_id,
      dueAt: r.due_at,
      status: r.status as 'open' | 'closed',
      evidence: r.evidence,
      evidenceAttachmentIds: parseJson<string[]>(r.evidence_attachment_ids, []),
      closedAt: r.closed_at,
      closedBy: r.closed_by,
      version: Number(r.version),
      createdAt: r.created_at,
      escalationStep: Number(r.escalation_step),
      escalatedAt: r.escalated_at,
    }));
  }

  /**
   * Raises an open item to escalation `step` unless it is already there or closed; true when
   * this call raised it. Concurrent scans race on the row and exactly one wins each step.
   */
  async raiseEscalation(id: string, step: number, at: string): Promise<boolean> {
    const r = await this.db
      .updateTable('issue_items')
      .set({ escalation_step: step, ...(step >= 2 ? { escalated_at: at } : {}), updated_at: at })
      .where('id', '=', id)
      .where('status', '=', 'open')
      .where('escalation_step', '<', step)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  /** Closes an open item with its evidence, if still at `expectedVersion`. */
  async closeIssue(id: string, expectedVersion: number, evidence: string, attachmentIds: string[], by: string, at: string): Promise<void> {
    const r = await this.db
      .updateTable('issue_items')
      .set((eb) => ({
        status: 'closed',
        evidence,
        evidence_attachment_ids: JSON.stringify(attachmentIds),
        closed_at: at,
        closed_by: by,
        updated_at: at,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) throw new AppError('VERSION_CONFLICT', { message: 'The item changed or is already closed; reload.' });
  }

  /** Adds a comparison indicator. */
  async addComparisonIndicator(i: ComparisonIndicatorRecord): Promise<void> {
    await guardWrite(
      () =>
        this.db
          .insertInto('comparison_indicators')
          .values({
            id: i.id,
            name: i.name,
            unit: i.unit,
            higher_is_better: fromBool(i.higherIsBetter),
            sort_order: i.sortOrder,
            active: fromBool(i.active),
            created_at: i.createdAt,
          })
          .execute(),
      'Indicator',
    );
  }

  /** Comparison indicators. */
  async comparisonIndicators(): Promise<ComparisonIndicatorRecord[]> {
    const rows = await this.db.selectFrom('comparison_indicators').selectAll().orderBy('sort_order').orderBy('created_at').execute();
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      unit: r.unit,
      higherIsBetter: toBool(r.higher_is_better),
      sortOrder: Number(r.sort_order),
      active: toBool(r.active),
      createdAt: r.created_at,
    }));
  }

  /** Sets values (insert or replace per indicator, unit and period). */
  async upsertValues(values: ComparisonValueRecord[], now: string): Promise<void> {
    for (const v of values) {
      await guardWrite(
        () =>
          this.db
            .insertInto('comparison_values')
            .values({ indicator_id: v.indicatorId, unit_id: v.unitId, period: v.period, value: v.value, updated_at: now })
            .onConflict((oc) => oc.columns(['indicator_id', 'unit_id', 'period']).doUpdateSet({ value: v.value, updated_at: now }))
            .execute(),
        'Value',
      );
    }
  }

  /** Values of the given periods. */
  async comparisonValues(periods: string[]): Promise<ComparisonValueRecord[]> {
    if (periods.length === 0) return [];
    const rows = await this.db.selectFrom('comparison_values').selectAll().where('period', 'in', periods).execute();
    return rows.map((r) => ({ indicatorId: r.indicator_id, unitId: r.unit_id, period: r.period, value: Number(r.value) }));
  }

  /** Periods that have values, newest first. */
  async comparisonPeriods(): Promise<string[]> {
    const rows = await this.db.selectFrom('comparison_values').select('period').distinct().orderBy('period', 'desc').execute();
    return rows.map((r) => r.period);
  }
}
