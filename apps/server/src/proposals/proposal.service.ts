/**
 * Deputies' suggestions and motions (API.md "Suggestions and motions"): drafting with
 * co-signers and source opinions, registration and assignment by the people's congress
 * office, the units' answers, the lead deputy's rating and the follow-up. Every action goes
 * through core's `transitionProposal` and is stored with its hash-chained events, its
 * effects (jobs) and an audit entry in one version-guarded transaction.
 */
import {
  actingDeputyId,
  AppError,
  allowedProposalActions,
  answerClock,
  assertProposalVersion,
  can,
  canSeeProposal,
  chinaDateOf,
  isAppError,
  missingCosigners,
  openProposal,
  PROPOSAL_TYPE_LABELS,
  resolveProposalSettings,
  transition,
  transitionProposal,
  type ProposalAction,
  type ProposalSystemActor,
  type ProposalEffect,
  type ProposalSettings,
  type ProposalSnapshot,
  type ProposalType,
  type SystemActor,
  type WorkflowSettings,
  type WorkingCalendar,
  visibility,
} from '@lianxin/core';
import { inTransaction, type ProposalListOptions, type ProposalRecord, type ProposalVisibility, type Repositories } from '@lianxin/storage';
import type { ServiceDeps } from '../platform/deps';
import { newId } from '../platform/adapters/ids';
import { authorize, type RequestActor } from '../auth/actor';
import type { CalendarService } from '../org/calendar.service';
import type { CaseService } from '../cases/case.service';
import { storeTransition, toSnapshot } from '../cases/case-store';
import { chainProposalEvents, enqueueProposalEffects, proposalChanges, toProposalSnapshot, unitRows, verifyProposalEvents } from './proposal-store';

const SETTINGS_KEY = 'proposal.settings';
/** Who converts a suggestion's source opinions on its submission (recorded as `system:suggestion`). */
const SUGGESTION_ACTOR: SystemActor = { kind: 'system', name: 'suggestion' };

/** Settings in force: admin values over the statutory defaults (also read by the issue-escalation job). */
export async function loadProposalSettings(repos: Repositories): Promise<ProposalSettings> {
  return resolveProposalSettings((await repos.settings.get<Partial<ProposalSettings>>(SETTINGS_KEY)) ?? {});
}

/** What a deputy (or staff on a deputy's behalf) starts a draft with. */
export interface ProposalDraftInput {
  type: ProposalType;
  title: string;
  body: string;
  leadDeputyId?: string | undefined;
  cosignerIds?: string[] | undefined;
  caseIds?: string[] | undefined;
}

/** The case calendar and rules, loaded before a transaction (on SQLite it holds the only connection). */
interface CaseRules {
  calendar: WorkingCalendar;
  settings: WorkflowSettings;
}

/** Which proposals an account may list: core's proposal visibility, in the repository's filter shape. */
export function proposalVisibility(actor: RequestActor): ProposalVisibility {
  return visibility('proposal', actor);
}

/** Reads and acts on proposals. */
export class ProposalService {
  constructor(
    private readonly deps: Pick<ServiceDeps, 'audit' | 'clock' | 'repos' | 'storage'>,
    private readonly calendars: CalendarService,
    private readonly cases: CaseService,
  ) {}

  /** Settings in force (admin values over the statutory defaults). */
  async settings(): Promise<ProposalSettings> {
    return loadProposalSettings(this.deps.repos);
  }

  /** Changes settings (admins); audited. */
  async updateSettings(actor: RequestActor, changes: Partial<ProposalSettings>): Promise<ProposalSettings> {
    authorize(actor, 'proposal.settings');
    const next = { ...(await this.settings()), ...changes };
    await inTransaction(this.deps.storage.db, async (repos) => {
      await repos.settings.set(SETTINGS_KEY, next, this.deps.clock.now().toISOString());
      await this.deps.audit.record(actor, { action: 'proposal.settings', entity: 'settings', entityId: SETTINGS_KEY, payload: changes }, repos);
    });
    return next;
  }

  /** A page of proposals the caller may see. */
  async list(actor: RequestActor, options: ProposalListOptions) {
    return this.deps.repos.proposals.list(proposalVisibility(actor), options);
  }

