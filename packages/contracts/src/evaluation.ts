/**
 * Evaluation (API.md "Duty and evaluation"): schemes, results with their explanations and
 * boards, what-if weights, gaming signals, admin inputs and publication.
 */
import { EVALUATION_METRICS, EVALUATION_SUBJECTS } from '@lianxin/core';
import { z } from 'zod';

/** An evaluation period: a month, a quarter or a year. */
export const EvaluationPeriodSchema = z.string().regex(/^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$/, 'YYYY-MM, YYYY-Qn or YYYY');
/** A figure a formula reads. */
export const EvaluationMetricSchema = z.enum(EVALUATION_METRICS);
/** How an indicator is computed: a ratio of two figures, a monthly target, or an admin-entered value. */
export const FormulaSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('ratio'),
      numerator: EvaluationMetricSchema,
      denominator: EvaluationMetricSchema,
      invert: z.boolean().optional(),
      emptyValue: z.number().min(0).max(1).optional(),
    })
    .strict(),
  z.object({ kind: z.literal('target'), metric: EvaluationMetricSchema, targetPerMonth: z.number().positive().max(10000) }).strict(),
  z.object({ kind: z.literal('manual'), input: z.string().min(1).max(40), max: z.number().positive().max(1000) }).strict(),
]);
/** A scheme's indicators with their weights, its bonus and penalty items and its boards. */
export const SchemeDefinitionSchema = z
  .object({
    indicators: z
      .array(
        z
          .object({
            key: z.string().min(1).max(40),
            label: z.string().min(1).max(50),
            labelEn: z.string().max(80).optional(),
            group: z.string().min(1).max(50),
            weight: z.number().min(0).max(100),
            formula: FormulaSchema,
          })
          .strict(),
      )
      .min(1)
      .max(50),
    adjustments: z
      .array(
        z
          .object({
            key: z.string().min(1).max(40),
            label: z.string().min(1).max(50),
            labelEn: z.string().max(80).optional(),
            kind: z.enum(['bonus', 'penalty']),
            source: z.union([z.object({ metric: EvaluationMetricSchema }).strict(), z.object({ input: z.string().min(1).max(40) }).strict()]),
            pointsEach: z.number().min(0).max(100),
            max: z.number().min(0).max(100),
          })
          .strict(),
      )
      .max(20),
    bonusCap: z.number().min(0).max(100),
    peerGroupBy: z.enum(['none', 'regionType', 'level']),
    boardSize: z.number().int().min(0).max(20),
  })
  .strict();
/** An evaluation scheme. */
export const SchemeSchema = z.object({
  id: z.string(),
  name: z.string(),
  subject: z.enum(EVALUATION_SUBJECTS),
  definition: SchemeDefinitionSchema,
  totalWeight: z.number(),
  active: z.boolean(),
  version: z.number().int(),
  updatedAt: z.string(),
});
/** One line of a score's explanation. */
export const BreakdownSchema = z.object({
  indicator: z.string(),
  label: z.string(),
  group: z.string(),
  kind: z.enum(['indicator', 'bonus', 'penalty']),
  value: z.number(),
  weight: z.number(),
  points: z.number(),
  numerator: z.number().optional(),
  denominator: z.number().optional(),
  target: z.number().optional(),
  note: z.enum(['no_data', 'capped']).optional(),
});
/** A ranked subject. */
export const RankedSchema = z.object({
  subjectId: z.string(),
  name: z.string(),
  peerGroup: z.string().nullable(),
  score: z.number(),
  rank: z.number().int(),
  peerRank: z.number().int(),
  board: z.enum(['red', 'black']).nullable(),
  /** Why a subject within a board's places is not on it (rule: core `boards.ts`). */
  boardNote: z.enum(['no_activity', 'tie_over_board']).nullable(),
});
/** A ranked subject with the lines behind its score. */
export const ResultSchema = RankedSchema.extend({ breakdown: z.array(BreakdownSchema) });
/** Path of a scheme's endpoints. */
export const SchemeParamsSchema = z.object({ schemeId: z.string().min(1).max(64) }).strict();
/** An evaluation scheme. */
export type Scheme = z.infer<typeof SchemeSchema>;
/** One line of a score's explanation. */
export type BreakdownItem = z.infer<typeof BreakdownSchema>;
/** A ranked subject. */
export type Ranked = z.infer<typeof RankedSchema>;
/** One indicator of a scheme. */
export type SchemeIndicator = Scheme['definition']['indicators'][number];
/** A bonus or penalty item of a scheme. */
export type SchemeAdjustment = Scheme['definition']['adjustments'][number];

