/**
 * The data of the opinion case workflow (DESIGN §2.2): states, actions with their
 * payloads, the case snapshot the pure transition works on, the events it appends, the
 * side effects it asks the server to carry out, and the settings it needs.
 */
import type { Actor } from './policy';

/** Case states, in workflow order. */
export const CASE_STATUSES = ['submitted', 'accepted', 'assigned', 'in_progress', 'replied', 'closed', 'rejected', 'reopened', 'merged', 'converted'] as const;
/** A case state. */
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** States in which a case still needs work (or a rating); the others are final. */
export const OPEN_CASE_STATUSES: readonly CaseStatus[] = ['submitted', 'accepted', 'assigned', 'in_progress', 'replied', 'reopened'];

/**
 * Most rows the case list reaches by page number: `(page − 1) × pageSize` may not go past it
 * (400 otherwise); deeper rows are reached with the list's cursors (`after` / `before`), whose
 * cost does not grow with the depth. 10,000 rows are 500 pages of 20.
 */
export const CASE_LIST_OFFSET_WINDOW = 10_000;

/** zh-CN and English labels of the case states. */
export const CASE_STATUS_LABELS: Record<CaseStatus, { zh: string; en: string }> = {
  submitted: { zh: '待受理', en: 'Submitted' },
  accepted: { zh: '已受理', en: 'Accepted' },
  assigned: { zh: '已交办', en: 'Assigned' },
  in_progress: { zh: '办理中', en: 'In progress' },
  replied: { zh: '已答复', en: 'Replied' },
  closed: { zh: '已办结', en: 'Closed' },
  rejected: { zh: '不予受理', en: 'Rejected' },
  reopened: { zh: '重办', en: 'Reopened' },
  merged: { zh: '已合并', en: 'Merged' },
  converted: { zh: '转为代表建议', en: 'Converted to a suggestion' },
};

/** Every action on a case (API.md `POST /cases/{id}/actions/{action}`, plus the citizen's `rate`). */
export const CASE_ACTIONS = [
  'accept',
  'reject',
  'answer_on_site',
  'assign',
  'sign',
  'return',
  'reply',
  'request_extension',
  'approve_extension',
  'deny_extension',
  'urge',
  'supervise',
  'rate',
  'reopen',
  'close',
  'merge',
  'convert',
  'note',
] as const;
/** A case action name. */
export type CaseActionType = (typeof CASE_ACTIONS)[number];

/** Who handles the case: the department or deputy it is assigned to, or null before assignment. */
export function caseHandlerKind(c: Pick<CaseSnapshot, 'departmentId' | 'deputyId'>): 'department' | 'deputy' | null {
  return c.departmentId ? 'department' : c.deputyId ? 'deputy' : null;
}

/** The citizen's ratings of a reply (满意 / 基本满意 / 不满意). */
export const CASE_RATINGS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
/** A citizen's rating. */
export type CaseRating = (typeof CASE_RATINGS)[number];

/** The supervision chain for overdue cases: 催办 by the station, then 督办 by the general station, then by the people's congress office. */
export const ESCALATION_LEVELS = ['none', 'station', 'hub', 'congress_office'] as const;
/** A rung of the supervision chain. */
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];
/** Who supervises at each rung, as people say it (messages never show the codes). */
export const ESCALATION_LEVEL_LABELS: Record<Exclude<EscalationLevel, 'none'>, { zh: string; en: string }> = {
  station: { zh: '联络站', en: 'liaison station' },
  hub: { zh: '联络总站', en: 'general station' },
  congress_office: { zh: '人大常委会办公室', en: "people's congress office" },
};

/** The separate clocks of a case. */
export const CASE_CLOCKS = ['accept', 'sign', 'reply'] as const;
/** A case clock. */
export type CaseClock = (typeof CASE_CLOCKS)[number];

/** Deadlines as ISO instants (end of a working day in China time), or null when not set. */
export interface CaseDeadlines {
  accept: string | null;
  sign: string | null;
  reply: string | null;
  /** End of the citizen's rating window after a reply (calendar days). */
  rating: string | null;
}

