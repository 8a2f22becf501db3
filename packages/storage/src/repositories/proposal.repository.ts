/**
 * Suggestions and motions with their co-signers, assigned units, source opinions and
 * append-only event chain. A proposal row changes only together with the events that
 * explain it, guarded by its version: a stale writer changes nothing (VERSION_CONFLICT).
 */
import { AppError } from '@lianxin/core';
import type { Expression, Selectable, SqlBool } from 'kysely';
import type { DB } from '../database';
import type { ProposalEventsTable, ProposalsTable } from '../schema-proposals';
import { containsText, fromBool, guardWrite, pageWindow, parseJson, toBool, type Page } from '../sql-helpers';
import { required } from './versioned';

/** A proposal as the application sees it. */
export interface ProposalRecord {
  id: string;
  type: string;
  status: string;
  version: number;
  number: string | null;
  year: number;
  title: string;
  body: string;
  leadDeputyId: string;
  unitPath: string;
  leadUnitId: string | null;
  answerClass: string | null;
  rating: string | null;
  ratingComment: string | null;
  answerContent: string | null;
  followUpContent: string | null;
  supervised: boolean;
  keyLeader: string | null;
  withdrawDueAt: string | null;
  answerDueAt: string | null;
  assignedAt: string | null;
  submittedAt: string | null;
  answeredAt: string | null;
  closedAt: string | null;
  workflow: Record<string, unknown>;
  createdBy: string | null;
  lastEventHash: string | null;
  eventCount: number;
  createdAt: string;
  updatedAt: string;
}

/** A co-signer row. */
export interface CosignerRecord {
  deputyId: string;
  status: string;
  at: string;
}

/** An assigned unit row. */
export interface ProposalUnitRecord {
  departmentId: string;
  role: 'lead' | 'co';
}

/** Fields a new proposal starts with. */
export type NewProposal = Omit<ProposalRecord, 'version' | 'eventCount' | 'lastEventHash' | 'updatedAt'>;

/** Fields a transition may change. */
export type ProposalChanges = Partial<Omit<ProposalRecord, 'id' | 'version' | 'eventCount' | 'lastEventHash' | 'createdAt' | 'year' | 'leadDeputyId'>>;

/** One event in a proposal's chain. */
export interface ProposalEventRecord {
  seq?: number;
  id: string;
  proposalId: string;
  type: string;
  fromStatus: string | null;
  toStatus: string | null;
  actorId: string | null;
  actorKind: string;
  actorName: string | null;
  at: string;
  reason: string | null;
  payload: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

/** Who may see which proposals; the parts are OR-ed. */
export interface ProposalVisibility {
  all?: boolean;
  /** Everything but drafts (the people's congress office). */
  allButDrafts?: boolean;
  /** Lead deputies' home units under this path, drafts included (station staff). */
  unitPath?: string | null;
  /** Lead deputies' home units under this path, drafts excluded (an office with a unit). */
  officeUnitPath?: string | null;
  /** Lead deputy or invited / signed co-signer. */
  deputyId?: string | null;
  /** Assigned as lead unit or co-unit. */
  departmentId?: string | null;
}

/** Filters of the proposal list. */
export interface ProposalListOptions {
  type?: string | undefined;
  status?: string[] | undefined;
  year?: number | undefined;
  underPath?: string | undefined;
  departmentId?: string | undefined;
  deputyId?: string | undefined;
  keyOnly?: boolean | undefined;
  /** Assigned proposals whose answer deadline passed before this instant. */
  overdueAt?: string | undefined;
  /** Drafts in which this deputy is invited and has not answered. */
  invitedDeputyId?: string | undefined;
  q?: string | undefined;
  page?: number | undefined;
  pageSize?: number | undefined;
}

const COLUMNS: Record<keyof ProposalRecord, keyof ProposalsTable> = {
  id: 'id',
  type: 'type',
  status: 'status',
  version: 'version',
  number: 'number',
  year: 'year',
  title: 'title',
  body: 'body',
  leadDeputyId: 'lead_deputy_id',
  unitPath: 'unit_path',
  leadUnitId: 'lead_unit_id',
  answerClass: 'answer_class',
  rating: 'rating',
  ratingComment: 'rating_comment',
  answerContent: 'answer_content',
  followUpContent: 'follow_up_content',
  supervised: 'supervised',
  keyLeader: 'key_leader',
  withdrawDueAt: 'withdraw_due_at',
  answerDueAt: 'answer_due_at',
  assignedAt: 'assigned_at',
  submittedAt: 'submitted_at',
  answeredAt: 'answered_at',
  closedAt: 'closed_at',
  workflow: 'workflow',
  createdBy: 'created_by',
  lastEventHash: 'last_event_hash',
  eventCount: 'event_count',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
};

function toRecord(row: Selectable<ProposalsTable>): ProposalRecord {
  const out: Record<string, unknown> = {};
  for (const [field, column] of Object.entries(COLUMNS) as Array<[keyof ProposalRecord, keyof ProposalsTable]>) {
    const value = row[column];
    if (field === 'supervised') out[field] = toBool(value as number);
    else if (field === 'workflow') out[field] = parseJson<Record<string, unknown>>(value as string, {});
    else if (field === 'version' || field === 'eventCount' || field === 'year') out[field] = Number(value);
    else out[field] = value;
  }
  return out as unknown as ProposalRecord;
}

function toColumns(fields: Partial<ProposalRecord>): Record<string, unknown> {
  const columns: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(fields) as Array<[keyof ProposalRecord, unknown]>) {
    if (value === undefined || !COLUMNS[field]) continue;
    if (field === 'supervised') columns[COLUMNS[field]] = fromBool(value as boolean);
    else if (field === 'workflow') columns[COLUMNS[field]] = JSON.stringify(value);
    else columns[COLUMNS[field]] = value;
  }
  return columns;
}