  /** A proposal the caller may see with its co-signers (404 otherwise). */
  async get(actor: RequestActor | ProposalSystemActor, id: string): Promise<{ record: ProposalRecord; snapshot: ProposalSnapshot }> {
    const record = await this.deps.repos.proposals.find(id);
    if (!record) throw new AppError('RESOURCE_NOT_FOUND', { message: 'Proposal not found.' });
    const snapshot = toProposalSnapshot(record, await this.deps.repos.proposals.cosigners(id));
    if (!canSeeProposal(actor, snapshot)) throw new AppError('RESOURCE_NOT_FOUND', { message: 'Proposal not found.' });
    return { record, snapshot };
  }

  /** Everything the proposal page shows. */
  async detail(actor: RequestActor, id: string) {
    const { record, snapshot } = await this.get(actor, id);
    const { repos, clock } = this.deps;
    const now = clock.now();
    const settings = await this.settings();
    const calendar = await this.calendars.current();
    const [events, caseIds] = await Promise.all([repos.proposals.events(id), repos.proposals.linkedCaseIds(id)]);
    const visibleCases = [];
    for (const caseId of caseIds) {
      const c = await this.cases.get(actor, caseId).catch(() => null);
      visibleCases.push(
        c ? { id: c.id, trackingCode: c.trackingCode, title: c.title, status: c.status } : { id: caseId, trackingCode: null, title: null, status: null },
      );
    }
    return {
      record,
      snapshot,
      events,
      cases: visibleCases,
      allowedActions: allowedProposalActions(snapshot, actor, now),
      missingCosigners: snapshot.status === 'draft' ? missingCosigners(snapshot, settings) : 0,
      clock: answerClock(snapshot, now, calendar, settings.warningWorkdays),
    };
  }

  /** Starts a draft. A deputy leads their own; admins and station staff may enter one for a deputy. */
  async create(actor: RequestActor, input: ProposalDraftInput): Promise<ProposalRecord> {
    const { repos, clock } = this.deps;
    const leadDeputyId = input.leadDeputyId ?? actingDeputyId(actor);
    if (!leadDeputyId)
      throw new AppError('VALIDATION_FAILED', {
        message: 'Choose the lead deputy: only a deputy drafts for themselves.',
        details: [{ path: 'leadDeputyId', code: 'required', message: 'Choose the lead deputy.' }],
      });
    const lead = await repos.deputies.find(leadDeputyId);
    if (!lead?.active) throw new AppError('REFERENCE_INVALID', { details: [{ path: 'leadDeputyId', code: 'not_found', message: 'No such active deputy.' }] });
    const home = lead.homeUnitId ? await repos.units.find(lead.homeUnitId) : undefined;
    const unitPath = home?.path ?? '/';
    if (!can(actor, 'proposal.draft', { unitPath, deputyId: leadDeputyId, draft: true }))
      throw new AppError('PERMISSION_DENIED', { message: 'Only the lead deputy (or their station) drafts a proposal.' });
    await this.checkDeputies(input.cosignerIds ?? [], 'cosignerIds');
    await this.checkCases(actor, input.caseIds ?? []);
    const now = clock.now();
    const id = newId();
    const opened = openProposal(
      { id, type: input.type, leadDeputyId, unitPath, cosignerIds: input.cosignerIds ?? [], caseIds: input.caseIds ?? [], payload: { title: input.title } },
      actor,
      now,
    );
    const at = now.toISOString();
    const rules = { calendar: await this.calendars.current(), settings: await this.calendars.workflowSettings() };
    return inTransaction(this.deps.storage.db, async (trx) => {
      const events = chainProposalEvents(id, opened.events, null, actor.username);
      const record = await trx.proposals.insert(
        {
          ...proposalChanges(opened.proposal),
          id,
          type: input.type,
          status: 'draft',
          year: Number(chinaDateOf(now).slice(0, 4)),
          title: input.title,
          body: input.body,
          leadDeputyId,
          unitPath,
          number: null,
          leadUnitId: null,
          answerClass: null,
          rating: null,
          ratingComment: null,
          answerContent: null,
          followUpContent: null,
          supervised: false,
          keyLeader: null,
          withdrawDueAt: null,
          answerDueAt: null,
          assignedAt: null,
          submittedAt: null,
          answeredAt: null,
          closedAt: null,
          workflow: proposalChanges(opened.proposal).workflow ?? {},
          createdBy: actor.userId,
          createdAt: at,
        },
        opened.proposal.cosigners,
        events,
      );
      await this.applyEffects(trx, actor, record, opened.effects, at, rules);
      await this.deps.audit.record(actor, { action: 'proposal.create', entity: 'proposal', entityId: id, summary: input.title }, trx);
      return record;
    });
  }