/** The state of a request to extend the reply deadline (延期). */
export interface CaseExtension {
  status: 'none' | 'pending' | 'approved' | 'denied';
  /** Working days asked for in the latest request. */
  requestedDays: number | null;
  reason: string | null;
  /** Working days granted so far for the current assignment. */
  approvedDays: number;
  /** The reply deadline set at assignment, before any extension; the cap counts from it. */
  baseReplyDeadline: string | null;
}

/** How far up the supervision chain the case has gone, for which clock, and when. */
export interface CaseEscalation {
  level: EscalationLevel;
  clock: CaseClock | null;
  at: string | null;
}

/**
 * Everything the workflow needs to know about a case. The server loads it from the case
 * row, passes it to `transition`, and stores the returned snapshot (guarded by `version`).
 */
export interface CaseSnapshot {
  id: string;
  status: CaseStatus;
  /** Optimistic-concurrency version; every transition increments it by one. */
  version: number;
  /** Materialized path of the handling station (or point), e.g. `/hub/st-anyang/`. */
  unitPath: string;
  categoryId: string | null;
  /** Appeal kind code (consultation, help, complaint, suggestion, praise). */
  kind: string | null;
  /** The department (承办单位) handling the case; set by `assign`, cleared by `return`. */
  departmentId: string | null;
  /** The deputy handling the case (assigned to a deputy instead of a department). */
  deputyId: string | null;
  /** The deputy the opinion was addressed to (a deputy's QR code, a deputy visit). */
  targetDeputyId: string | null;
  /** Working days granted for the reply at the latest assignment (reused when re-handled). */
  handleWorkdays: number | null;
  deadlines: CaseDeadlines;
  extension: CaseExtension;
  /** How many times the case was reopened (by rating or by hand). */
  reopenCount: number;
  /** How many 不满意 ratings the case received. */
  unsatisfiedCount: number;
  /** Latest rating; `none` when the rating window passed without one. */
  rating: CaseRating | 'none' | null;
  /** True once the case is under supervision (督办). */
  supervised: boolean;
  escalation: CaseEscalation;
  urgeCount: number;
  mergedInto: string | null;
  /** For a merged case: the status of its master, filled in by the server when loading. */
  mergedMasterStatus?: CaseStatus | null;
  suggestionId: string | null;
  submittedAt: string;
  repliedAt: string | null;
  closedAt: string | null;
}

/** The reporter of a case, verified by tracking code and phone digits or secret. */
export interface CitizenActor {
  kind: 'citizen';
  /** The case the citizen proved to be the reporter of. */
  caseId: string;
}

/** The system itself: the scheduler, the rating-window job, the workflow's own follow-ups. */
export interface SystemActor {
  kind: 'system';
  /** Which job acts, e.g. `scheduler`, recorded as `system:<name>`. */
  name: string;
}

/** Anyone who can act on a case: a signed-in account, the reporting citizen or the system. */
export type CaseActor = Actor | CitizenActor | SystemActor;

/** The action payloads of API.md, discriminated by `type`. */
export type CaseAction =
  | { type: 'accept'; categoryId?: string; kind?: string }
  | { type: 'reject'; reason: string; guidance?: string }
  | { type: 'answer_on_site'; content: string }
  | { type: 'assign'; departmentId?: string; deputyId?: string; dueWorkdays?: number }
  | { type: 'sign' }
  | { type: 'return'; reason: string }
  | { type: 'reply'; content: string; attachmentIds?: string[] }
  | { type: 'request_extension'; days: number; reason: string }
  | { type: 'approve_extension'; reason?: string }
  | { type: 'deny_extension'; reason?: string }
  | { type: 'urge'; note: string; level?: EscalationLevel }
  | { type: 'supervise'; note: string; level?: EscalationLevel }
  | { type: 'rate'; rating: CaseRating; comment?: string }
  | { type: 'reopen'; reason: string }
  | { type: 'close'; reason?: string }
  | { type: 'merge'; intoCaseId: string }
  | { type: 'convert'; suggestionId?: string }
  | { type: 'note'; content: string };

