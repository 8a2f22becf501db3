/**
 * The closed loop for signed-in users and the reporting citizen: list and read cases in
 * scope, apply workflow actions (core `transition`) and store them with their events and
 * effects in one version-guarded transaction.
 */
import {
  AppError,
  allowedCaseActions,
  assertCaseVersion,
  canSeeProposal,
  caseScopeTarget,
  clockStatus,
  inScope,
  reaches,
  isAppError,
  transition,
  type CaseAction,
  type CaseActor,
  type CaseStatus,
  type Scope,
  visibility,
} from '@lianxin/core';
import { CASE_WORKLISTS, type CaseWorklist } from '@lianxin/contracts';
import { inTransaction, type CaseChanges, type CaseListOptions, type CaseRecord, type CasePage, type CaseVisibility } from '@lianxin/storage';
import type { ServiceDeps } from '../platform/deps';
import type { RequestActor } from '../auth/actor';
import { authorize } from '../auth/actor';
import { unusableAttachments, type AttachmentService } from '../platform/attachment.service';
import type { CalendarService } from '../org/calendar.service';
import { storeTransition, toSnapshot } from './case-store';
import { toProposalSnapshot } from '../proposals/proposal-store';
import { rollupTotal } from './case-list-total';
import type { SearchIndexService } from '../text/search-index.service';
import { periodBound } from '../stats/stats-period';

/** Worklist keys of the console. */
export const WORKLISTS = CASE_WORKLISTS;
/** A worklist key. */
export type Worklist = CaseWorklist;

/** Which cases an account may see: core's case visibility, in the repository's filter shape. */
export function visibilityOf(actor: Pick<RequestActor, 'roles' | 'scope'>): CaseVisibility {
  // What an account reaches of cases does not depend on its id (only import runs do).
  return visibility('case', { userId: '', roles: actor.roles, scope: actor.scope });
}

/** Whether a case lies within a visibility (core's `inScope`). */
export function isVisible(v: CaseVisibility, c: Pick<CaseRecord, 'unitPath' | 'departmentId' | 'deputyId' | 'targetDeputyId'>): boolean {
  return inScope(toScope(v), caseScopeTarget(c));
}

/** A repository filter back in core's terms (they share their fields). */
function toScope(v: CaseVisibility): Scope {
  return {
    ...(v.all ? { all: true } : {}),
    ...(v.unitPath ? { unitPath: v.unitPath } : {}),
    ...(v.departmentId ? { departmentId: v.departmentId } : {}),
    ...(v.deputyId ? { deputyId: v.deputyId } : {}),
  };
}

/** Filters of a worklist, applied on top of the caller's filters. */
function worklistFilter(list: Worklist, now: Date, soon: string): CaseListOptions {
  switch (list) {
    case 'to_accept':
      return { status: ['submitted'] };
    case 'to_sign':
      return { status: ['assigned'] };
    case 'in_progress':
      return { status: ['in_progress', 'reopened'] };
    case 'due_soon':
      return { status: ['assigned', 'in_progress'], dueBefore: soon, dueAfter: now.toISOString() };
    case 'overdue':
      return { overdueAt: now.toISOString() };
    case 'awaiting_rating':
      return { status: ['replied'] };
    case 'supervised':
      return { supervised: true };
    case 'flagged':
      return { flagged: true, status: ['submitted', 'accepted'] };
  }
}

/**
 * The case list's filters as a query string gives them: `GET /api/v1/cases` and the case export
 * read them alike through `CaseService.filtersOf`.
 */
export interface CaseFilterQuery {
  /** Comma-separated statuses. */
  status?: string | undefined;
  unitId?: string | undefined;
  /** A unit and everything under it. */
  underUnitId?: string | undefined;
  categoryId?: string | undefined;
  departmentId?: string | undefined;
  deputyId?: string | undefined;
  channel?: string | undefined;
  overdue?: '1' | 'true' | '0' | 'false' | undefined;
  worklist?: Worklist | undefined;
  q?: string | undefined;
  /** An instant, or a bare date: the start (`from`) or end (`to`) of that China-time day. */
  from?: string | undefined;
  to?: string | undefined;
}

/** Reads and acts on cases. */
export class CaseService {
  constructor(
    private readonly deps: Pick<ServiceDeps, 'audit' | 'cipher' | 'clock' | 'repos' | 'storage' | 'textEvents'>,
    private readonly calendars: CalendarService,
    private readonly attachments: AttachmentService,
    private readonly search: Pick<SearchIndexService, 'queryTokens'>,
  ) {}

  /**
   * Assigns each case to one department, one after another, each on its own version: a case that
   * fails (out of scope, wrong state) is reported with its error code and does not stop the others.
   */
  async assignMany(actor: RequestActor, caseIds: readonly string[], departmentId: string): Promise<Array<{ id: string; ok: boolean; error?: string }>> {
    const results: Array<{ id: string; ok: boolean; error?: string }> = [];
    for (const id of caseIds) {
      try {
        const record = await this.get(actor, id);
        await this.act(actor, record, { type: 'assign', departmentId }, record.version, actor.username);
        results.push({ id, ok: true });
      } catch (error) {
        results.push({ id, ok: false, error: isAppError(error) ? error.code : 'INTERNAL_ERROR' });
      }
    }
    return results;
  }

