/**
 * Shapes of the case endpoints as the console reads them (API.md "Cases"), inferred from the
 * server's contract (packages/contracts/src/cases.ts). Type-only imports: nothing from zod
 * ends up in the bundle.
 */
import type { BatchAssignResult, CaseActionName, CaseList, CaseReporter, CaseReveal, CaseEventView, CaseWorklist, WorklistCounts } from '@lianxin/contracts';
import { CASE_ACTIONS } from '@lianxin/core';
import type { OfflineChannel } from '../../shared/contract-types';

export type { CaseActionName, CaseAttachment, CaseDetail, CaseView, Notification, SimilarCase } from '@lianxin/contracts';

/** Staff actions in button order (every workflow action but the citizen's rating). */
export const STAFF_ACTIONS = CASE_ACTIONS.filter((a): a is CaseActionName => a !== 'rate');

/** Channels of offline intake (the values of `CaseCreateSchema.channel`, without loading zod). */
export const OFFLINE_CHANNELS = ['walk_in', 'phone', 'visit', 'deputy_visit', 'letter'] as const satisfies readonly OfflineChannel[];

/** Deadline state of a clock: yellow warning, red overdue. */
export type ClockState = CaseList['items'][number]['clock'];

/** Keys of the worklist tabs (the values of `CASE_WORKLISTS`, without loading zod). */
export const WORKLIST_KEYS = [
  'to_accept',
  'to_sign',
  'in_progress',
  'due_soon',
  'overdue',
  'awaiting_rating',
  'supervised',
  'flagged',
] as const satisfies readonly CaseWorklist[];
export type WorklistKey = CaseWorklist;
/** Every worklist of the contract has its tab (tsc fails here on a new one). */
export const WORKLIST_TABS_COMPLETE: Exclude<CaseWorklist, (typeof WORKLIST_KEYS)[number]> extends never ? true : never = true;

/** A case in a list (`snippet` with a text search). */
export type CaseSummary = CaseList['items'][number];

/** Contact of the reporter (masked unless revealed). */
export type Reporter = CaseReporter;

/** What the audited reveal answers: the contact, and the title and text with their numbers. */
export type Revealed = CaseReveal;

/** One entry of the case's history. */
export type CaseEvent = CaseEventView;

/** One worklist with its count. */
export type WorklistCount = WorklistCounts['items'][number];

/** Outcome of one case in a batch assignment. */
export type BatchResult = BatchAssignResult['results'][number];
