/**
 * Activity records of deputies and stations (API.md "Duty and evaluation").
 */
import { z } from 'zod';
import { IdSchema } from './common';
import { CalendarDateSchema } from './reception';

/** Kinds of activity. */
export const ACTIVITY_KIND_CODES = ['reception', 'research', 'inspection', 'forum', 'training', 'theme'] as const;
/** An activity kind. */
export type ActivityKind = (typeof ACTIVITY_KIND_CODES)[number];
const KindSchema = z.enum(ACTIVITY_KIND_CODES);

/** An activity record. */
export const ActivitySchema = z.object({
  id: z.string(),
  unitId: z.string(),
  kind: z.string(),
  title: z.string(),
  date: z.string(),
  location: z.string().nullable(),
  summary: z.string(),
  deputyIds: z.array(z.string()),
  caseIds: z.array(z.string()),
  photoIds: z.array(z.string()),
  createdBy: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
/** An activity record. */
export type Activity = z.infer<typeof ActivitySchema>;

/** Body of `POST /api/v1/activities`. */
export const ActivityBodySchema = z
  .object({
    unitId: IdSchema,
    kind: KindSchema,
    title: z.string().trim().min(2).max(200),
    date: CalendarDateSchema,
    location: z.string().trim().max(200).nullable().optional(),
    summary: z.string().trim().max(5000).optional(),
    deputyIds: z.array(IdSchema).max(100),
    caseIds: z.array(IdSchema).max(200).optional(),
    photoIds: z.array(IdSchema).max(20).optional(),
  })
  .strict();
/** Body of an activity. */
export type ActivityBody = z.input<typeof ActivityBodySchema>;
/** Body of `PUT /api/v1/activities/{id}`. */
export const ActivityUpdateSchema = ActivityBodySchema.extend({ expectedVersion: z.number().int().optional() });

/** Query of `GET /api/v1/activities`. */
export const ActivityListQuerySchema = z
  .object({
    from: CalendarDateSchema.optional(),
    to: CalendarDateSchema.optional(),
    unitId: IdSchema.optional(),
    kind: KindSchema.optional(),
    deputyId: IdSchema.optional(),
    page: z.coerce.number().int().min(1).max(10000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
/** Answer of `GET /api/v1/activities`, newest first. */
export const ActivityListSchema = z.object({ items: z.array(ActivitySchema), total: z.number().int() });
/** Answer of `GET /api/v1/activities/kinds`. */
export const ActivityKindListSchema = z.object({ items: z.array(z.object({ code: z.string(), zh: z.string(), en: z.string() })) });
/** Path of an activity's photo. */
export const ActivityPhotoParamsSchema = z.object({ id: IdSchema, photoId: IdSchema }).strict();
/** Inferred from `ActivityListSchema`. */
export type ActivityList = z.infer<typeof ActivityListSchema>;
