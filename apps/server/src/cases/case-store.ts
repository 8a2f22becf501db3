/**
 * The bridge between stored cases and the pure workflow in `core`: records become
 * snapshots for `transition`, and a transition's result is written back — the case row,
 * its events linked into the hash chain, and its effects as jobs — in one transaction.
 */
import { randomUUID } from 'node:crypto';
import {
  chainEvents,
  GENESIS_HASH,
  type CaseEffect,
  type CaseEvent,
  type CaseSnapshot,
  type CaseStatus,
  type CaseTransitionResult,
  ESCALATION_LEVELS,
  unreachable,
} from '@lianxin/core';
import type { CaseChanges, CaseEventRecord, CaseRecord, NewCase, Repositories } from '@lianxin/storage';
import { newId } from '../platform/adapters/ids';
import { enqueueWebhookEvents } from '../integrations/webhook-events';
import { enqueueAll, newJob, type CheckedJob } from '../platform/jobs/enqueue';
import { CASE_NOTIFY, CASE_TIMERS } from './case-job-types';

/** Event types the reporting citizen sees on the tracking page. */
export const PUBLIC_EVENT_TYPES = new Set<string>([
  'submitted',
  'accept',
  'reject',
  'answer_on_site',
  'assign',
  'sign',
  'reply',
  'approve_extension',
  'rate',
  'reopen',
  'reassigned',
  'close',
  'merge',
  'convert',
]);

/** Workflow state kept in the case's JSON column. */
interface StoredWorkflow {
  handleWorkdays?: number | null;
  unsatisfiedCount?: number;
  supervised?: boolean;
  escalation?: CaseSnapshot['escalation'];
  urgeCount?: number;
  ratingDueAt?: string | null;
}

/** The workflow's view of a stored case. */
export function toSnapshot(record: CaseRecord, mergedMasterStatus?: CaseStatus | null): CaseSnapshot {
  const w = record.workflow as StoredWorkflow;
  return {
    id: record.id,
    status: record.status as CaseStatus,
    version: record.version,
    unitPath: record.unitPath ?? '/',
    categoryId: record.categoryId,
    kind: record.kind,
    departmentId: record.departmentId,
    deputyId: record.deputyId,
    targetDeputyId: record.targetDeputyId,
    handleWorkdays: w.handleWorkdays ?? null,
    deadlines: { accept: record.acceptDueAt, sign: record.signDueAt, reply: record.replyDueAt, rating: w.ratingDueAt ?? null },
    extension: {
      status: 'none',
      requestedDays: null,
      reason: null,
      approvedDays: 0,
      baseReplyDeadline: null,
      ...record.extension,
    },
    reopenCount: record.reopenCount,
    unsatisfiedCount: w.unsatisfiedCount ?? 0,
    rating: record.rating as CaseSnapshot['rating'],
    supervised: w.supervised ?? false,
    escalation: w.escalation ?? { level: 'none', clock: null, at: null },
    urgeCount: w.urgeCount ?? 0,
    mergedInto: record.mergedInto,
    ...(mergedMasterStatus !== undefined ? { mergedMasterStatus } : {}),
    suggestionId: record.suggestionId,
    submittedAt: record.createdAt,
    repliedAt: record.repliedAt,
    closedAt: record.closedAt,
  };
}

/** The columns a snapshot changes. */
export function snapshotChanges(s: CaseSnapshot): CaseChanges {
  const workflow: StoredWorkflow = {
    handleWorkdays: s.handleWorkdays,
    unsatisfiedCount: s.unsatisfiedCount,
    supervised: s.supervised,
    escalation: s.escalation,
    urgeCount: s.urgeCount,
    ratingDueAt: s.deadlines.rating,
  };
  return {
    status: s.status,
    categoryId: s.categoryId,
    kind: s.kind ?? 'suggestion',
    unitPath: s.unitPath,
    departmentId: s.departmentId,
    deputyId: s.deputyId,
    targetDeputyId: s.targetDeputyId,
    acceptDueAt: s.deadlines.accept,
    signDueAt: s.deadlines.sign,
    replyDueAt: s.deadlines.reply,
    extension: s.extension as unknown as Record<string, unknown>,
    reopenCount: s.reopenCount,
    rating: s.rating,
    escalationLevel: ESCALATION_LEVELS.indexOf(s.escalation.level),
    supervised: s.supervised,
    mergedInto: s.mergedInto,
    suggestionId: s.suggestionId,
    repliedAt: s.repliedAt,
    closedAt: s.closedAt,
    workflow: workflow as Record<string, unknown>,
  };
}