/** Event types: every action, plus the case's creation and the automatic re-assignment after 不满意. */
export type CaseEventType = CaseActionType | 'submitted' | 'reassigned';

/** One append-only record of what happened. The server adds ids, the case id and the hash chain. */
export interface CaseEvent {
  type: CaseEventType;
  fromStatus: CaseStatus | null;
  toStatus: CaseStatus;
  /** `userId` of an account, `citizen`, or `system:<name>`. */
  actorId: string;
  actorKind: 'user' | 'citizen' | 'system';
  at: string;
  reason?: string;
  payload: Record<string, unknown>;
}

/** Who a notification goes to; the server resolves the actual people. */
export type NotifyRecipient = 'citizen' | 'handler' | 'staff' | 'supervisor' | 'merged_reporters';

/** Jobs the server should schedule; each must re-check the case when it runs. */
export type ScheduledJob = 'case.deadline' | 'case.reminder' | 'case.rating_window';

/**
 * Side effects the server carries out after storing the transition (in the same transaction, as
 * jobs). Links a transition makes (the case merged into, the suggestion converted into) are not
 * effects: they are part of the snapshot (`mergedInto`, `suggestionId`) and stored with the case row.
 */
export type CaseEffect =
  /** `note`: the words of an urge or supervision, passed on to whoever is notified. */
  | { type: 'notify'; to: NotifyRecipient; template: string; note?: string }
  | { type: 'schedule'; job: ScheduledJob; at: string; clock?: CaseClock }
  | { type: 'escalate'; level: EscalationLevel; reason: string; dueAt: string };

/** What a transition returns. */
export interface CaseTransitionResult {
  case: CaseSnapshot;
  events: CaseEvent[];
  effects: CaseEffect[];
}

/** Time limits and thresholds of the workflow; admins edit them. */
export interface WorkflowSettings {
  /** Working days to accept or reject a submission. */
  acceptWorkdays: number;
  /** Working days for the handler to sign for an assignment. */
  signWorkdays: number;
  /** Reply limit when neither the category nor the appeal kind sets one. */
  defaultHandleWorkdays: number;
  /** Reply limit per appeal kind code (`handleWorkdays` of the appeal kinds). */
  handleWorkdaysByKind: Partial<Record<string, number>>;
  /** Reply limit per category id (`timeLimitWorkdays`); wins over the appeal kind. */
  categoryWorkdays: Partial<Record<string, number | null>>;
  /** Total calendar days an extension may push the reply deadline past its base. */
  maxExtensionCalendarDays: number;
  /** Calendar days the citizen has to rate a reply. */
  ratingWindowDays: number;
  /** A clock turns yellow when fewer than this many working days remain. */
  warningWorkdays: number;
  /** Working days between rungs of the supervision chain while still overdue. */
  escalationStepWorkdays: number;
  /** Working days a supervision record gives for a response. */
  supervisionWorkdays: number;
}

/** Defaults from `reference/ruian-demo.json` (defaultTimeLimits, appealKinds). */
export const DEFAULT_WORKFLOW_SETTINGS: WorkflowSettings = {
  acceptWorkdays: 1,
  signWorkdays: 1,
  defaultHandleWorkdays: 15,
  handleWorkdaysByKind: { consultation: 3, help: 5, complaint: 7, suggestion: 15, praise: 3 },
  categoryWorkdays: {},
  maxExtensionCalendarDays: 20,
  ratingWindowDays: 7,
  warningWorkdays: 1,
  escalationStepWorkdays: 1,
  supervisionWorkdays: 3,
};

/** Fills in defaults for the settings a caller leaves out. */
export function resolveWorkflowSettings(settings: Partial<WorkflowSettings> = {}): WorkflowSettings {
  return { ...DEFAULT_WORKFLOW_SETTINGS, ...settings };
}
