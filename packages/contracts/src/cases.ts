/**
 * Opinions and cases: the public submission, tracking, rating, the staff's case list, case
 * page, actions, reveal, batch assignment, uploads and exports of API.md "Cases".
 */
import { z } from 'zod';
import { APPEAL_KINDS, type CaseActionType } from '@lianxin/core';
import { IdSchema } from './common';

/** Every channel an opinion comes in by (the case list's and statistics' `channel` filter). */
export const CASE_CHANNELS = ['online', 'qr', 'walk_in', 'phone', 'visit', 'deputy_visit', 'letter', 'import', 'open311'] as const;
/** A channel. */
export type CaseChannel = (typeof CASE_CHANNELS)[number];

/** The staff's worklists, in tab order. */
export const CASE_WORKLISTS = ['to_accept', 'to_sign', 'in_progress', 'due_soon', 'overdue', 'awaiting_rating', 'supervised', 'flagged'] as const;
/** A worklist key. */
export type CaseWorklist = (typeof CASE_WORKLISTS)[number];

/** File formats of the exports. */
export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
/** An export file format. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const yesNo = z.enum(['1', 'true', '0', 'false']);
const dateBound = z.iso.datetime({ offset: true }).or(z.iso.date());

/** Filters of the case list and the case export. */
const caseFilters = {
  status: z
    .string()
    .regex(/^[a-z_]+(,[a-z_]+)*$/)
    .optional(),
  unitId: IdSchema.optional(),
  /** A unit and everything under it (the cockpit's station figures). */
  underUnitId: IdSchema.optional(),
  categoryId: IdSchema.optional(),
  departmentId: IdSchema.optional(),
  deputyId: IdSchema.optional(),
  channel: z.enum(CASE_CHANNELS).optional(),
  overdue: yesNo.optional(),
  worklist: z.enum(CASE_WORKLISTS).optional(),
  q: z.string().trim().max(100).optional(),
  from: dateBound.optional(),
  to: dateBound.optional(),
};

/** An opaque position in the case list (`nextCursor` / `prevCursor` of a page). */
export const CaseCursorSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,200}$/)
  .describe('Opaque cursor from `nextCursor` or `prevCursor` of an earlier page of the same list (same filters).');

/** Query of `GET /api/v1/cases`. */
export const CaseListQuerySchema = z
  .object({
    ...caseFilters,
    sort: z.enum(['relevance', 'newest']).optional(),
    page: z.coerce.number().int().min(1).max(100000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(20),
    after: CaseCursorSchema.optional(),
    before: CaseCursorSchema.optional(),
  })
  .strict();

/** Query of `GET /api/v1/exports/cases`. */
export const CaseExportQuerySchema = z.object({ format: z.enum(EXPORT_FORMATS), includeContact: yesNo.optional(), ...caseFilters }).strict();

/** Body of `POST /api/v1/exports/jobs`: an export of the case list in the background (its filters as `GET /api/v1/cases` takes them). */
export const ExportJobStartSchema = z
  .object({
    kind: z.literal('cases'),
    format: z.enum(EXPORT_FORMATS),
    includeContact: z.boolean().default(false),
    filters: z.object(caseFilters).strict().default({}),
  })
  .strict();

/** States of a background export. */
export const EXPORT_JOB_STATUSES = ['queued', 'running', 'done', 'failed', 'expired'] as const;

/** A background export as its requester sees it (nobody else sees it). */
export const ExportJobSchema = z.object({
  id: z.string(),
  kind: z.string(),
  format: z.enum(EXPORT_FORMATS),
  status: z.enum(EXPORT_JOB_STATUSES),
  includeContact: z.boolean(),
  /** Rows the file holds (null until counted). */
  total: z.number().int().nullable(),
  /** Rows written so far. */
  processed: z.number().int(),
  fileName: z.string().nullable(),
  fileSize: z.number().int().nullable(),
  /** Why it failed (status `failed`). */
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  /** Until when the file can be downloaded. */
  expiresAt: z.string().nullable(),
  /** Where the file is downloaded (status `done` only). */
  downloadUrl: z.string().nullable(),
});
/** Answer of `GET /api/v1/exports/jobs`: the caller's recent background exports. */
export const ExportJobListSchema = z.object({ items: z.array(ExportJobSchema) });
/** Path of `/api/v1/exports/jobs/{id}`. */
export const ExportJobParamsSchema = z.object({ id: z.string().min(1).max(64) }).strict();
/** A background export. */
export type ExportJob = z.infer<typeof ExportJobSchema>;

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
/** Inferred from `OpinionReceiptSchema`. */
export type OpinionReceipt = z.infer<typeof OpinionReceiptSchema>;

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
/** Inferred from `OpinionViewSchema`. */
export type OpinionView = z.infer<typeof OpinionViewSchema>;

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

/** Bodies of `POST /api/v1/cases/{id}/actions/{action}`, by action: every workflow action but the citizen's rating. */
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
} as const satisfies Record<Exclude<CaseActionType, 'rate'>, z.ZodType>;

