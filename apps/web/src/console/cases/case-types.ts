/**
 * Shapes of the case endpoints as the console reads them (API.md "Cases"). The server's
 * schemas for these responses are loose records, so they are written out here.
 */
import type { CaseActionName } from '@lianxin/contracts';
import { CASE_ACTIONS } from '@lianxin/core';
import type { OfflineChannel } from '../../shared/contract-types';

export type { CaseActionName };

/** Staff actions in button order (every workflow action but the citizen's rating). */
export const STAFF_ACTIONS = CASE_ACTIONS.filter((a): a is CaseActionName => a !== 'rate');

/** Channels of offline intake (the values of `CaseCreateSchema.channel`, without loading zod). */
export const OFFLINE_CHANNELS = ['walk_in', 'phone', 'visit', 'deputy_visit', 'letter'] as const satisfies readonly OfflineChannel[];

/** Deadline state of a clock: yellow warning, red overdue. */
export type ClockState = 'normal' | 'warning' | 'overdue' | null;

/** Keys of the worklist tabs. */
export const WORKLIST_KEYS = ['to_accept', 'to_sign', 'in_progress', 'due_soon', 'overdue', 'awaiting_rating', 'supervised', 'flagged'] as const;
export type WorklistKey = (typeof WORKLIST_KEYS)[number];

/** A case in a list. */
export interface CaseSummary {
  id: string;
  trackingCode: string;
  title: string;
  status: string;
  statusLabel: string;
  kind: string | null;
  channel: string;
  categoryId: string | null;
  unitId: string | null;
  departmentId: string | null;
  deputyId: string | null;
  createdAt: string;
  replyDueAt: string | null;
  clock: ClockState;
  spamFlags: string[];
}

/** Contact of the reporter (masked unless revealed). */
export interface Reporter {
  name: string | null;
  phone: string | null;
  email: string | null;
}

/** What the audited reveal answers: the contact, and the title and text with their numbers. */
export interface Revealed {
  reporter: Reporter;
  text: { title: string; content: string };
}

/** A case with everything staff may see (phone and ID card numbers in the title and text masked). */
export interface CaseDetail extends CaseSummary {
  content: string;
  /** True when the title or text has numbers only the reveal shows. */
  textMasked?: boolean;
  address: string | null;
  version: number;
  reporter: Reporter;
  anonymous: boolean;
  consentPublic: boolean;
  signDueAt: string | null;
  acceptDueAt: string | null;
  rating: string | null;
  ratingComment: string | null;
  replyContent: string | null;
  reopenCount: number;
  mergedInto: string | null;
  suggestionId: string | null;
  targetDeputyId?: string | null;
  enteredBy: string | null;
  supervised?: boolean;
  clocks: { accept: ClockState; sign: ClockState; reply: ClockState };
}

/** One entry of the case's history. */
export interface CaseEvent {
  id: string;
  type: string;
  label: string;
  fromStatus: string | null;
  toStatus: string;
  actorName: string | null;
  actorKind: string;
  at: string;
  reason: string | null;
  payload: Record<string, unknown> | null;
  public: boolean;
}

/** A file of the case. */
export interface CaseAttachment {
  id: string;
  mime: string;
  size: number;
  url: string;
  width?: number | null;
  height?: number | null;
}

/** A possible duplicate. */
export interface SimilarCase {
  id: string;
  trackingCode: string;
  title: string;
  status: string;
  score: number;
}

/** `GET /api/v1/cases/{id}` and the answer of every action. */
export interface CaseView {
  case: CaseDetail;
  events: CaseEvent[];
  allowedActions: string[];
  attachments: CaseAttachment[];
  similar: SimilarCase[];
  /** Answers an Open311 request gave to its category's questions (empty for other channels). */
  serviceAttributes?: Array<{ code: string; label: string; value: string }>;
}

/** One worklist with its count. */
export interface WorklistCount {
  key: WorklistKey;
  count: number;
}

/** Outcome of one case in a batch assignment. */
export interface BatchResult {
  id: string;
  ok: boolean;
  error?: string;
}

/** One message of the in-app inbox. */
export interface Notification {
  id: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}
