/**
 * Intake (API.md "Public" and "Imports"): the citizen's challenge, appeal kinds, tracking
 * and the QR code of a page; the stations' and deputies' QR posters; imports of registers.
 * The submission, tracking view and rating bodies are in cases.ts with the staff intake.
 */
import { z } from 'zod';
import { OFFLINE_CHANNELS } from './cases';
import { IdSchema } from './common';
import { AppealKindCodeSchema } from './org';

/** Answer of `GET /api/v1/public/challenge`: the proof-of-work challenge, or `enabled: false`. */
export const ChallengeSchema = z.object({ enabled: z.boolean(), token: z.string().optional(), difficulty: z.number().int().optional() });
/** The proof-of-work challenge of the public submission. */
export type PublicChallenge = z.infer<typeof ChallengeSchema>;

/** An appeal kind as the public lists it. */
export const PublicAppealKindSchema = z.object({ code: AppealKindCodeSchema, name: z.string(), nameEn: z.string() });
/** An appeal kind as the public lists it. */
export type PublicAppealKind = z.infer<typeof PublicAppealKindSchema>;
/** Answer of `GET /api/v1/public/appeal-kinds`. */
export const PublicAppealKindListSchema = z.object({ items: z.array(PublicAppealKindSchema) });
/** Answer of `GET /api/v1/public/appeal-kinds`. */
export type PublicAppealKindList = z.infer<typeof PublicAppealKindListSchema>;

/** Headers of `POST /api/v1/public/opinions`: a retried submission with the same key gets the first answer. */
export const IdempotencyHeadersSchema = z.object({ 'idempotency-key': z.string().min(1).max(100).optional() }).passthrough();
/** Path of a tracked opinion. */
export const TrackParamsSchema = z.object({ trackingCode: z.string().min(1).max(40) }).strict();
/** Path of a file of a tracked opinion. */
export const TrackAttachmentParamsSchema = TrackParamsSchema.extend({ id: IdSchema });
/** Query of the tracking reads: the verify code. */
export const VerifyQuerySchema = z.object({ verify: z.string().max(40).optional() }).strict();
/** Query of `GET /api/v1/public/qr.svg`: a page of the citizen site. */
export const QrQuerySchema = z.object({ path: z.string().regex(/^\/m\/[A-Za-z0-9/_?=&%.-]{0,300}$/, 'must be a path under /m/') }).strict();

/** Path of a poster: the station or deputy and the format. */
export const PosterParamsSchema = z.object({ id: IdSchema, format: z.enum(['svg', 'png']) }).strict();

/** Fields an import can fill from a column. */
export const IMPORT_FIELDS = ['title', 'content', 'createdAt', 'reporterName', 'reporterPhone', 'address', 'category', 'unit', 'kind', 'sourceId'] as const;
/** One mappable field. */
export type ImportField = (typeof IMPORT_FIELDS)[number];
/** Channels an import may record its opinions under. */
export const IMPORT_CHANNELS = ['import', ...OFFLINE_CHANNELS] as const;

/** Column name per field (null: not imported). */
export const ImportMappingSchema = z.object(
  Object.fromEntries(IMPORT_FIELDS.map((f) => [f, z.string().nullable()])) as Record<ImportField, z.ZodNullable<z.ZodString>>,
);
/** Column name per field. */
export type ImportMapping = z.infer<typeof ImportMappingSchema>;

/** Answer of `POST /api/v1/imports/preview`: the columns, sample rows and a suggested mapping. */
export const ImportPreviewSchema = z.object({
  columns: z.array(z.string()),
  sampleRows: z.array(z.array(z.string())),
  totalRows: z.number().int(),
  suggestedMapping: ImportMappingSchema,
  encoding: z.enum(['utf-8', 'gb18030']).nullable(),
});
/** The preview of a file. */
export type ImportPreview = z.infer<typeof ImportPreviewSchema>;

/** A row an import skipped, with its reason. */
export const ImportRowErrorSchema = z.object({ row: z.number().int(), code: z.string().optional(), reason: z.string() });

/** An import run with its progress, errors and duplicate rows. */
export const ImportJobSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  status: z.enum(['running', 'done', 'failed']),
  dryRun: z.boolean(),
  mapping: z.record(z.string(), z.string().nullable()),
  total: z.number().int(),
  processed: z.number().int(),
  created: z.number().int(),
  duplicates: z.number().int(),
  failed: z.number().int(),
  errors: z.array(ImportRowErrorSchema),
  duplicateRows: z.array(z.number().int()),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
/** An import run. */
export type ImportJob = z.infer<typeof ImportJobSchema>;
/** Answer of `GET /api/v1/imports`. */
export const ImportJobListSchema = z.object({ items: z.array(ImportJobSchema) });
/** Answer of `POST /api/v1/imports`: the run, which proceeds in the background. */
export const ImportStartedSchema = z.object({ id: z.string() });
/** Path of an import run. */
export const ImportParamsSchema = z.object({ id: z.string().min(1).max(64) }).strict();
/** Inferred from `ImportStartedSchema`. */
export type ImportStarted = z.infer<typeof ImportStartedSchema>;