/** Turns workflow events into stored, hash-chained event records. */
export function chainForStorage(caseId: string, events: CaseEvent[], prevHash: string | null, actorName: string | null): CaseEventRecord[] {
  const rows = events.map((e) => ({
    id: newId(),
    caseId,
    type: e.type,
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    actorId: e.actorId,
    actorKind: e.actorKind,
    actorName: e.actorKind === 'user' ? actorName : null,
    at: e.at,
    reason: e.reason ?? null,
    payload: e.payload,
    public: PUBLIC_EVENT_TYPES.has(e.type),
  }));
  return chainEvents(rows, prevHash ?? GENESIS_HASH).map((r) => ({ ...r, prevHash: r.prevHash ?? GENESIS_HASH }));
}

/** The fields hashed for a stored event (what `verifyChain` recomputes). */
export function hashedFields(e: CaseEventRecord): { id: string } & Record<string, unknown> {
  return {
    id: e.id,
    caseId: e.caseId,
    type: e.type,
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    actorId: e.actorId,
    actorKind: e.actorKind,
    actorName: e.actorName,
    at: e.at,
    reason: e.reason,
    payload: e.payload,
    public: e.public,
  };
}

/** Deterministic id of a scheduled case job, so re-running a transition never doubles it. */
function scheduleJobId(caseId: string, effect: Extract<CaseEffect, { type: 'schedule' }>): string {
  return `${effect.job}:${caseId}:${effect.clock ?? '-'}:${effect.at}`;
}

/** The jobs that carry out a transition's effects (notifications, deadline timers): the one place effects are carried out. */
export function effectJobs(caseId: string, effects: CaseEffect[], now: string): CheckedJob[] {
  const jobs: CheckedJob[] = [];
  for (const effect of effects) {
    switch (effect.type) {
      case 'notify':
        jobs.push(
          newJob(
            CASE_NOTIFY.name,
            { caseId, to: effect.to, template: effect.template, ...(effect.note ? { note: effect.note } : {}) },
            { id: `notify:${randomUUID()}`, runAt: now, now },
          ),
        );
        break;
      case 'schedule':
        jobs.push(
          newJob(
            CASE_TIMERS[effect.job].name,
            { caseId, clock: effect.clock ?? null, at: effect.at },
            { id: scheduleJobId(caseId, effect), runAt: effect.at, now },
          ),
        );
        break;
      case 'escalate':
        // No job of its own: the supervisors' notice comes with the same transition
        // (`case.supervised` / `case.unsatisfied_again`), and a second one would mail them twice per step.
        break;
      default:
        unreachable(effect, 'case effect');
    }
  }
  return jobs;
}

/** Queues a transition's effects as jobs, in one statement (inside the caller's transaction). */
export async function enqueueEffects(repos: Repositories, caseId: string, effects: CaseEffect[], now: string): Promise<void> {
  await enqueueAll(repos, effectJobs(caseId, effects, now));
}

/** What storing a case opened by `openCase` writes: the case row's fields, its first events and its jobs. */
export interface OpenedCaseRows {
  record: NewCase;
  events: CaseEventRecord[];
  jobs: CheckedJob[];
}

/** The rows of a new case opened by `openCase` (nothing written yet). */
export function openedCaseRows(fields: NewCase, opened: CaseTransitionResult, actorName: string | null, now: string): OpenedCaseRows {
  return {
    record: { ...fields, ...snapshotChanges(opened.case), status: opened.case.status },
    events: chainForStorage(fields.id, opened.events, null, actorName),
    jobs: effectJobs(fields.id, opened.effects, now),
  };
}

/** Stores a new case opened by `openCase`. */
export async function insertOpenedCase(
  repos: Repositories,
  fields: NewCase,
  opened: CaseTransitionResult,
  actorName: string | null,
  now: string,
): Promise<CaseRecord> {
  const rows = openedCaseRows(fields, opened, actorName, now);
  const record = await repos.cases.insert(rows.record, rows.events);
  await enqueueAll(repos, rows.jobs);
  await enqueueWebhookEvents(repos, [{ caseId: record.id, events: rows.events }], now);
  return record;
}

/** Stores a transition of an existing case (version-guarded). */
export async function storeTransition(
  repos: Repositories,
  before: CaseRecord,
  result: CaseTransitionResult,
  extra: CaseChanges,
  actorName: string | null,
  now: string,
): Promise<CaseRecord> {
  const events = chainForStorage(before.id, result.events, before.lastEventHash, actorName);
  const record = await repos.cases.update(before.id, before.version, { ...snapshotChanges(result.case), ...extra }, events, now);
  await enqueueEffects(repos, record.id, result.effects, now);
  await enqueueWebhookEvents(repos, [{ caseId: record.id, events }], now);
  return record;
}
