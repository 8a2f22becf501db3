/**
 * The bridge between stored proposals and the pure workflow in `core`: rows become
 * snapshots for `transitionProposal`, and a transition's result is written back — the row,
 * its co-signers and units, its hash-chained events and its effects as jobs.
 */
import { randomUUID } from 'node:crypto';
import {
  chainEvents,
  GENESIS_HASH,
  verifyChain,
  type ChainVerification,
  type ProposalEffect,
  type ProposalEvent,
  type ProposalSnapshot,
  type ProposalStatus,
  type ProposalType,
  unreachable,
} from '@lianxin/core';
import type { CosignerRecord, ProposalChanges, ProposalEventRecord, ProposalRecord, ProposalUnitRecord, Repositories } from '@lianxin/storage';
import { newId } from '../platform/adapters/ids';
import { enqueueAll, newJob, type CheckedJob } from '../platform/jobs/enqueue';
import { PROPOSAL_NOTIFY, PROPOSAL_TIMERS } from './proposal-job-types';

/** Workflow state kept in the proposal's JSON column. */
interface StoredWorkflow {
  coUnitIds?: string[];
  coAnswered?: string[];
  withdrawal?: ProposalSnapshot['withdrawal'];
  extension?: ProposalSnapshot['extension'];
  unsatisfiedCount?: number;
  urgeCount?: number;
}

const NO_REQUEST = { status: 'none', departmentId: null, reason: null } as const;

/** The workflow's view of a stored proposal. */
export function toProposalSnapshot(record: ProposalRecord, cosigners: CosignerRecord[]): ProposalSnapshot {
  const w = record.workflow as StoredWorkflow;
  return {
    id: record.id,
    type: record.type as ProposalType,
    status: record.status as ProposalStatus,
    version: record.version,
    leadDeputyId: record.leadDeputyId,
    unitPath: record.unitPath,
    cosigners: cosigners.map((c) => ({ deputyId: c.deputyId, status: c.status as 'invited' | 'signed' | 'declined', at: c.at })),
    number: record.number,
    leadUnitId: record.leadUnitId,
    coUnitIds: w.coUnitIds ?? [],
    coAnswered: w.coAnswered ?? [],
    deadlines: { withdraw: record.withdrawDueAt, answer: record.answerDueAt },
    assignedAt: record.assignedAt,
    withdrawal: w.withdrawal ?? { ...NO_REQUEST },
    extension: w.extension ?? { ...NO_REQUEST },
    answerClass: record.answerClass as ProposalSnapshot['answerClass'],
    rating: record.rating as ProposalSnapshot['rating'],
    unsatisfiedCount: w.unsatisfiedCount ?? 0,
    supervised: record.supervised,
    keyLeader: record.keyLeader,
    urgeCount: w.urgeCount ?? 0,
    submittedAt: record.submittedAt,
    answeredAt: record.answeredAt,
    closedAt: record.closedAt,
  };
}

/** The columns a snapshot changes. */
export function proposalChanges(s: ProposalSnapshot): ProposalChanges {
  const workflow: StoredWorkflow = {
    coUnitIds: s.coUnitIds,
    coAnswered: s.coAnswered,
    withdrawal: s.withdrawal,
    extension: s.extension,
    unsatisfiedCount: s.unsatisfiedCount,
    urgeCount: s.urgeCount,
  };
  return {
    type: s.type,
    status: s.status,
    number: s.number,
    leadUnitId: s.leadUnitId,
    answerClass: s.answerClass,
    rating: s.rating,
    supervised: s.supervised,
    keyLeader: s.keyLeader,
    withdrawDueAt: s.deadlines.withdraw,
    answerDueAt: s.deadlines.answer,
    assignedAt: s.assignedAt,
    submittedAt: s.submittedAt,
    answeredAt: s.answeredAt,
    closedAt: s.closedAt,
    workflow: workflow as Record<string, unknown>,
  };
}

/** The unit rows of a snapshot. */
export function unitRows(s: ProposalSnapshot): ProposalUnitRecord[] {
  return [
    ...(s.leadUnitId ? [{ departmentId: s.leadUnitId, role: 'lead' as const }] : []),
    ...s.coUnitIds.map((departmentId) => ({ departmentId, role: 'co' as const })),
  ];
}

/** Workflow events as stored, hash-chained records. */
export function chainProposalEvents(proposalId: string, events: ProposalEvent[], prevHash: string | null, actorName: string | null): ProposalEventRecord[] {
  const rows = events.map((e) => ({
    id: newId(),
    proposalId,
    type: e.type,
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    actorId: e.actorId,
    actorKind: e.actorKind,
    actorName: e.actorKind === 'user' ? actorName : null,
    at: e.at,
    reason: e.reason ?? null,
    payload: e.payload,
  }));
  return chainEvents(rows, prevHash ?? GENESIS_HASH).map((r) => ({ ...r, prevHash: r.prevHash ?? GENESIS_HASH }));
}

/** Recomputes a proposal's chain from its stored events. */
export function verifyProposalEvents(events: ProposalEventRecord[]): ChainVerification {
  return verifyChain(
    events.map((e) => ({
      id: e.id,
      proposalId: e.proposalId,
      type: e.type,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      actorId: e.actorId,
      actorKind: e.actorKind,
      actorName: e.actorName,
      at: e.at,
      reason: e.reason,
      payload: e.payload,
      prevHash: e.prevHash,
      hash: e.hash,
    })),
  );
}

/** Queues a transition's notify and schedule effects as jobs (inside the caller's transaction). */
export async function enqueueProposalEffects(repos: Repositories, proposalId: string, effects: ProposalEffect[], now: string): Promise<void> {
  const jobs: CheckedJob[] = [];
  for (const effect of effects) {
    switch (effect.type) {
      case 'notify':
        jobs.push(
          newJob(
            PROPOSAL_NOTIFY.name,
            { proposalId, to: effect.to, template: effect.template, ...(effect.deputyIds ? { deputyIds: effect.deputyIds } : {}) },
            { id: `proposal.notify:${randomUUID()}`, runAt: now, now },
          ),
        );
        break;
      case 'schedule':
        jobs.push(
          newJob(PROPOSAL_TIMERS[effect.job].name, { proposalId, at: effect.at }, { id: `${effect.job}:${proposalId}:${effect.at}`, runAt: effect.at, now }),
        );
        break;
      case 'link_cases':
      case 'unlink_cases':
      case 'convert_sources':
        // Applied by the service in the same transaction (ProposalService.applyEffects, which calls this).
        break;
      default:
        unreachable(effect, 'proposal effect');
    }
  }
  await enqueueAll(repos, jobs);
}