function toEvent(row: Selectable<ProposalEventsTable>): ProposalEventRecord {
  return {
    seq: Number(row.seq),
    id: row.id,
    proposalId: row.proposal_id,
    type: row.type,
    fromStatus: row.from_status,
    toStatus: row.to_status,
    actorId: row.actor_id,
    actorKind: row.actor_kind,
    actorName: row.actor_name,
    at: row.at,
    reason: row.reason,
    payload: parseJson<Record<string, unknown>>(row.payload, {}),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** Reads and writes proposals. Call writes inside one transaction. */
export class ProposalRepository {
  constructor(private readonly db: DB) {}

  /** Stores a new proposal with its co-signers and first events. */
  async insert(record: NewProposal, cosigners: CosignerRecord[], events: ProposalEventRecord[]): Promise<ProposalRecord> {
    const last = events.at(-1);
    await guardWrite(
      () =>
        this.db
          .insertInto('proposals')
          .values({ ...toColumns(record), updated_at: record.createdAt, last_event_hash: last?.hash ?? null, event_count: events.length } as never)
          .execute(),
      'Proposal',
    );
    await this.replaceCosigners(record.id, cosigners);
    await this.appendEvents(events);
    return this.get(record.id);
  }

  /**
   * Applies `changes`, replaces co-signers and units when given, and appends `events` if the
   * proposal is still at `expectedVersion`; otherwise nothing changes (VERSION_CONFLICT).
   */
  async update(
    id: string,
    expectedVersion: number,
    changes: ProposalChanges,
    related: { cosigners?: CosignerRecord[]; units?: ProposalUnitRecord[] },
    events: ProposalEventRecord[],
    now: string,
  ): Promise<ProposalRecord> {
    const last = events.at(-1);
    const result = await guardWrite(
      () =>
        this.db
          .updateTable('proposals')
          .set((eb) => ({
            ...(toColumns(changes) as object),
            updated_at: now,
            version: eb('version', '+', 1),
            event_count: eb('event_count', '+', events.length),
            ...(last ? { last_event_hash: last.hash } : {}),
          }))
          .where('id', '=', id)
          .where('version', '=', expectedVersion)
          .executeTakeFirst(),
      'Proposal',
    );
    if (Number(result.numUpdatedRows) === 0) {
      const exists = await this.db.selectFrom('proposals').select('id').where('id', '=', id).executeTakeFirst();
      if (!exists) throw new AppError('RESOURCE_NOT_FOUND', { message: 'Proposal not found.' });
      throw new AppError('VERSION_CONFLICT', { message: 'Someone else changed this proposal; reload and try again.' });
    }
    if (related.cosigners) await this.replaceCosigners(id, related.cosigners);
    if (related.units) {
      await this.db.deleteFrom('proposal_units').where('proposal_id', '=', id).execute();
      if (related.units.length) {
        await guardWrite(
          () =>
            this.db
              .insertInto('proposal_units')
              .values(related.units!.map((u) => ({ proposal_id: id, department_id: u.departmentId, role: u.role })))
              .execute(),
          'Assigned unit',
        );
      }
    }
    await this.appendEvents(events);
    return this.get(id);
  }

  private async replaceCosigners(id: string, cosigners: CosignerRecord[]): Promise<void> {
    await this.db.deleteFrom('proposal_cosigners').where('proposal_id', '=', id).execute();
    if (cosigners.length === 0) return;
    await guardWrite(
      () =>
        this.db
          .insertInto('proposal_cosigners')
          .values(cosigners.map((c) => ({ proposal_id: id, deputy_id: c.deputyId, status: c.status, at: c.at })))
          .execute(),
      'Co-signer',
    );
  }

  private async appendEvents(events: ProposalEventRecord[]): Promise<void> {
    if (events.length === 0) return;
    await this.db
      .insertInto('proposal_events')
      .values(
        events.map((e) => ({
          id: e.id,
          proposal_id: e.proposalId,
          type: e.type,
          from_status: e.fromStatus,
          to_status: e.toStatus,
          actor_id: e.actorId,
          actor_kind: e.actorKind,
          actor_name: e.actorName,
          at: e.at,
          reason: e.reason,
          payload: JSON.stringify(e.payload),
          prev_hash: e.prevHash,
          hash: e.hash,
        })),
      )
      .execute();
  }

  /** One proposal, or undefined. */
  async find(id: string): Promise<ProposalRecord | undefined> {
    const row = await this.db.selectFrom('proposals').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toRecord(row) : undefined;
  }

  /** One proposal, or 404. */
  async get(id: string): Promise<ProposalRecord> {
    return required(await this.find(id), 'Proposal');
  }

  /** Co-signers in the order they were invited. */
  async cosigners(id: string): Promise<CosignerRecord[]> {
    const rows = await this.db.selectFrom('proposal_cosigners').selectAll().where('proposal_id', '=', id).orderBy('at').orderBy('deputy_id').execute();
    return rows.map((r) => ({ deputyId: r.deputy_id, status: r.status, at: r.at }));
  }

  /** Assigned units (lead first). */
  async units(id: string): Promise<ProposalUnitRecord[]> {
    const rows = await this.db.selectFrom('proposal_units').selectAll().where('proposal_id', '=', id).execute();
    return rows
      .map((r) => ({ departmentId: r.department_id, role: r.role as 'lead' | 'co' }))
      .sort((a, b) => (a.role === b.role ? 0 : a.role === 'lead' ? -1 : 1));
  }

  /** Events in order. */
  async events(id: string): Promise<ProposalEventRecord[]> {
    const rows = await this.db.selectFrom('proposal_events').selectAll().where('proposal_id', '=', id).orderBy('seq').execute();
    return rows.map(toEvent);
  }

  /** Links source opinions; linking one twice is harmless. */
  async linkCases(id: string, caseIds: string[], at: string): Promise<void> {
    const existing = new Set((await this.linkedCaseIds(id)).map(String));
    const fresh = caseIds.filter((c) => !existing.has(c));
    if (fresh.length === 0) return;
    await guardWrite(
      () =>
        this.db
          .insertInto('proposal_cases')
          .values(fresh.map((case_id) => ({ proposal_id: id, case_id, linked_at: at })))
          .execute(),
      'Link',
    );
  }

  /** Removes source-opinion links (a draft's only; the service checks). */
  async unlinkCases(id: string, caseIds: string[]): Promise<void> {
    if (caseIds.length === 0) return;
    await this.db.deleteFrom('proposal_cases').where('proposal_id', '=', id).where('case_id', 'in', caseIds).execute();
  }

  /** Ids of the source opinions, in the order they were linked. */
  async linkedCaseIds(id: string): Promise<string[]> {
    const rows = await this.db.selectFrom('proposal_cases').select('case_id').where('proposal_id', '=', id).orderBy('linked_at').orderBy('case_id').execute();
    return rows.map((r) => r.case_id);
  }

  /** Proposals (not drafts, not withdrawn) an opinion became part of, for its reporter. */
  async publicForCase(caseId: string): Promise<ProposalRecord[]> {
    const rows = await this.db
      .selectFrom('proposals')
      .innerJoin('proposal_cases', 'proposal_cases.proposal_id', 'proposals.id')
      .selectAll('proposals')
      .where('proposal_cases.case_id', '=', caseId)
      .where('proposals.status', 'not in', ['draft', 'withdrawn'])
      .orderBy('proposals.created_at')
      .execute();
    return rows.map(toRecord);
  }

  /** The highest registration sequence used in a year for a number prefix (`2026-建议-`). */
  async maxNumber(prefix: string): Promise<number> {
    const rows = await this.db.selectFrom('proposals').select('number').where('number', 'like', `${prefix}%`).execute();
    return rows.reduce((max, r) => Math.max(max, Number((r.number ?? '').slice(prefix.length)) || 0), 0);
  }

  /** A page of visible proposals, newest first. */
  async list(visibility: ProposalVisibility, options: ProposalListOptions = {}): Promise<Page<ProposalRecord>> {
    let query = this.db.selectFrom('proposals').where((eb) => {
      if (visibility.all) return eb.lit(true);
      const parts: Array<Expression<SqlBool>> = [];
      if (visibility.allButDrafts) parts.push(eb('status', '<>', 'draft'));
      if (visibility.unitPath) parts.push(eb('unit_path', 'like', `${visibility.unitPath}%`));
      if (visibility.officeUnitPath) parts.push(eb.and([eb('unit_path', 'like', `${visibility.officeUnitPath}%`), eb('status', '<>', 'draft')]));
      if (visibility.deputyId) {
        parts.push(eb('lead_deputy_id', '=', visibility.deputyId));
        parts.push(
          eb(
            'id',
            'in',
            eb.selectFrom('proposal_cosigners').select('proposal_id').where('deputy_id', '=', visibility.deputyId).where('status', 'in', ['invited', 'signed']),
          ),
        );
      }
      if (visibility.departmentId)
        parts.push(eb('id', 'in', eb.selectFrom('proposal_units').select('proposal_id').where('department_id', '=', visibility.departmentId)));
      return parts.length ? eb.or(parts) : eb.lit(false);
    });
    if (options.type) query = query.where('type', '=', options.type);
    if (options.status?.length) query = query.where('status', 'in', options.status);
    if (options.year) query = query.where('year', '=', options.year);
    if (options.underPath) query = query.where('unit_path', 'like', `${options.underPath}%`);
    if (options.departmentId)
      query = query.where('id', 'in', (eb) => eb.selectFrom('proposal_units').select('proposal_id').where('department_id', '=', options.departmentId!));
    if (options.deputyId) query = query.where('lead_deputy_id', '=', options.deputyId);
    if (options.keyOnly) query = query.where('key_leader', 'is not', null);
    if (options.overdueAt) query = query.where('status', '=', 'assigned').where('answer_due_at', '<', options.overdueAt);
    if (options.invitedDeputyId)
      query = query
        .where('status', '=', 'draft')
        .where('id', 'in', (eb) =>
          eb.selectFrom('proposal_cosigners').select('proposal_id').where('deputy_id', '=', options.invitedDeputyId!).where('status', '=', 'invited'),
        );
    if (options.q) {
      const q = options.q;
      query = query.where((eb) => eb.or([containsText('title', q), containsText('body', q), containsText('number', q)]));
    }
    const { limit, offset } = pageWindow(options);
    const [rows, count] = await Promise.all([
      query.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute(),
      query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(toRecord), total: Number(count.n) };
  }

  /** Ids of every proposal (for `audit verify`). */
  async allIds(): Promise<string[]> {
    return (await this.db.selectFrom('proposals').select('id').orderBy('created_at').execute()).map((r) => r.id);
  }
}