  /** The list options of a filter query (422 REFERENCE_INVALID for an unknown `underUnitId`). */
  async filtersOf(query: CaseFilterQuery, sort: 'relevance' | 'newest' | undefined): Promise<CaseListOptions & { worklist?: Worklist | undefined }> {
    const underUnit = query.underUnitId ? await this.deps.repos.units.find(query.underUnitId) : undefined;
    if (query.underUnitId && !underUnit) throw new AppError('REFERENCE_INVALID', { details: [{ path: 'underUnitId', code: 'not_found' }] });
    return {
      status: query.status?.split(','),
      unitId: query.unitId,
      underPath: underUnit?.path,
      categoryId: query.categoryId,
      departmentId: query.departmentId,
      deputyId: query.deputyId,
      channel: query.channel,
      q: query.q,
      searchTokens: this.search.queryTokens(query.q),
      sort,
      from: periodBound(query.from, false),
      to: periodBound(query.to, true),
      overdueAt: query.overdue === '1' || query.overdue === 'true' ? this.deps.clock.now().toISOString() : undefined,
      worklist: query.worklist,
    };
  }

  /** A page of cases in the caller's scope. */
  async list(actor: RequestActor, options: CaseListOptions & { worklist?: Worklist | undefined }): Promise<CasePage> {
    const { worklist, ...filters } = options;
    const extra = worklist ? worklistFilter(worklist, this.deps.clock.now(), await this.soon()) : {};
    const visibility = visibilityOf(actor);
    const listed: CaseListOptions = { ...filters, ...extra, status: extra.status ?? filters.status };
    return this.deps.repos.cases.list(visibility, { ...listed, knownTotal: await rollupTotal(this.deps.repos, visibility, listed) });
  }

  /**
   * What an export of the list reads: the caller's visibility, the filters with the worklist's
   * applied, and the total when the statistics roll-up knows it (else the export counts).
   */
  async exportScope(
    actor: RequestActor,
    options: CaseListOptions & { worklist?: Worklist | undefined },
  ): Promise<{ visibility: CaseVisibility; listed: CaseListOptions; knownTotal: number | undefined }> {
    const { worklist, ...filters } = options;
    const extra = worklist ? worklistFilter(worklist, this.deps.clock.now(), await this.soon()) : {};
    const visibility = visibilityOf(actor);
    const listed: CaseListOptions = { ...filters, ...extra, status: extra.status ?? filters.status, sort: 'newest' };
    return { visibility, listed, knownTotal: await rollupTotal(this.deps.repos, visibility, listed) };
  }

  /**
   * Counts per worklist for the caller: the console's badges need only the counts, so all of
   * them come from one statement over the index of open cases (each equal to the `total` of
   * `list` with that worklist, which the worklist tests check) rather than from a list per key.
   */
  async worklists(actor: RequestActor): Promise<Array<{ key: Worklist; count: number }>> {
    const counts = await this.deps.repos.cases.worklistCounts(visibilityOf(actor), this.deps.clock.now().toISOString(), await this.soon());
    return WORKLISTS.map((key) => ({ key, count: counts[key] }));
  }

  /** End of the warning window: deadlines before it are "due soon". */
  private async soon(): Promise<string> {
    const calendar = await this.calendars.current();
    const settings = await this.calendars.workflowSettings();
    return calendar.addWorkdays(this.deps.clock.now(), settings.warningWorkdays);
  }

  /** One case the caller may see (404 otherwise, not revealing that it exists). */
  async get(actor: RequestActor, id: string): Promise<CaseRecord> {
    const record = await this.deps.repos.cases.find(id);
    if (!record || !reaches(actor, 'case', caseScopeTarget(record))) throw new AppError('RESOURCE_NOT_FOUND', { message: 'Case not found.' });
    return record;
  }

  /** The case with what the caller may do now and how its clocks stand. */
  async detail(actor: RequestActor | CaseActor, record: CaseRecord) {
    const calendar = await this.calendars.current();
    const settings = await this.calendars.workflowSettings();
    const snapshot = await this.snapshotOf(record);
    const now = this.deps.clock.now();
    return {
      record,
      events: await this.deps.repos.cases.events(record.id),
      attachments: await this.deps.repos.attachments.forCase(record.id),
      allowedActions: allowedCaseActions(snapshot, actor, now, settings.maxExtensionCalendarDays),
      clocks: clockStatus(snapshot, now, calendar, settings),
    };
  }

  /** The clock status of a listed case (worst running clock). */
  async clockOf(record: CaseRecord) {
    const calendar = await this.calendars.current();
    const settings = await this.calendars.workflowSettings();
    return clockStatus(toSnapshot(record), this.deps.clock.now(), calendar, settings).worst;
  }

