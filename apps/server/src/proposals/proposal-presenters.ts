/**
 * Proposals → API shapes, with the names of deputies and departments resolved once per
 * request.
 */
import {
  ANSWER_CLASS_LABELS,
  PROPOSAL_STATUS_LABELS,
  PROPOSAL_TYPE_LABELS,
  type AnswerClass,
  type ClockState,
  type ProposalStatus,
  type ProposalType,
} from '@lianxin/core';
import type { ProposalSummary, ProposalView } from '@lianxin/contracts';
import type { ProposalEventRecord, ProposalRecord } from '@lianxin/storage';
import type { AppContext } from '../context';
import type { Language } from '../cases/case-labels';

/** Resolves deputy and department names with a per-request cache. */
export class NameBook {
  private readonly deputies = new Map<string, Promise<string | null>>();
  private readonly departments = new Map<string, Promise<string | null>>();
  constructor(private readonly ctx: AppContext) {}
  deputy(id: string | null): Promise<string | null> {
    if (!id) return Promise.resolve(null);
    if (!this.deputies.has(id))
      this.deputies.set(
        id,
        this.ctx.repos.deputies.find(id).then((d) => d?.name ?? null),
      );
    return this.deputies.get(id)!;
  }
  department(id: string | null): Promise<string | null> {
    if (!id) return Promise.resolve(null);
    if (!this.departments.has(id))
      this.departments.set(
        id,
        this.ctx.repos.departments.find(id).then((d) => d?.name ?? null),
      );
    return this.departments.get(id)!;
  }
}

/** zh or en label. */
function label(l: { zh: string; en: string } | undefined, lang: Language): string | null {
  return l ? l[lang] : null;
}

/** A proposal in a list. */
export async function presentProposalSummary(names: NameBook, p: ProposalRecord, lang: Language, clock: ClockState | null = null): Promise<ProposalSummary> {
  return {
    id: p.id,
    type: p.type as ProposalType,
    typeLabel: label(PROPOSAL_TYPE_LABELS[p.type as ProposalType], lang),
    status: p.status,
    statusLabel: label(PROPOSAL_STATUS_LABELS[p.status as ProposalStatus], lang),
    number: p.number,
    year: p.year,
    title: p.title,
    leadDeputy: { id: p.leadDeputyId, name: await names.deputy(p.leadDeputyId) },
    leadUnit: p.leadUnitId ? { id: p.leadUnitId, name: await names.department(p.leadUnitId) } : null,
    answerClass: p.answerClass,
    rating: p.rating,
    answerDueAt: p.answerDueAt,
    clock,
    keyLeader: p.keyLeader,
    supervised: p.supervised,
    createdAt: p.createdAt,
    submittedAt: p.submittedAt,
    closedAt: p.closedAt,
    version: p.version,
  };
}

/** Event → timeline entry; `people` names the accounts that acted (cases/event-people.ts). */
export function presentProposalEvent(e: ProposalEventRecord, people: ReadonlyMap<string, string> = new Map()): ProposalView['events'][number] {
  return {
    id: e.id,
    type: e.type,
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    actorName: (e.actorId ? people.get(e.actorId) : undefined) ?? e.actorName ?? (e.actorKind === 'system' ? '系统' : null),
    at: e.at,
    reason: e.reason,
    payload: e.payload,
    hash: e.hash,
  };
}

/** The labels of answer classes for a language. */
export function answerClassLabel(cls: string | null, lang: Language): string | null {
  return cls ? label(ANSWER_CLASS_LABELS[cls as AnswerClass], lang) : null;
}