/** A staff action name. */
export type CaseActionName = keyof typeof CaseActionBodies;
/** Every staff action name. */
export const CASE_ACTION_NAMES = Object.keys(CaseActionBodies) as CaseActionName[];
/** Path of `POST /api/v1/cases/{id}/actions/{action}`. */
export const CaseActionParamsSchema = z.object({ id: IdSchema, action: z.enum(CASE_ACTION_NAMES as [CaseActionName, ...CaseActionName[]]) }).strict();
/** Body of a staff action: one of `CaseActionBodies`, the one the path's action names. */
export const CaseActionBodySchema = z.union(Object.values(CaseActionBodies) as unknown as [z.ZodType, z.ZodType, ...z.ZodType[]]);
/** Body of a staff action, by action. */
export type CaseActionBody<A extends CaseActionName> = z.input<(typeof CaseActionBodies)[A]>;

/** Deadline light of a clock: yellow warning, red overdue; null when the clock is not running. */
export const ClockStateSchema = z.enum(['normal', 'warning', 'overdue']).nullable();

/** A case in the staff's list (phone and ID card numbers in the title masked). */
export const CaseSummarySchema = z.object({
  id: z.string(),
  trackingCode: z.string(),
  title: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  kind: z.string(),
  channel: z.string(),
  categoryId: z.string().nullable(),
  unitId: z.string().nullable(),
  departmentId: z.string().nullable(),
  deputyId: z.string().nullable(),
  createdAt: z.string(),
  replyDueAt: z.string().nullable(),
  /** The worst running clock. */
  clock: ClockStateSchema,
  spamFlags: z.array(z.string()),
});
/** Inferred from `CaseSummarySchema`. */
export type CaseSummary = z.infer<typeof CaseSummarySchema>;

/** Contact of the reporter: masked in the case, as written in the audited reveal. */
export const CaseReporterSchema = z.object({ name: z.string().nullable(), phone: z.string().nullable(), email: z.string().nullable() });
/** Inferred from `CaseReporterSchema`. */
export type CaseReporter = z.infer<typeof CaseReporterSchema>;

/** A case with everything staff may see (the reporter's contact and the numbers in the title and text masked). */
export const CaseDetailSchema = CaseSummarySchema.extend({
  content: z.string(),
  /** True when the title or text holds numbers the audited reveal shows. */
  textMasked: z.boolean(),
  address: z.string().nullable(),
  version: z.number().int(),
  reporter: CaseReporterSchema,
  anonymous: z.boolean(),
  consentPublic: z.boolean(),
  acceptDueAt: z.string().nullable(),
  signDueAt: z.string().nullable(),
  rating: z.string().nullable(),
  ratingComment: z.string().nullable(),
  replyContent: z.string().nullable(),
  reopenCount: z.number().int(),
  mergedInto: z.string().nullable(),
  suggestionId: z.string().nullable(),
  targetDeputyId: z.string().nullable(),
  enteredBy: z.string().nullable(),
  supervised: z.boolean(),
  clocks: z.object({ accept: ClockStateSchema, sign: ClockStateSchema, reply: ClockStateSchema }),
});
/** Inferred from `CaseDetailSchema`. */
export type CaseDetail = z.infer<typeof CaseDetailSchema>;

const maybe = <T extends z.ZodType>(schema: T) => schema.nullable().optional();

/** What the workflow records in an event beside its reason: every key it writes, each present only for some events. */
export const CaseEventPayloadSchema = z.object({
  /** submitted: the channel, the accept deadline, the time it was received when earlier than recorded. */
  channel: maybe(z.string()),
  acceptDeadline: maybe(z.string()),
  receivedAt: maybe(z.string()),
  /** accept: category and kind set on acceptance. */
  categoryId: maybe(z.string()),
  kind: maybe(z.string()),
  /** reject: where else to turn. */
  guidance: maybe(z.string()),
  /** assign, return, reassigned: the handler. */
  handlerKind: maybe(z.enum(['department', 'deputy'])),
  departmentId: maybe(z.string()),
  deputyId: maybe(z.string()),
  handleWorkdays: maybe(z.number()),
  signDeadline: maybe(z.string()),
  replyDeadline: maybe(z.string()),
  /** sign recorded by the workflow for the handler who signed before. */
  sameHandler: maybe(z.boolean()),
  /** reply, answer_on_site, note. */
  content: maybe(z.string()),
  onSite: maybe(z.boolean()),
  attachmentIds: maybe(z.array(z.string())),
  ratingDeadline: maybe(z.string()),
  /** Extensions. */
  days: maybe(z.number()),
  requestedDays: maybe(z.number()),
  approvedDays: maybe(z.number()),
  /** urge, supervise. */
  note: maybe(z.string()),
  level: maybe(z.string()),
  dueAt: maybe(z.string()),
  /** rate, close. */
  rating: maybe(z.string()),
  comment: maybe(z.string()),
  unsatisfiedCount: maybe(z.number()),
  /** merge, convert. */
  intoCaseId: maybe(z.string()),
  suggestionId: maybe(z.string()),
});
/** What an event records beside its reason. */
export type CaseEventPayload = z.infer<typeof CaseEventPayloadSchema>;

