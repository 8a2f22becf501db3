/**
 * Opinions and cases: the public submission, tracking, rating, and the staff actions of
 * API.md.
 */
import { z } from 'zod';
import { APPEAL_KINDS } from '@lianxin/core';
import { IdSchema } from './common';

const phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 -]{4,19}$/, 'not a phone number');

/** Contact of the person reporting. */
export const ReporterSchema = z
  .object({
    name: z.string().trim().max(50).optional(),
    phone: phone.optional(),
    email: z.email().max(200).optional(),
  })
  .strict();

/** Proof-of-work solution (when the challenge is switched on). */
export const ChallengeSolutionSchema = z.object({ token: z.string().min(10).max(300), nonce: z.string().regex(/^\d{1,15}$/) }).strict();

const opinionFields = {
  title: z.string().trim().max(100).optional(),
  content: z.string().trim().min(5).max(4000),
  kind: z.enum(APPEAL_KINDS).optional(),
  categoryId: IdSchema.optional(),
  unitId: IdSchema.optional(),
  deputyId: IdSchema.optional(),
  address: z.string().trim().max(200).optional(),
  lat: z.number().min(-90).max(90).optional(),
  lng: z.number().min(-180).max(180).optional(),
  anonymous: z.boolean().optional(),
  consentPublic: z.boolean().optional(),
  attachmentIds: z.array(IdSchema).max(20).optional(),
};

/** Body of `POST /api/v1/public/opinions`. */
export const OpinionSubmitSchema = z
  .object({
    ...opinionFields,
    contact: ReporterSchema.optional(),
    challenge: ChallengeSolutionSchema.optional(),
    /**
     * How the citizen reached the form: `qr` only when they came in through a poster's QR code
     * (its link carries `via=qr`, which the citizen pages keep for the visit); otherwise a web
     * submission (channel `online`), whether or not a station was chosen.
     */
    via: z.enum(['web', 'qr']).optional(),
  })
  .strict();

/** Channels staff record opinions from. */
export const OFFLINE_CHANNELS = ['walk_in', 'phone', 'visit', 'deputy_visit', 'letter'] as const;

/** Body of `POST /api/v1/cases` (offline intake by staff). */
export const CaseCreateSchema = z
  .object({
    ...opinionFields,
    channel: z.enum(OFFLINE_CHANNELS),
    reporter: ReporterSchema.optional(),
    receivedAt: z.iso.datetime({ offset: true }).optional(),
    receptionId: IdSchema.optional(),
  })
  .strict();

/** Answer of a submission. */
export const OpinionReceiptSchema = z.object({
  trackingCode: z.string(),
  status: z.literal('submitted'),
  createdAt: z.string(),
  verifyHint: z.string(),
  secret: z.string().optional(),
  trackUrl: z.string(),
  /** Open opinions like this one whose reporters agreed to publication: never their tracking codes. */
  similar: z.array(z.object({ title: z.string(), status: z.string() })),
});

/** The citizen's view of their case. */
export const OpinionViewSchema = z.object({
  trackingCode: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  title: z.string(),
  kind: z.string(),
  categoryName: z.string().nullable(),
  unitName: z.string().nullable(),
  createdAt: z.string(),
  timeline: z.array(z.object({ at: z.string(), type: z.string(), label: z.string(), note: z.string().optional() })),
  reply: z.object({ content: z.string(), at: z.string().nullable() }).optional(),
  rating: z.object({ rating: z.string(), comment: z.string().nullable(), at: z.string().nullable() }).optional(),
  canRate: z.boolean(),
  ratingDueAt: z.string().optional(),
  /** The suggestion or motion this opinion became part of (not drafts). */
  suggestion: z.object({ id: z.string(), title: z.string(), number: z.string().nullable().optional(), type: z.string().optional() }).optional(),
  attachments: z.array(z.object({ id: z.string(), mime: z.string() })),
});

/** Body of `POST /api/v1/public/opinions/{code}/rating`. */
export const RatingSchema = z
  .object({
    verify: z.string().trim().min(4).max(20),
    rating: z.enum(['satisfied', 'basically_satisfied', 'unsatisfied']),
    comment: z.string().trim().max(500).optional(),
  })
  .strict();

const version = { expectedVersion: z.number().int().min(1) };
const reason = z.string().trim().min(2).max(1000);
const text = z.string().trim().min(2).max(4000);

/** Bodies of `POST /api/v1/cases/{id}/actions/{action}`, by action. */
export const CaseActionBodies = {
  accept: z.object({ ...version, categoryId: IdSchema.optional(), kind: z.enum(APPEAL_KINDS).optional() }).strict(),
  reject: z.object({ ...version, reason, guidance: z.string().trim().max(1000).optional() }).strict(),
  answer_on_site: z.object({ ...version, content: text }).strict(),
  assign: z
    .object({ ...version, departmentId: IdSchema.optional(), deputyId: IdSchema.optional(), dueWorkdays: z.number().int().min(1).max(365).optional() })
    .strict()
    .refine((b) => !!b.departmentId !== !!b.deputyId, { message: 'give exactly one of departmentId or deputyId', path: ['departmentId'] }),
  sign: z.object({ ...version }).strict(),
  return: z.object({ ...version, reason }).strict(),
  reply: z.object({ ...version, content: text, attachmentIds: z.array(IdSchema).max(20).optional() }).strict(),
  request_extension: z.object({ ...version, days: z.number().int().min(1).max(60), reason }).strict(),
  approve_extension: z.object({ ...version, reason: z.string().trim().max(1000).optional() }).strict(),
  deny_extension: z.object({ ...version, reason: z.string().trim().max(1000).optional() }).strict(),
  urge: z.object({ ...version, note: z.string().trim().min(1).max(1000) }).strict(),
  supervise: z.object({ ...version, note: z.string().trim().min(1).max(1000) }).strict(),
  reopen: z.object({ ...version, reason }).strict(),
  close: z.object({ ...version, reason: z.string().trim().max(1000).optional() }).strict(),
  merge: z.object({ ...version, intoCaseId: IdSchema }).strict(),
  convert: z.object({ ...version, suggestionId: IdSchema.optional() }).strict(),
  note: z.object({ ...version, content: text }).strict(),
} as const;

/** A staff action name. */
export type CaseActionName = keyof typeof CaseActionBodies;
/** Every staff action name. */
export const CASE_ACTION_NAMES = Object.keys(CaseActionBodies) as CaseActionName[];

/** An opaque position in the case list (`nextCursor` / `prevCursor` of a page). */
export const CaseCursorSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,200}$/)
  .describe('Opaque cursor from `nextCursor` or `prevCursor` of an earlier page of the same list (same filters).');