/** Answer of `GET /api/v1/evaluations/schemes`. */
export const SchemeListSchema = z.object({ items: z.array(SchemeSchema) });

/** Body of `POST /api/v1/evaluations/schemes`. */
export const SchemeCreateSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]{3,40}$/),
    name: z.string().min(2).max(80),
    subject: z.enum(EVALUATION_SUBJECTS),
    definition: SchemeDefinitionSchema,
  })
  .strict();

/** Body of `PUT /api/v1/evaluations/schemes/{schemeId}`. */
export const SchemeUpdateSchema = z
  .object({ name: z.string().min(2).max(80), definition: SchemeDefinitionSchema, active: z.boolean(), expectedVersion: z.number().int().optional() })
  .strict();

/** Query of a period's endpoints. */
export const EvaluationPeriodQuerySchema = z.object({ period: EvaluationPeriodSchema }).strict();
/** Query of `GET /api/v1/evaluations/{schemeId}/results`. */
export const EvaluationResultsQuerySchema = z.object({ period: EvaluationPeriodSchema, subject: z.enum(EVALUATION_SUBJECTS).optional() }).strict();

/** Answer of `GET /api/v1/evaluations/{schemeId}/results`. */
export const EvaluationResultsSchema = z.object({
  schemeId: z.string(),
  subject: z.enum(EVALUATION_SUBJECTS),
  period: z.string(),
  schemeVersion: z.number().int(),
  /** Places per board (the rule is stated with it). */
  boardSize: z.number().int(),
  items: z.array(ResultSchema.extend({ metrics: z.record(z.string(), z.number()) })),
  published: z.object({ publishedAt: z.string(), schemeVersion: z.number().int() }).nullable(),
});
/** Results of a period. */
export type EvaluationResults = z.infer<typeof EvaluationResultsSchema>;

/** Body of `POST /api/v1/evaluations/{schemeId}/what-if`. */
export const WhatIfBodySchema = z.object({ period: EvaluationPeriodSchema, weights: z.record(z.string(), z.number().min(0).max(100)) }).strict();
/** Answer of the what-if: the ranking now and with the weights, and who moves. */
export const WhatIfSchema = z.object({
  period: z.string(),
  current: z.array(RankedSchema),
  proposed: z.array(RankedSchema),
  moves: z.array(
    z.object({
      subjectId: z.string(),
      name: z.string(),
      scoreBefore: z.number(),
      scoreAfter: z.number(),
      rankBefore: z.number(),
      rankAfter: z.number(),
    }),
  ),
});
/** A what-if comparison. */
export type WhatIf = z.infer<typeof WhatIfSchema>;

/** Answer of `GET /api/v1/evaluations/signals`: signals of gaming for supervisors. */
export const SignalListSchema = z.object({
  period: z.string(),
  items: z.array(
    z.object({
      kind: z.enum(['quick_rating', 'phone_many_ratings', 'split_cases']),
      unitId: z.string().nullable(),
      unitName: z.string().nullable(),
      cases: z.array(z.object({ id: z.string(), trackingCode: z.string() })),
      phone: z.string().nullable(),
      detail: z.record(z.string(), z.number()),
    }),
  ),
});
/** A gaming signal. */
export type Signal = z.infer<typeof SignalListSchema>['items'][number];

/** An admin-entered value of a period. */
export const EvaluationInputSchema = z.object({
  subjectId: z.string(),
  key: z.string(),
  value: z.number(),
  note: z.string().nullable(),
  updatedAt: z.string(),
});
/** Answer of the inputs of a period. */
export const EvaluationInputListSchema = z.object({ items: z.array(EvaluationInputSchema) });
/** Body of `PUT /api/v1/evaluations/{schemeId}/inputs`; `value: null` clears it. */
export const EvaluationInputBodySchema = z
  .object({
    period: EvaluationPeriodSchema,
    subjectId: z.string().min(1).max(64),
    key: z.string().min(1).max(40),
    value: z.number().nullable(),
    note: z.string().max(200).optional(),
  })
  .strict();

/** Answer of `POST /api/v1/evaluations/{schemeId}/publish`. */
export const PublicationSchema = z.object({ schemeId: z.string(), period: z.string(), publishedAt: z.string(), schemeVersion: z.number().int() });
/** Answer of `GET /api/v1/evaluations/{schemeId}/published`. */
export const PublishedResultsSchema = z.object({
  schemeId: z.string(),
  period: z.string(),
  schemeVersion: z.number().int(),
  publishedAt: z.string(),
  items: z.array(ResultSchema),
});
