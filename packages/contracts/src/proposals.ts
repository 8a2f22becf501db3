/**
 * Request bodies of suggestions and motions, key supervision, public comparison and
 * livelihood-project voting (API.md "Suggestions and motions").
 */
import { ANSWER_CLASSES, CANDIDATE_SOURCES, PROPOSAL_RATINGS, PROPOSAL_STATUSES, PROPOSAL_TYPES, SATISFACTION_CHOICES } from '@lianxin/core';
import { z } from 'zod';
import { IdSchema } from './common';

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
} as const;

/** A proposal action name. */
export type ProposalActionName = keyof typeof ProposalActionBodies;
/** Every proposal action name. */
export const PROPOSAL_ACTION_NAMES = Object.keys(ProposalActionBodies) as ProposalActionName[];

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

/** Body of `POST /api/v1/suggestions/{id}/indicators`. */
export const KpiIndicatorCreateSchema = z
  .object({
    parentId: IdSchema.nullable().optional(),
    name: z.string().trim().min(2).max(200),
    unit: z.string().trim().max(20).default(''),
    baseline: z.number().finite().default(0),
    target: z.number().finite(),
    period: z.string().trim().max(40).default(''),
    departmentId: IdSchema.nullable().optional(),
    weight: z.number().min(0).max(1000).default(1),
  })
  .strict();

/** Body of `POST /api/v1/suggestions/{id}/indicators/{indicatorId}/reports`. */
export const KpiReportCreateSchema = z
  .object({ period: z.string().trim().min(1).max(40), value: z.number().finite(), note: z.string().trim().max(2000).optional() })
  .strict();

/** Body of `POST /api/v1/suggestions/{id}/issues`. */
export const IssueCreateSchema = z
  .object({ title: z.string().trim().min(2).max(500), departmentId: IdSchema.nullable().optional(), dueDate: z.iso.date() })
  .strict();

/** Body of `POST /api/v1/issues/{id}/close`: evidence is required (限时销号) — a statement and at least one uploaded file. */
export const IssueCloseSchema = z
  .object({ ...version, evidence: z.string().trim().min(4).max(4000), attachmentIds: z.array(IdSchema).min(1).max(20) })
  .strict();

/** Body of `POST /api/v1/comparison/indicators`. */
export const ComparisonIndicatorCreateSchema = z
  .object({ name: z.string().trim().min(2).max(100), unit: z.string().trim().max(20).default(''), higherIsBetter: z.boolean().default(true) })
  .strict();

/** A comparison period: a year, a quarter or a month. */
export const PeriodSchema = z.string().regex(/^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/, 'YYYY, YYYY-Qn or YYYY-MM');

/** Body of `PUT /api/v1/comparison/values`. */
export const ComparisonValuesSchema = z
  .object({
    period: PeriodSchema,
    values: z
      .array(z.object({ indicatorId: IdSchema, unitId: IdSchema, value: z.number().finite() }).strict())
      .min(1)
      .max(2000),
  })
  .strict();

/** Body of `POST /api/v1/voting/rounds`. */
export const VoteRoundCreateSchema = z
  .object({
    year: z.number().int().min(2000).max(2100),
    title: z.string().trim().min(4).max(200),
    description: z.string().trim().max(4000).optional(),
    choose: z.number().int().min(1).max(50),
    majorityRequired: z.boolean().default(true),
  })
  .strict();

/** Body of `POST /api/v1/voting/rounds/{id}/candidates` (staff, deputies, departments). */
export const VoteCandidateCreateSchema = z
  .object({
    title: z.string().trim().min(4).max(200),
    description: z.string().trim().min(4).max(4000),
    source: z.enum(CANDIDATE_SOURCES).optional(),
    proposer: z.string().trim().max(100).optional(),
    departmentId: IdSchema.nullable().optional(),
    budget: z.number().min(0).max(1e12).nullable().optional(),
  })
  .strict();

/** Body of `POST /api/v1/public/voting/rounds/{id}/candidates` (a citizen's proposal). */
export const PublicCandidateSchema = z
  .object({ title: z.string().trim().min(4).max(200), description: z.string().trim().min(10).max(2000), proposer: z.string().trim().max(50).optional() })
  .strict();

/** Body of `POST /api/v1/public/voting/candidates/{id}/comments`. */
export const PublicCommentSchema = z.object({ stance: z.enum(['support', 'oppose', 'neutral']), content: z.string().trim().min(2).max(1000) }).strict();

/** Body of `POST /api/v1/voting/rounds/{id}/actions/{action}`. */
export const VoteRoundActionSchema = z
  .object({
    ...version,
    /** open_comments: the public comment window. */
    commentFrom: z.iso.datetime({ offset: true }).optional(),
    commentTo: z.iso.datetime({ offset: true }).optional(),
    /** open_voting: the electorate (deputy ids); default all active deputies. */
    electorate: z.array(IdSchema).max(2000).optional(),
  })
  .strict();

/** Body of `POST /api/v1/voting/rounds/{id}/ballot`. */
export const SelectionBallotSchema = z.object({ selected: z.array(IdSchema).min(1).max(50) }).strict();

/** Body of `POST /api/v1/voting/rounds/{id}/satisfaction-ballot`. */
export const SatisfactionBallotSchema = z.object({ ratings: z.record(IdSchema, z.enum(SATISFACTION_CHOICES)) }).strict();

/** Body of `POST /api/v1/voting/candidates/{id}/progress`. */
export const VoteProgressSchema = z.object({ progress: z.number().int().min(0).max(100), content: z.string().trim().min(2).max(4000) }).strict();
