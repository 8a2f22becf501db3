/**
 * The data of deputies' suggestions and motions (代表建议 / 议案, DESIGN §2.3): states,
 * actions with their payloads, the snapshot the pure transition works on, its events,
 * effects and settings. Modelled on the opinion case workflow (`case-model.ts`).
 */
import type { Actor } from '../policy';

/** 建议 (suggestion) or 议案 (motion). */
export const PROPOSAL_TYPES = ['suggestion', 'motion'] as const;
/** A proposal type. */
export type ProposalType = (typeof PROPOSAL_TYPES)[number];

/** Proposal states, in workflow order. */
export const PROPOSAL_STATUSES = ['draft', 'submitted', 'registered', 'assigned', 'answered', 'follow_up', 'closed', 'rejected', 'withdrawn'] as const;
/** A proposal state. */
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/** States in which the proposal still needs work. */
export const OPEN_PROPOSAL_STATUSES: readonly ProposalStatus[] = ['submitted', 'registered', 'assigned', 'answered', 'follow_up'];

/** zh-CN and English labels of the states. */
export const PROPOSAL_STATUS_LABELS: Record<ProposalStatus, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '已提交', en: 'Submitted' },
  registered: { zh: '已立案', en: 'Registered' },
  assigned: { zh: '已交办', en: 'Assigned' },
  answered: { zh: '已答复', en: 'Answered' },
  follow_up: { zh: '跟踪落实', en: 'Follow-up' },
  closed: { zh: '已办结', en: 'Closed' },
  rejected: { zh: '不予立案', en: 'Not registered' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
};

/** zh-CN and English labels of the types. */
export const PROPOSAL_TYPE_LABELS: Record<ProposalType, { zh: string; en: string }> = {
  suggestion: { zh: '建议', en: 'Suggestion' },
  motion: { zh: '议案', en: 'Motion' },
};

/**
 * Answer classes (答复分类): A solved or adopted; B being solved or planned; C to be solved
 * later as conditions allow; D cannot be solved now, explained. B and C need a follow-up
 * answer once solved.
 */
export const ANSWER_CLASSES = ['A', 'B', 'C', 'D'] as const;
/** An answer class. */
export type AnswerClass = (typeof ANSWER_CLASSES)[number];

/** Classes whose answer is a promise that needs a follow-up answer when kept. */
export const FOLLOW_UP_CLASSES: readonly AnswerClass[] = ['B', 'C'];

/** zh-CN and English labels of the answer classes. */
export const ANSWER_CLASS_LABELS: Record<AnswerClass, { zh: string; en: string }> = {
  A: { zh: 'A类 已经解决或采纳', en: 'A: solved or adopted' },
  B: { zh: 'B类 正在解决或列入计划解决', en: 'B: being solved or planned' },
  C: { zh: 'C类 因条件限制需以后解决', en: 'C: to be solved when conditions allow' },
  D: { zh: 'D类 因条件限制无法解决，作出说明', en: 'D: cannot be solved, explained' },
};

/** The lead deputy's ratings of an answer (满意 / 基本满意 / 不满意). */
export const PROPOSAL_RATINGS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
/** A lead deputy's rating. */
export type ProposalRating = (typeof PROPOSAL_RATINGS)[number];

/** Every action on a proposal (API.md `POST /suggestions/{id}/actions/{action}`). */
export const PROPOSAL_ACTIONS = [
  'edit',
  'invite',
  'cosign',
  'decline',
  'link_cases',
  'unlink_cases',
  'submit',
  'withdraw',
  'return',
  'register',
  'convert',
  'reject',
  'assign',
  'request_withdraw',
  'approve_withdraw',
  'deny_withdraw',
  'request_extension',
  'approve_extension',
  'deny_extension',
  'co_answer',
  'answer',
  'rate',
  'follow_up',
  'urge',
  'supervise',
  'designate_key',
  'close',
  'note',
] as const;
/** A proposal action name. */
export type ProposalActionType = (typeof PROPOSAL_ACTIONS)[number];

/** A co-signer and where they stand. */
export interface Cosigner {
  deputyId: string;
  status: 'invited' | 'signed' | 'declined';
  at: string;
}

/** A pending or decided request (withdrawal by a unit, extension of the answer deadline). */
export interface ProposalRequest {
  status: 'none' | 'pending' | 'approved' | 'denied';
  /** The unit that asked (withdrawal) or null. */
  departmentId: string | null;
  reason: string | null;
}

/** Deadlines as ISO instants (end of a China working day), or null. */
export interface ProposalDeadlines {
  /** Last moment a unit may ask to withdraw (退办): 7 working days after assignment. */
  withdraw: string | null;
  /** Written answer due (3 months after assignment, 6 with approval; 1 month to handle again). */
  answer: string | null;
}