/** One entry of the case's history. */
export const CaseEventSchema = z.object({
  id: z.string(),
  type: z.string(),
  label: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  actorName: z.string().nullable(),
  actorKind: z.string(),
  at: z.string(),
  reason: z.string().nullable(),
  payload: CaseEventPayloadSchema,
  /** Shown on the citizen's tracking page. */
  public: z.boolean(),
});
/** Inferred from `CaseEventSchema`. */
export type CaseEventView = z.infer<typeof CaseEventSchema>;

/** A file of the case. */
export const CaseAttachmentSchema = z.object({
  id: z.string(),
  mime: z.string(),
  size: z.number(),
  width: z.number().nullable(),
  height: z.number().nullable(),
  url: z.string(),
});
/** Inferred from `CaseAttachmentSchema`. */
export type CaseAttachment = z.infer<typeof CaseAttachmentSchema>;

/** An open near-duplicate in the caller's scope, for merging. */
export const SimilarCaseSchema = z.object({ id: z.string(), trackingCode: z.string(), title: z.string(), status: z.string(), score: z.number() });
/** Inferred from `SimilarCaseSchema`. */
export type SimilarCase = z.infer<typeof SimilarCaseSchema>;

/** An answer an Open311 request gave to its category's questions. */
export const AnsweredAttributeSchema = z.object({
  code: z.string(),
  /** The question (the attribute's description), or the code if the category no longer asks it. */
  label: z.string(),
  /** The value, list keys shown by their names. */
  value: z.string(),
});
/** Inferred from `AnsweredAttributeSchema`. */
export type AnsweredAttribute = z.infer<typeof AnsweredAttributeSchema>;

/** `GET /api/v1/cases/{id}`, the answer of every action and of the offline intake. */
export const CaseViewSchema = z.object({
  case: CaseDetailSchema,
  events: z.array(CaseEventSchema),
  allowedActions: z.array(z.string()),
  attachments: z.array(CaseAttachmentSchema),
  similar: z.array(SimilarCaseSchema),
  /** Answers an Open311 request gave to its category's questions (empty for other channels). */
  serviceAttributes: z.array(AnsweredAttributeSchema),
});
/** Inferred from `CaseViewSchema`. */
export type CaseView = z.infer<typeof CaseViewSchema>;

/** Answer of `GET /api/v1/cases`. */
export const CaseListSchema = z.object({
  items: z.array(
    CaseSummarySchema.extend({
      /** With `q`: an HTML-escaped excerpt with hits in `<mark>…</mark>` (null when only the tracking code matched). */
      snippet: z.string().nullable().optional(),
    }),
  ),
  total: z.number(),
  totalCapped: z
    .boolean()
    .describe('True when a text search reached its cap: `total` (1000) then means at least that many, and the pages cover the newest matches.'),
  nextCursor: z.string().nullable().describe('Pass as `after` for the next page; null on the last page and for a text search.'),
  prevCursor: z.string().nullable().describe('Pass as `before` for the previous page; null on the first page and for a text search.'),
});
/** Inferred from `CaseListSchema`. */
export type CaseList = z.infer<typeof CaseListSchema>;

/** Answer of `GET /api/v1/cases/worklists`. */
export const WorklistCountsSchema = z.object({ items: z.array(z.object({ key: z.enum(CASE_WORKLISTS), count: z.number() })) });
/** Inferred from `WorklistCountsSchema`. */
export type WorklistCounts = z.infer<typeof WorklistCountsSchema>;

/** Answer of the audited reveal: the contact, and the title and text as written. */
export const CaseRevealSchema = z.object({ reporter: CaseReporterSchema, text: z.object({ title: z.string(), content: z.string() }) });
/** Inferred from `CaseRevealSchema`. */
export type CaseReveal = z.infer<typeof CaseRevealSchema>;

/** Body of `POST /api/v1/cases/batch/assign`. */
export const BatchAssignSchema = z.object({ caseIds: z.array(IdSchema).min(1).max(100), departmentId: IdSchema }).strict();
/** Answer of the batch assignment: an outcome per case. */
export const BatchAssignResultSchema = z.object({ results: z.array(z.object({ id: z.string(), ok: z.boolean(), error: z.string().optional() })) });
/** Inferred from `BatchAssignResultSchema`. */
export type BatchAssignResult = z.infer<typeof BatchAssignResultSchema>;

/** Answer of `POST /api/v1/attachments`. */
export const UploadedAttachmentSchema = z.object({
  id: z.string(),
  mime: z.string(),
  size: z.number(),
  width: z.number().nullable(),
  height: z.number().nullable(),
});
/** Inferred from `UploadedAttachmentSchema`. */
export type UploadedAttachment = z.infer<typeof UploadedAttachmentSchema>;
