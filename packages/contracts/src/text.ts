/**
 * Text intelligence (API.md "Cases" and "Statistics"): routing suggestions, reply-quality
 * advice, the routing models, hot issues and hot words.
 */
import { z } from 'zod';
import { IdSchema } from './common';

/** A suggested category, department or station with the model's confidence. */
export const RoutingSuggestionSchema = z.object({ id: z.string(), name: z.string(), confidence: z.number() });
/** Answer of `GET /api/v1/cases/{id}/suggestions`. */
export const RoutingSuggestionsSchema = z.object({
  category: z.array(RoutingSuggestionSchema),
  department: RoutingSuggestionSchema.nullable(),
  unit: RoutingSuggestionSchema.nullable(),
  model: z.object({ createdAt: z.string(), macroF1: z.number() }).nullable(),
});
/** Answer of `POST /api/v1/cases/{id}/reply-check`: a score 0–100 and advice per check. */
export const ReplyQualitySchema = z.object({
  score: z.number(),
  checks: z.array(
    z.object({
      id: z.enum(['addresses', 'measures', 'timeframe', 'contact', 'basis', 'substance']),
      passed: z.boolean(),
      weight: z.number(),
      message_zh: z.string(),
      message_en: z.string(),
    }),
  ),
});
/** Query of the hot issues and hot words: a time window and a station. */
export const TextWindowQuerySchema = z
  .object({
    from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
    to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
    unitId: IdSchema.optional(),
    top: z.coerce.number().int().min(1).max(50).optional(),
  })
  .strict();

/** Routing suggestions of a case. */
export type RoutingSuggestions = z.infer<typeof RoutingSuggestionsSchema>;
/** Reply-quality advice. */
export type ReplyQuality = z.infer<typeof ReplyQualitySchema>;

/** Body of `POST /api/v1/cases/{id}/reply-check`. */
export const ReplyCheckBodySchema = z.object({ content: z.string().min(1).max(10_000) }).strict();
/** Body of `POST /api/v1/routing/train`. */
export const RoutingTrainBodySchema = z.object({ force: z.boolean().optional() }).strict().optional();
/** Answer of `POST /api/v1/routing/train`: the queued job. */
export const JobQueuedSchema = z.object({ jobId: z.string() });

/** Why a training run ended as it did (`routing-gate.ts`; `too_few_labels` only for a run that stored no model). */
export const ROUTING_REASON_CODES = [
  'too_few_labels',
  'first_model',
  'better',
  'worse_than_active',
  'worse_than_fallback',
  'few_categories',
  'forced',
] as const;
/** Why a training run ended as it did. */
export type RoutingReasonCode = (typeof ROUTING_REASON_CODES)[number];

const sideMetrics = z.object({ macroF1: z.number(), labels: z.number() }).nullable();

/**
 * What was measured when a model was trained. Every field is optional: models trained by
 * earlier releases lack the later ones (reason codes, the fallback's score, coverage).
 */
export const RoutingMetricsSchema = z
  .object({
    macroF1: z.number(),
    accuracy: z.number(),
    labelled: z.number(),
    unlabelled: z.number(),
    labels: z.array(z.string()),
    folds: z.number(),
    trainSeconds: z.number(),
    sizeBytes: z.number(),
    department: sideMetrics,
    unit: sideMetrics,
    activated: z.boolean(),
    reasonCode: z.enum(ROUTING_REASON_CODES),
    /** English, for models trained before reason codes existed. */
    reason: z.string(),
    previousMacroF1: z.number().nullable(),
    /** The keyword fallback's macro-F1 on the same labelled cases. */
    fallbackMacroF1: z.number(),
    /** First-level categories the model knows, of how many active ones, and how many it had to cover. */
    covered: z.number(),
    totalCategories: z.number(),
    minCovered: z.number(),
    forced: z.boolean(),
  })
  .partial();

/** One stored routing model. */
export const RoutingModelSchema = z.object({ id: z.string(), kind: z.string(), createdAt: z.string(), active: z.boolean(), metrics: RoutingMetricsSchema });
/** One stored routing model. */
export type RoutingModel = z.infer<typeof RoutingModelSchema>;

/** Whether training can run now, with the counts. */
export const RoutingReadinessSchema = z.object({
  ready: z.boolean(),
  labelled: z.number().int(),
  categories: z.number().int(),
  totalCategories: z.number().int(),
  minLabelled: z.number().int(),
  minPerCategory: z.number().int(),
  minCovered: z.number().int(),
  reasonCode: z.enum(['too_few_labels']).nullable(),
  reason: z.string().nullable(),
});
/** Whether training can run now. */
export type RoutingReadiness = z.infer<typeof RoutingReadinessSchema>;

/** Answer of `GET /api/v1/routing/models`. */
export const RoutingModelListSchema = z.object({ items: z.array(RoutingModelSchema), readiness: RoutingReadinessSchema });
/** Answer of `GET /api/v1/routing/models`. */
export type RoutingModelList = z.infer<typeof RoutingModelListSchema>;

/** A hot issue: a cluster of similar cases with its heat. */
export const HotIssueSchema = z.object({
  title: z.string(),
  heat: z.number(),
  size: z.number(),
  caseIds: z.array(z.string()),
  units: z.array(z.object({ id: z.string(), name: z.string() })),
});
/** A hot issue. */
export type HotIssue = z.infer<typeof HotIssueSchema>;
/** Answer of `GET /api/v1/stats/hot-issues`, hottest first. */
export const HotIssueListSchema = z.object({ clusters: z.array(HotIssueSchema) });
/** Answer of `GET /api/v1/stats/hot-issues`. */
export type HotIssueList = z.infer<typeof HotIssueListSchema>;
/** Answer of `GET /api/v1/stats/hot-words`. */
export const HotWordListSchema = z.object({ words: z.array(z.object({ word: z.string(), count: z.number() })) });
/** Answer of `GET /api/v1/stats/hot-words`. */
export type HotWordList = z.infer<typeof HotWordListSchema>;
/** Inferred from `JobQueuedSchema`. */
export type JobQueued = z.infer<typeof JobQueuedSchema>;