  /**
   * Applies one action; `expectedVersion` must match (409 otherwise). References are
   * checked first (units, deputies, opinions); register and convert get the next number.
   */
  async act(actor: RequestActor | ProposalSystemActor, id: string, action: ProposalAction, expectedVersion: number): Promise<ProposalRecord> {
    const { record, snapshot } = await this.get(actor, id);
    assertProposalVersion(snapshot, expectedVersion);
    const settings = await this.settings();
    const calendar = await this.calendars.current();
    const now = this.deps.clock.now();
    const at = now.toISOString();
    const user = 'kind' in actor ? null : actor;
    if (action.type === 'register' || action.type === 'convert') {
      const type: ProposalType = action.type === 'convert' ? 'suggestion' : snapshot.type;
      const prefix = `${record.year}-${PROPOSAL_TYPE_LABELS[type].zh}-`;
      const next = (await this.deps.repos.proposals.maxNumber(prefix)) + 1;
      (action as { number: string }).number = `${prefix}${String(next).padStart(3, '0')}`;
    }
    await this.checkAction(actor, action);
    if (action.type === 'unlink_cases') await this.checkLinked(id, action.caseIds);
    const result = transitionProposal(snapshot, action, actor, now, calendar, settings);
    const extra: Partial<ProposalRecord> = {};
    if (action.type === 'edit') {
      if (action.title !== undefined) extra.title = action.title.trim();
      if (action.body !== undefined) extra.body = action.body.trim();
    }
    if (action.type === 'answer') extra.answerContent = action.content.trim();
    if (action.type === 'follow_up') extra.followUpContent = action.content.trim();
    if (action.type === 'rate') extra.ratingComment = action.comment?.trim() || null;
    const rules = { calendar, settings: await this.calendars.workflowSettings() };
    const unitsChanged = JSON.stringify(unitRows(snapshot)) !== JSON.stringify(unitRows(result.proposal));
    const cosignersChanged = JSON.stringify(snapshot.cosigners) !== JSON.stringify(result.proposal.cosigners);
    try {
      return await inTransaction(this.deps.storage.db, async (trx) => {
        const events = chainProposalEvents(id, result.events, record.lastEventHash, user?.username ?? null);
        const stored = await trx.proposals.update(
          id,
          record.version,
          { ...proposalChanges(result.proposal), ...extra },
          { ...(cosignersChanged ? { cosigners: result.proposal.cosigners } : {}), ...(unitsChanged ? { units: unitRows(result.proposal) } : {}) },
          events,
          at,
        );
        await this.applyEffects(trx, actor, stored, result.effects, at, rules);
        await this.deps.audit.record(
          user,
          { action: `proposal.${action.type}`, entity: 'proposal', entityId: id, summary: `${snapshot.status} → ${result.proposal.status}` },
          trx,
        );
        return stored;
      });
    } catch (error) {
      if (isAppError(error) && error.code === 'DUPLICATE' && (action.type === 'register' || action.type === 'convert'))
        throw new AppError('VERSION_CONFLICT', { message: 'Another proposal took this number at the same moment; try again.' });
      throw error;
    }
  }

