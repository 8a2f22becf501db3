/**
 * Suggestions and motions (API.md "Suggestions and motions"): the draft, the list, the
 * proposal page with its timeline, the actions, the public view and the settings. Key
 * supervision and comparison are in supervision.ts, voting in voting.ts.
 */
import { type ProposalActionType, ANSWER_CLASSES, PROPOSAL_RATINGS, PROPOSAL_STATUSES, PROPOSAL_TYPES } from '@lianxin/core';
import { z } from 'zod';
import { IdSchema } from './common';
import { ClockStateSchema } from './cases';

const version = { expectedVersion: z.number().int().min(1) };
const reason = z.string().trim().min(2).max(1000);
const optionalReason = z.string().trim().max(1000).optional();
const longText = z.string().trim().min(2).max(20000);

/** Body of `POST /api/v1/suggestions`. */
export const ProposalCreateSchema = z
  .object({
    type: z.enum(PROPOSAL_TYPES),
    title: z.string().trim().min(4).max(200),
    body: longText,
    leadDeputyId: IdSchema.optional(),
    cosignerIds: z.array(IdSchema).max(200).optional(),
    caseIds: z.array(IdSchema).max(100).optional(),
  })
  .strict();

/** Query of `GET /api/v1/suggestions`. */
export const ProposalListQuerySchema = z
  .object({
    type: z.enum(PROPOSAL_TYPES).optional(),
    status: z
      .string()
      .regex(/^[a-z_]+(,[a-z_]+)*$/)
      .refine((s) => s.split(',').every((x) => (PROPOSAL_STATUSES as readonly string[]).includes(x)), 'unknown status')
      .optional(),
    year: z.coerce.number().int().min(2000).max(2100).optional(),
    unitId: IdSchema.optional(),
    departmentId: IdSchema.optional(),
    deputyId: IdSchema.optional(),
    worklist: z.enum(['invited', 'overdue', 'key']).optional(),
    q: z.string().trim().max(100).optional(),
    page: z.coerce.number().int().min(1).max(100000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(20),
  })
  .strict();

/** Bodies of `POST /api/v1/suggestions/{id}/actions/{action}`, by action. */
export const ProposalActionBodies = {
  edit: z.object({ ...version, title: z.string().trim().min(4).max(200).optional(), body: longText.optional() }).strict(),
  invite: z.object({ ...version, deputyIds: z.array(IdSchema).min(1).max(200) }).strict(),
  cosign: z.object({ ...version }).strict(),
  decline: z.object({ ...version, reason: optionalReason }).strict(),
  link_cases: z.object({ ...version, caseIds: z.array(IdSchema).min(1).max(100) }).strict(),
  unlink_cases: z.object({ ...version, caseIds: z.array(IdSchema).min(1).max(100) }).strict(),
  submit: z.object({ ...version }).strict(),
  withdraw: z.object({ ...version, reason }).strict(),
  return: z.object({ ...version, reason }).strict(),
  register: z.object({ ...version }).strict(),
  convert: z.object({ ...version, reason }).strict(),
  reject: z.object({ ...version, reason }).strict(),
  assign: z.object({ ...version, leadUnitId: IdSchema, coUnitIds: z.array(IdSchema).max(20).optional() }).strict(),
  request_withdraw: z.object({ ...version, reason }).strict(),
  approve_withdraw: z.object({ ...version, reason: optionalReason }).strict(),
  deny_withdraw: z.object({ ...version, reason: optionalReason }).strict(),
  request_extension: z.object({ ...version, reason }).strict(),
  approve_extension: z.object({ ...version, reason: optionalReason }).strict(),
  deny_extension: z.object({ ...version, reason: optionalReason }).strict(),
  co_answer: z.object({ ...version, content: longText }).strict(),
  answer: z.object({ ...version, content: longText, answerClass: z.enum(ANSWER_CLASSES) }).strict(),
  rate: z.object({ ...version, rating: z.enum(PROPOSAL_RATINGS), comment: z.string().trim().max(2000).optional() }).strict(),
  follow_up: z.object({ ...version, content: longText }).strict(),
  urge: z.object({ ...version, note: z.string().trim().min(1).max(1000) }).strict(),
  supervise: z.object({ ...version, note: z.string().trim().min(1).max(1000) }).strict(),
  designate_key: z.object({ ...version, leader: z.string().trim().min(2).max(100) }).strict(),
  close: z.object({ ...version, reason }).strict(),
  note: z.object({ ...version, content: z.string().trim().min(2).max(4000) }).strict(),
} as const satisfies Record<ProposalActionType, z.ZodType>;

/** A proposal action name. */
export type ProposalActionName = keyof typeof ProposalActionBodies;
/** Every proposal action name. */
export const PROPOSAL_ACTION_NAMES = Object.keys(ProposalActionBodies) as ProposalActionName[];
/** Path of `POST /api/v1/suggestions/{id}/actions/{action}`. */
export const ProposalActionParamsSchema = z
  .object({ id: IdSchema, action: z.enum(PROPOSAL_ACTION_NAMES as [ProposalActionName, ...ProposalActionName[]]) })
  .strict();
/** Body of a proposal action: one of `ProposalActionBodies`, the one the path's action names. */
export const ProposalActionBodySchema = z.union(Object.values(ProposalActionBodies) as unknown as [z.ZodType, z.ZodType, ...z.ZodType[]]);
/** Query of `GET /api/v1/suggestions/export.xlsx`: the list's filters. */
export const ProposalExportQuerySchema = ProposalListQuerySchema.omit({ page: true, pageSize: true });

const named = z.object({ id: z.string(), name: z.string().nullable() });

/** A suggestion or motion in the list. */
export const ProposalSummarySchema = z.object({
  id: z.string(),
  type: z.enum(PROPOSAL_TYPES),
  typeLabel: z.string().nullable(),
  status: z.string(),
  statusLabel: z.string().nullable(),
  /** Registration number (`2026-建议-007`) once registered. */
  number: z.string().nullable(),
  year: z.number().int(),
  title: z.string(),
  leadDeputy: named,
  leadUnit: named.nullable(),
  answerClass: z.string().nullable(),
  rating: z.string().nullable(),
  answerDueAt: z.string().nullable(),
  /** The answer clock's light. */
  clock: ClockStateSchema,
  /** 重点督办: the leader who took the item. */
  keyLeader: z.string().nullable(),
  supervised: z.boolean(),
  createdAt: z.string(),
  submittedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  version: z.number().int(),
});
/** A suggestion or motion in the list. */
export type ProposalSummary = z.infer<typeof ProposalSummarySchema>;

/** Answer of `GET /api/v1/suggestions`. */
export const ProposalListSchema = z.object({ items: z.array(ProposalSummarySchema), total: z.number() });
/** Answer of `GET /api/v1/suggestions`. */
export type ProposalList = z.infer<typeof ProposalListSchema>;

const maybe = <T extends z.ZodType>(schema: T) => schema.nullable().optional();
const request = z.object({ status: z.enum(['none', 'pending', 'approved', 'denied']), departmentId: z.string().nullable(), reason: z.string().nullable() });

/** What the workflow records in a proposal event beside its reason: every key it writes. */
export const ProposalEventPayloadSchema = z.object({
  /** create, edit. */
  title: maybe(z.string()),
  bodyChanged: maybe(z.boolean()),
  type: maybe(z.string()),
  leadDeputyId: maybe(z.string()),
  cosignerIds: maybe(z.array(z.string())),
  caseIds: maybe(z.array(z.string())),
  /** invite, cosign, decline. */
  deputyIds: maybe(z.array(z.string())),
  deputyId: maybe(z.string()),
  signed: maybe(z.number()),
  /** register, convert. */
  number: maybe(z.string()),
  fromType: maybe(z.string()),
  /** assign and the units' requests. */
  leadUnitId: maybe(z.string()),
  coUnitIds: maybe(z.array(z.string())),
  withdrawDeadline: maybe(z.string()),
  answerDeadline: maybe(z.string()),
  departmentId: maybe(z.string()),
  role: maybe(z.enum(['lead', 'co'])),
  /** co_answer, answer, follow_up, note. */
  content: maybe(z.string()),
  answerClass: maybe(z.string()),
  previousClass: maybe(z.string()),
  onTime: maybe(z.boolean()),
  /** rate, close. */
  rating: maybe(z.string()),
  comment: maybe(z.string()),
  unsatisfiedCount: maybe(z.number()),
  /** urge, supervise, designate_key. */
  note: maybe(z.string()),
  leader: maybe(z.string()),
});

/** One entry of a proposal's timeline. */
export const ProposalEventSchema = z.object({
  id: z.string(),
  type: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  actorName: z.string().nullable(),
  at: z.string(),
  reason: z.string().nullable(),
  payload: ProposalEventPayloadSchema,
  /** The event's link in the hash chain. */
  hash: z.string(),
});

/** `GET /api/v1/suggestions/{id}`, the answer of every action and of the draft. */
export const ProposalViewSchema = z.object({
  proposal: ProposalSummarySchema.extend({
    body: z.string(),
    answerContent: z.string().nullable(),
    answerClassLabel: z.string().nullable(),
    ratingComment: z.string().nullable(),
    followUpContent: z.string().nullable(),
    withdrawDueAt: z.string().nullable(),
    assignedAt: z.string().nullable(),
    answeredAt: z.string().nullable(),
    /** 退办: a unit's request to hand the item back. */
    withdrawal: request,
    /** A request for a longer answer deadline. */
    extension: request,
    unsatisfiedCount: z.number().int(),
    cosigners: z.array(z.object({ deputyId: z.string(), name: z.string().nullable(), status: z.enum(['invited', 'signed', 'declined']), at: z.string() })),
    coUnits: z.array(z.object({ id: z.string(), name: z.string().nullable(), answered: z.boolean() })),
  }),
  /** Co-signatures a draft still lacks. */
  missingCosigners: z.number().int(),
  /** Linked opinions (phone and ID card numbers masked); nulls for one outside the caller's scope. */
  cases: z.array(z.object({ id: z.string(), trackingCode: z.string().nullable(), title: z.string().nullable(), status: z.string().nullable() })),
  events: z.array(ProposalEventSchema),
  allowedActions: z.array(z.string()),
});
/** A proposal with everything its page shows. */
export type ProposalView = z.infer<typeof ProposalViewSchema>;

/** Answer of `GET /api/v1/suggestions/{id}/verify`. */
export const ChainVerificationSchema = z.object({
  ok: z.boolean(),
  count: z.number().optional(),
  brokenAt: z.number().optional(),
  eventId: z.string().optional(),
  reason: z.string().optional(),
});

/** The citizen's view of a submitted proposal (personal data in the text masked). */
export const PublicProposalSchema = z.object({
  id: z.string(),
  number: z.string().nullable(),
  type: z.enum(PROPOSAL_TYPES),
  typeLabel: z.string().nullable(),
  title: z.string(),
  body: z.string(),
  status: z.string(),
  statusLabel: z.string().nullable(),
  leadDeputyName: z.string().nullable(),
  leadUnitName: z.string().nullable(),
  answerClass: z.string().nullable(),
  answerClassLabel: z.string().nullable(),
  submittedAt: z.string().nullable(),
  answeredAt: z.string().nullable(),
  closedAt: z.string().nullable(),
});
/** The citizen's view of a submitted proposal. */
export type PublicProposal = z.infer<typeof PublicProposalSchema>;

/** Co-signature and time-limit settings of suggestions and motions. */
export const ProposalSettingsSchema = z.object({
  motionMinCosigners: z.number(),
  suggestionMinCosigners: z.number(),
  withdrawWorkdays: z.number(),
  answerMonths: z.number(),
  extendedAnswerMonths: z.number(),
  rehandleMonths: z.number(),
  warningWorkdays: z.number(),
  issueEscalationWorkdays: z.number(),
});
/** Co-signature and time-limit settings. */
export type ProposalSettings = z.infer<typeof ProposalSettingsSchema>;

/** Body of `PATCH /api/v1/suggestion-settings`. */
export const ProposalSettingsPatchSchema = z
  .object({
    motionMinCosigners: z.number().int().min(0).max(100).optional(),
    suggestionMinCosigners: z.number().int().min(0).max(100).optional(),
    withdrawWorkdays: z.number().int().min(1).max(60).optional(),
    answerMonths: z.number().int().min(1).max(12).optional(),
    extendedAnswerMonths: z.number().int().min(1).max(24).optional(),
    rehandleMonths: z.number().int().min(1).max(12).optional(),
    warningWorkdays: z.number().int().min(0).max(60).optional(),
    issueEscalationWorkdays: z.number().int().min(1).max(60).optional(),
  })
  .strict();