  private async snapshotOf(record: CaseRecord) {
    let masterStatus: CaseStatus | null | undefined;
    if (record.mergedInto) masterStatus = ((await this.deps.repos.cases.find(record.mergedInto))?.status as CaseStatus | undefined) ?? null;
    return toSnapshot(record, masterStatus);
  }

  /**
   * Applies one action. `expectedVersion` must match (409 CASE_VERSION_CONFLICT
   * otherwise); a refused action is 403/422 and changes nothing.
   */
  async act(actor: RequestActor | CaseActor, record: CaseRecord, action: CaseAction, expectedVersion: number, actorName: string | null): Promise<CaseRecord> {
    const calendar = await this.calendars.current();
    const settings = await this.calendars.workflowSettings();
    const now = this.deps.clock.now();
    const snapshot = await this.snapshotOf(record);
    assertCaseVersion(snapshot, expectedVersion);
    await this.checkReferences(actor, action);
    // Evidence of a reply is the replier's own fresh uploads. Checked before the transaction (on
    // SQLite the transaction holds the only connection), and again by the link's own statement.
    const uploader = 'roles' in actor ? { kind: 'user' as const, id: actor.userId } : null;
    const evidence = action.type === 'reply' && action.attachmentIds?.length ? [...new Set(action.attachmentIds)] : [];
    if (evidence.length) await this.attachments.checkAttachable(evidence, uploader);
    const result = transition(snapshot, action, actor, now, calendar, settings);
    const extra: CaseChanges = {};
    if (action.type === 'reply' || action.type === 'answer_on_site') extra.replyContent = action.content;
    if (action.type === 'rate') {
      extra.ratingComment = action.comment ?? null;
      extra.ratedAt = now.toISOString();
    }
    if (action.type === 'accept') extra.acceptedAt = now.toISOString();
    if (action.type === 'assign') extra.assignedAt = now.toISOString();
    if (action.type === 'sign') extra.signedAt = now.toISOString();
    try {
      const updated = await inTransaction(this.deps.storage.db, async (repos) => {
        const stored = await storeTransition(repos, record, result, extra, actorName, now.toISOString());
        if (evidence.length) {
          const events = await repos.cases.events(record.id);
          if ((await repos.attachments.link(evidence, record.id, events.at(-1)?.id ?? null, uploader ?? undefined)) < evidence.length)
            throw unusableAttachments(evidence);
        }
        return stored;
      });
      if (action.type === 'reply' || action.type === 'answer_on_site' || action.type === 'note') await this.deps.textEvents?.caseTextChanged(updated);
      return updated;
    } catch (error) {
      if (isAppError(error) && error.code === 'VERSION_CONFLICT') throw new AppError('CASE_VERSION_CONFLICT');
      throw error;
    }
  }

  /**
   * References named by an action must exist and be active; records the action points at (the
   * case merged into, the suggestion converted into) must also be visible to the actor, and a
   * missing one answers like an invisible one — 404 — so ids cannot be probed through actions.
   */
  private async checkReferences(actor: RequestActor | CaseActor, action: CaseAction): Promise<void> {
    const { repos } = this.deps;
    const bad = (path: string) => new AppError('REFERENCE_INVALID', { details: [{ path, code: 'not_found' }] });
    const notFound = (path: string, what: string) =>
      new AppError('RESOURCE_NOT_FOUND', { message: `${what} not found.`, details: [{ path, code: 'not_found' }] });
    if (action.type === 'assign') {
      if (action.departmentId && !(await repos.departments.find(action.departmentId))?.active) throw bad('departmentId');
      if (action.deputyId && !(await repos.deputies.find(action.deputyId))?.active) throw bad('deputyId');
    }
    if (action.type === 'accept' && action.categoryId && !(await repos.categories.find(action.categoryId))?.active) throw bad('categoryId');
    if (action.type === 'merge') {
      const master = await repos.cases.find(action.intoCaseId);
      if (!master || !('roles' in actor) || !reaches(actor, 'case', caseScopeTarget(master))) throw notFound('intoCaseId', 'Case');
    }
    if (action.type === 'convert' && action.suggestionId) {
      const proposal = await repos.proposals.find(action.suggestionId);
      const visible = proposal && 'roles' in actor && canSeeProposal(actor, toProposalSnapshot(proposal, await repos.proposals.cosigners(proposal.id)));
      if (!visible) throw notFound('suggestionId', 'Suggestion');
    }
  }

  /** Decrypts the reporter's contact for an allowed viewer; audited. */
  async revealContact(actor: RequestActor, record: CaseRecord): Promise<{ name: string | null; phone: string | null; email: string | null }> {
    authorize(actor, 'case.contact.reveal', caseScopeTarget(record));
    await this.deps.audit.record(actor, { action: 'case.contact.reveal', entity: 'case', entityId: record.id, summary: record.trackingCode });
    const { cipher } = this.deps;
    return { name: cipher.decrypt(record.reporterNameEnc), phone: cipher.decrypt(record.reporterPhoneEnc), email: cipher.decrypt(record.reporterEmailEnc) };
  }
}