  /**
   * Links opinions and converts the still-accepted ones into this suggestion. The conversion is
   * the workflow's (system actor `suggestion`), not the submitter's: whoever submits — the lead
   * deputy, staff, an admin — the source opinions leave the station's queue and their citizens
   * are told, even when the submitter could not act on those opinions themselves.
   */
  private async applyEffects(
    trx: Repositories,
    actor: RequestActor | ProposalSystemActor,
    record: ProposalRecord,
    effects: ProposalEffect[],
    at: string,
    loaded: CaseRules,
  ): Promise<void> {
    for (const effect of effects) {
      if (effect.type === 'link_cases') await trx.proposals.linkCases(record.id, effect.caseIds, at);
      if (effect.type === 'unlink_cases') await trx.proposals.unlinkCases(record.id, effect.caseIds);
      if (effect.type === 'convert_sources' && !('kind' in actor)) {
        const { calendar, settings } = loaded;
        const now = new Date(at);
        for (const caseId of await trx.proposals.linkedCaseIds(record.id)) {
          const c = await trx.cases.find(caseId);
          // Opinions further along (assigned, replied, …) keep their own course; the link still shows on the tracking page.
          if (!c || c.status !== 'accepted') continue;
          const converted = transition(toSnapshot(c), { type: 'convert', suggestionId: record.id }, SUGGESTION_ACTOR, now, calendar, settings);
          await storeTransition(trx, c, converted, {}, null, at);
        }
      }
    }
    await enqueueProposalEffects(trx, record.id, effects, at);
  }

  /** References named by an action must exist, be active and (opinions) be visible to the actor. */
  private async checkAction(actor: RequestActor | ProposalSystemActor, action: ProposalAction): Promise<void> {
    const { repos } = this.deps;
    if (action.type === 'assign') {
      for (const [path, id] of [['leadUnitId', action.leadUnitId], ...(action.coUnitIds ?? []).map((d) => ['coUnitIds', d])] as Array<[string, string]>) {
        if (!(await repos.departments.find(id))?.active) throw new AppError('REFERENCE_INVALID', { details: [{ path, code: 'not_found', message: id }] });
      }
    }
    if (action.type === 'invite') await this.checkDeputies(action.deputyIds, 'deputyIds');
    if (action.type === 'link_cases' && !('kind' in actor)) await this.checkCases(actor, action.caseIds);
  }

  /** Only opinions linked to this proposal can be unlinked. */
  private async checkLinked(id: string, caseIds: string[]): Promise<void> {
    const linked = new Set(await this.deps.repos.proposals.linkedCaseIds(id));
    const bad = caseIds.filter((c) => !linked.has(c));
    if (bad.length) throw new AppError('REFERENCE_INVALID', { details: bad.map((c) => ({ path: 'caseIds', code: 'not_linked', message: c })) });
  }

  private async checkDeputies(ids: string[], path: string): Promise<void> {
    for (const id of ids) {
      if (!(await this.deps.repos.deputies.find(id))?.active) throw new AppError('REFERENCE_INVALID', { details: [{ path, code: 'not_found', message: id }] });
    }
  }

  private async checkCases(actor: RequestActor, ids: string[]): Promise<void> {
    for (const id of ids) {
      await this.cases.get(actor, id).catch((error: unknown) => {
        if (isAppError(error) && error.code === 'RESOURCE_NOT_FOUND')
          throw new AppError('REFERENCE_INVALID', { details: [{ path: 'caseIds', code: 'not_found', message: id }] });
        throw error;
      });
    }
  }

  /** Proposals an opinion became part of, for its reporter's tracking page. */
  async forCase(caseId: string): Promise<Array<{ id: string; number: string | null; title: string; type: string; status: string }>> {
    const list = await this.deps.repos.proposals.publicForCase(caseId);
    return list.map((p) => ({ id: p.id, number: p.number, title: p.title, type: p.type, status: p.status }));
  }

  /** Recomputes the proposal's event chain. */
  async verify(actor: RequestActor, id: string) {
    await this.get(actor, id);
    return verifyProposalEvents(await this.deps.repos.proposals.events(id));
  }

  /** Ids of proposals whose chain is broken (for `lianxin audit verify`). */
  async verifyAll(): Promise<Array<{ id: string; eventId: string; reason: string }>> {
    const broken = [];
    for (const id of await this.deps.repos.proposals.allIds()) {
      const r = verifyProposalEvents(await this.deps.repos.proposals.events(id));
      if (!r.ok) broken.push({ id, eventId: r.eventId, reason: r.reason });
    }
    return broken;
  }
}