/** Everything the workflow needs to know about a proposal. */
export interface ProposalSnapshot {
  id: string;
  type: ProposalType;
  status: ProposalStatus;
  /** Optimistic-concurrency version; every transition increments it by one. */
  version: number;
  leadDeputyId: string;
  /** Materialized path of the lead deputy's home unit (scope of station staff). */
  unitPath: string;
  cosigners: Cosigner[];
  /** Registration number (e.g. `2026-建议-007`), set by register/convert. */
  number: string | null;
  leadUnitId: string | null;
  coUnitIds: string[];
  /** Co-units that gave their opinion (协办意见) to the lead unit. */
  coAnswered: string[];
  deadlines: ProposalDeadlines;
  assignedAt: string | null;
  withdrawal: ProposalRequest;
  extension: ProposalRequest;
  answerClass: AnswerClass | null;
  rating: ProposalRating | null;
  /** How many times the proposal was handed back after 不满意. */
  unsatisfiedCount: number;
  supervised: boolean;
  /** 重点督办: the leader who took the item, or null. */
  keyLeader: string | null;
  urgeCount: number;
  submittedAt: string | null;
  answeredAt: string | null;
  closedAt: string | null;
}

/** The system (scheduler) acting on a proposal. */
export interface ProposalSystemActor {
  kind: 'system';
  name: string;
}

/** Anyone who can act on a proposal. */
export type ProposalActor = Actor | ProposalSystemActor;

/** Action payloads, discriminated by `type`. */
export type ProposalAction =
  | { type: 'edit'; title?: string; body?: string }
  | { type: 'invite'; deputyIds: string[] }
  | { type: 'cosign' }
  | { type: 'decline'; reason?: string }
  | { type: 'link_cases'; caseIds: string[] }
  | { type: 'unlink_cases'; caseIds: string[] }
  | { type: 'submit' }
  | { type: 'withdraw'; reason: string }
  | { type: 'return'; reason: string }
  | { type: 'register'; number: string }
  | { type: 'convert'; number: string; reason: string }
  | { type: 'reject'; reason: string }
  | { type: 'assign'; leadUnitId: string; coUnitIds?: string[] }
  | { type: 'request_withdraw'; reason: string }
  | { type: 'approve_withdraw'; reason?: string }
  | { type: 'deny_withdraw'; reason?: string }
  | { type: 'request_extension'; reason: string }
  | { type: 'approve_extension'; reason?: string }
  | { type: 'deny_extension'; reason?: string }
  | { type: 'co_answer'; content: string }
  | { type: 'answer'; content: string; answerClass: AnswerClass }
  | { type: 'rate'; rating: ProposalRating; comment?: string }
  | { type: 'follow_up'; content: string }
  | { type: 'urge'; note: string }
  | { type: 'supervise'; note: string }
  | { type: 'designate_key'; leader: string }
  | { type: 'close'; reason: string }
  | { type: 'note'; content: string };

/** Event types: every action, plus creation and the automatic hand-back after 不满意. */
export type ProposalEventType = ProposalActionType | 'created' | 'reassigned';

/** One append-only record of what happened; the server adds ids and the hash chain. */
export interface ProposalEvent {
  type: ProposalEventType;
  fromStatus: ProposalStatus | null;
  toStatus: ProposalStatus;
  actorId: string;
  actorKind: 'user' | 'system';
  at: string;
  reason?: string;
  payload: Record<string, unknown>;
}

/** Who a notification goes to; the server resolves the people. */
export type ProposalRecipient = 'lead_deputy' | 'cosigners' | 'invited' | 'lead_unit' | 'co_units' | 'office';

/** Side effects the server carries out in the same transaction (as jobs or links). */
export type ProposalEffect =
  | { type: 'notify'; to: ProposalRecipient; template: string; deputyIds?: string[] }
  | { type: 'schedule'; job: 'proposal.reminder' | 'proposal.deadline'; at: string }
  | { type: 'link_cases'; caseIds: string[] }
  | { type: 'unlink_cases'; caseIds: string[] }
  /** On submission: source opinions still `accepted` are converted (转为代表建议). */
  | { type: 'convert_sources' };

/** What a transition returns. */
export interface ProposalTransitionResult {
  proposal: ProposalSnapshot;
  events: ProposalEvent[];
  effects: ProposalEffect[];
}

/** Time limits and thresholds; admins edit them. */
export interface ProposalSettings {
  /** Co-signers (besides the lead) a motion needs before it can be submitted (联名). */
  motionMinCosigners: number;
  /** Co-signers a suggestion needs (usually none). */
  suggestionMinCosigners: number;
  /** Working days after assignment in which a unit may ask to withdraw (退办). */
  withdrawWorkdays: number;
  /** Months for the written answer. */
  answerMonths: number;
  /** Months for the written answer with approval (延期). */
  extendedAnswerMonths: number;
  /** Months to handle again after 不满意. */
  rehandleMonths: number;
  /** The answer clock turns yellow this many working days before the deadline. */
  warningWorkdays: number;
  /** An issue-list item this many working days past its deadline is escalated to the supervising leader (限时销号). */
  issueEscalationWorkdays: number;
}

/** Defaults: the statutory 3 / 6 months and 7 working days; a county motion needs 10 deputies (lead + 9)… set by admins. */
export const DEFAULT_PROPOSAL_SETTINGS: ProposalSettings = {
  motionMinCosigners: 9,
  suggestionMinCosigners: 0,
  withdrawWorkdays: 7,
  answerMonths: 3,
  extendedAnswerMonths: 6,
  rehandleMonths: 1,
  warningWorkdays: 10,
  issueEscalationWorkdays: 3,
};

/** Fills in defaults for the settings a caller leaves out. */
export function resolveProposalSettings(settings: Partial<ProposalSettings> = {}): ProposalSettings {
  return { ...DEFAULT_PROPOSAL_SETTINGS, ...settings };
}
