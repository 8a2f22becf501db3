/**
 * Key supervision (重点督办) and public comparison (晾晒比拼): a key item's KPI tree with its
 * reports, its issue list (限时销号), comparison indicators, values and rankings.
 */
import { z } from 'zod';
import { IdParamsSchema, IdSchema } from './common';

const version = { expectedVersion: z.number().int().min(1) };

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

/** Path of `POST /api/v1/suggestions/{id}/indicators/{indicatorId}/reports`. */
export const KpiReportParamsSchema = z.object({ id: IdSchema, indicatorId: IdSchema }).strict();
/** Path of `GET /api/v1/issues/{id}/evidence/{attachmentId}`. */
export const IssueEvidenceParamsSchema = z.object({ id: IdSchema, attachmentId: IdSchema }).strict();
/** Path of a key item's lists. */
export const KeyItemParamsSchema = IdParamsSchema;

/** An indicator of a key item's KPI tree. */
export const KpiIndicatorSchema = z.object({
  id: z.string(),
  proposalId: z.string(),
  parentId: z.string().nullable(),
  name: z.string(),
  unit: z.string(),
  baseline: z.number(),
  target: z.number(),
  period: z.string(),
  departmentId: z.string().nullable(),
  weight: z.number(),
  sortOrder: z.number(),
  createdAt: z.string(),
});
/** An indicator of a KPI tree. */
export type KpiIndicator = z.infer<typeof KpiIndicatorSchema>;

/** An indicator with its latest value, its progress (0..1) rolled up by weight, and its children. */
export type KpiNode = KpiIndicator & { latest: number | null; progress: number; children: KpiNode[] };
/** An indicator with its latest value, its progress and its children. */
export const KpiNodeSchema: z.ZodType<KpiNode> = KpiIndicatorSchema.extend({
  latest: z.number().nullable(),
  progress: z.number(),
  get children() {
    return z.array(KpiNodeSchema);
  },
});

/** A periodic report of an indicator's value. */
export const KpiReportSchema = z.object({
  id: z.string(),
  indicatorId: z.string(),
  period: z.string(),
  value: z.number(),
  note: z.string().nullable(),
  reportedBy: z.string().nullable(),
  reportedAt: z.string(),
});
/** A periodic report of an indicator's value. */
export type KpiReport = z.infer<typeof KpiReportSchema>;

/** Answer of `GET /api/v1/suggestions/{id}/indicators`. */
export const KpiTreeSchema = z.object({ items: z.array(KpiNodeSchema), overallProgress: z.number(), reports: z.array(KpiReportSchema) });
/** Answer of `GET /api/v1/suggestions/{id}/indicators`. */
export type KpiTree = z.infer<typeof KpiTreeSchema>;

/** An evidence file of an issue item (downloaded through the item). */
export const EvidenceFileSchema = z.object({ id: z.string(), mime: z.string(), size: z.number(), originalName: z.string().nullable(), url: z.string() });
/** An evidence file of an issue item. */
export type EvidenceFile = z.infer<typeof EvidenceFileSchema>;

/** An item of an issue list with its deadline flags and evidence. */
export const IssueItemSchema = z.object({
  id: z.string(),
  proposalId: z.string(),
  title: z.string(),
  departmentId: z.string().nullable(),
  dueAt: z.string(),
  status: z.enum(['open', 'closed']),
  evidence: z.string().nullable(),
  evidenceAttachmentIds: z.array(z.string()),
  evidenceFiles: z.array(EvidenceFileSchema),
  closedAt: z.string().nullable(),
  closedBy: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  /** 0 on time, 1 overdue notice sent, 2 escalated to the supervising leader. */
  escalationStep: z.number().int(),
  escalatedAt: z.string().nullable(),
  overdue: z.boolean(),
  /** Overdue long enough to have gone to the supervising leader. */
  escalated: z.boolean(),
  closedLate: z.boolean(),
});
/** An item of an issue list. */
export type IssueItem = z.infer<typeof IssueItemSchema>;

/** Answer of `GET /api/v1/suggestions/{id}/issues`. */
export const IssueListSchema = z.object({ items: z.array(IssueItemSchema) });
/** Answer of `GET /api/v1/issues/overdue`: items with their key item's title, escalated first. */
export const OverdueIssueListSchema = z.object({ items: z.array(IssueItemSchema.extend({ proposalTitle: z.string() })) });
/** Answer of `GET /api/v1/issues/overdue`. */
export type OverdueIssueList = z.infer<typeof OverdueIssueListSchema>;
/** Answer of `POST /api/v1/suggestions/{id}/issues`. */
export const IssueCreatedSchema = z.object({ id: z.string() });

/** Query of the rankings: a period (the latest with values when left out). */
export const PeriodQuerySchema = z.object({ period: PeriodSchema.optional() }).strict();

/** An indicator units are compared on. */
export const ComparisonIndicatorSchema = z.object({
  id: z.string(),
  name: z.string(),
  unit: z.string(),
  higherIsBetter: z.boolean(),
  sortOrder: z.number(),
  active: z.boolean(),
  createdAt: z.string(),
});
/** An indicator units are compared on. */
export type ComparisonIndicator = z.infer<typeof ComparisonIndicatorSchema>;
/** Answer of `GET /api/v1/comparison/indicators`. */
export const ComparisonIndicatorListSchema = z.object({ items: z.array(ComparisonIndicatorSchema) });

/** A period's rankings per indicator, with the trend against the previous period, and the overall standing. */
export const RankingSchema = z.object({
  period: z.string().nullable(),
  previousPeriod: z.string().nullable().optional(),
  /** Every period with values, newest first. */
  periods: z.array(z.string()),
  indicators: z.array(
    z.object({
      indicator: ComparisonIndicatorSchema,
      items: z.array(
        z.object({
          unitId: z.string(),
          unitName: z.string(),
          value: z.number(),
          /** Competition rank: 1, 2, 2, 4 … */
          rank: z.number(),
          previousValue: z.number().nullable(),
          previousRank: z.number().nullable(),
          /** Places gained (positive) or lost since the previous period. */
          rankChange: z.number().nullable(),
          /** Relative change of the value. */
          valueChange: z.number().nullable(),
        }),
      ),
    }),
  ),
  overall: z.array(z.object({ unitId: z.string(), unitName: z.string(), meanRank: z.number(), rank: z.number() })),
});
/** A period's rankings. */
export type Ranking = z.infer<typeof RankingSchema>;
