/**
 * Evaluation (API.md "Duty and evaluation"): schemes (admin-editable), results with
 * explanations and boards, what-if weights, gaming signals, admin inputs, publication.
 */
import { EVALUATION_METRICS, EVALUATION_SUBJECTS } from '@lianxin/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context';
import { evaluationWorkbook } from './evaluation-report';
import { access } from '../platform/route-kit';

const PeriodSchema = z.string().regex(/^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$/, 'YYYY-MM, YYYY-Qn or YYYY');
const MetricSchema = z.enum(EVALUATION_METRICS);
const FormulaSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('ratio'),
      numerator: MetricSchema,
      denominator: MetricSchema,
      invert: z.boolean().optional(),
      emptyValue: z.number().min(0).max(1).optional(),
    })
    .strict(),
  z.object({ kind: z.literal('target'), metric: MetricSchema, targetPerMonth: z.number().positive().max(10000) }).strict(),
  z.object({ kind: z.literal('manual'), input: z.string().min(1).max(40), max: z.number().positive().max(1000) }).strict(),
]);
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
            source: z.union([z.object({ metric: MetricSchema }).strict(), z.object({ input: z.string().min(1).max(40) }).strict()]),
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
const SchemeSchema = z.object({
  id: z.string(),
  name: z.string(),
  subject: z.enum(EVALUATION_SUBJECTS),
  definition: SchemeDefinitionSchema,
  totalWeight: z.number(),
  active: z.boolean(),
  version: z.number().int(),
  updatedAt: z.string(),
});
const BreakdownSchema = z.object({
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
const RankedSchema = z.object({
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
const ResultSchema = RankedSchema.extend({ breakdown: z.array(BreakdownSchema) });
const SchemeParams = z.object({ schemeId: z.string().min(1).max(64) }).strict();
const tags = ['evaluation'];

export const evaluationRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const evaluations = ctx.evaluations;

  app.get(
    '/api/v1/evaluations/schemes',
    {
      config: access({ auth: 'session' }),
      schema: { tags, summary: 'Evaluation schemes (the defaults are created on first use)', response: { 200: z.object({ items: z.array(SchemeSchema) }) } },
    },
    async (request) => ({ items: await evaluations.listSchemes(request.actor) }),
  );

  app.post(
    '/api/v1/evaluations/schemes',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags,
        summary: 'Create a scheme (admins)',
        body: z
          .object({
            id: z.string().regex(/^[a-z0-9-]{3,40}$/),
            name: z.string().min(2).max(80),
            subject: z.enum(EVALUATION_SUBJECTS),
            definition: SchemeDefinitionSchema,
          })
          .strict(),
        response: { 201: SchemeSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await evaluations.createScheme(request.actor, request.body)),
  );

  app.get(
    '/api/v1/evaluations/schemes/:schemeId',
    { config: access({ auth: 'session' }), schema: { tags, summary: 'One scheme', params: SchemeParams, response: { 200: SchemeSchema } } },
    async (request) => evaluations.getScheme(request.actor, request.params.schemeId),
  );

  app.put(
    '/api/v1/evaluations/schemes/:schemeId',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags,
        summary: 'Change a scheme: weights, indicators, bonus and penalty items (admins)',
        params: SchemeParams,
        body: z
          .object({ name: z.string().min(2).max(80), definition: SchemeDefinitionSchema, active: z.boolean(), expectedVersion: z.number().int().optional() })
          .strict(),
        response: { 200: SchemeSchema },
      },
    },
    async (request) => {
      const { expectedVersion, ...input } = request.body;
      return evaluations.updateScheme(request.actor, request.params.schemeId, input, expectedVersion);
    },
  );

  app.get(
    '/api/v1/evaluations/:schemeId/results',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags,
        summary: 'Scores, ranks and boards (红黑榜) for a period, each with the items behind it',
        params: SchemeParams,
        querystring: z.object({ period: PeriodSchema, subject: z.enum(EVALUATION_SUBJECTS).optional() }).strict(),
        response: {
          200: z.object({
            schemeId: z.string(),
            subject: z.enum(EVALUATION_SUBJECTS),
            period: z.string(),
            schemeVersion: z.number().int(),
            boardSize: z.number().int(),
            items: z.array(ResultSchema.extend({ metrics: z.record(z.string(), z.number()) })),
            published: z.object({ publishedAt: z.string(), schemeVersion: z.number().int() }).nullable(),
          }),
        },
      },
    },
    async (request) => {
      const result = await evaluations.results(request.actor, request.params.schemeId, request.query.period);
      if (request.query.subject && request.query.subject !== result.subject) return { ...result, items: [] };
      return result;
    },
  );

  app.get(
    '/api/v1/evaluations/:schemeId/report.xlsx',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags,
        summary: 'The period report as XLSX: ranking with boards, every score line by line, the figures behind them (audited export)',
        params: SchemeParams,
        querystring: z.object({ period: PeriodSchema }).strict(),
      },
    },
    async (request, reply) => {
      const { actor } = request;
      const result = await evaluations.results(actor, request.params.schemeId, request.query.period);
      const scheme = await evaluations.getScheme(actor, request.params.schemeId);
      const bytes = await evaluationWorkbook({
        schemeName: scheme.name,
        period: result.period,
        generatedAt: ctx.clock.now().toISOString(),
        boardSize: result.boardSize,
        items: result.items,
      });
      await ctx.audit.record(actor, { action: 'evaluation.export', entity: 'evaluation_scheme', entityId: scheme.id, summary: result.period });
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="evaluation-${scheme.id}-${result.period}.xlsx"`)
        .send(bytes);
    },
  );

  app.post(
    '/api/v1/evaluations/:schemeId/what-if',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags,
        summary: 'How the ranking would change with other indicator weights (nothing is stored)',
        params: SchemeParams,
        body: z.object({ period: PeriodSchema, weights: z.record(z.string(), z.number().min(0).max(100)) }).strict(),
        response: {
          200: z.object({
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
          }),
        },
      },
    },
    async (request) => evaluations.whatIf(request.actor, request.params.schemeId, request.body.period, request.body.weights),
  );

  app.get(
    '/api/v1/evaluations/signals',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags,
        summary: 'Signals of gaming for supervisors: quick ratings, one phone rating many cases, split cases',
        querystring: z.object({ period: PeriodSchema }).strict(),
        response: {
          200: z.object({
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
          }),
        },
      },
    },
    async (request) => evaluations.signals(request.actor, request.query.period),
  );

  const InputSchema = z.object({ subjectId: z.string(), key: z.string(), value: z.number(), note: z.string().nullable(), updatedAt: z.string() });
  app.get(
    '/api/v1/evaluations/:schemeId/inputs',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags,
        summary: 'Admin-entered values of a period',
        params: SchemeParams,
        querystring: z.object({ period: PeriodSchema }).strict(),
        response: { 200: z.object({ items: z.array(InputSchema) }) },
      },
    },
    async (request) => ({ items: await evaluations.inputs(request.actor, request.params.schemeId, request.query.period) }),
  );

  app.put(
    '/api/v1/evaluations/:schemeId/inputs',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags,
        summary: 'Set an admin-entered value (premises inspection, bonus items, false reports); value null clears it',
        params: SchemeParams,
        body: z
          .object({
            period: PeriodSchema,
            subjectId: z.string().min(1).max(64),
            key: z.string().min(1).max(40),
            value: z.number().nullable(),
            note: z.string().max(200).optional(),
          })
          .strict(),
        response: { 200: z.object({ items: z.array(InputSchema) }) },
      },
    },
    async (request) => ({ items: await evaluations.setInput(request.actor, request.params.schemeId, request.body) }),
  );

  app.post(
    '/api/v1/evaluations/:schemeId/publish',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags,
        summary: 'Publish (freeze) the results of a period (admins)',
        params: SchemeParams,
        body: z.object({ period: PeriodSchema }).strict(),
        response: { 200: z.object({ schemeId: z.string(), period: z.string(), publishedAt: z.string(), schemeVersion: z.number().int() }) },
      },
    },
    async (request) => evaluations.publish(request.actor, request.params.schemeId, request.body.period),
  );

  app.get(
    '/api/v1/evaluations/:schemeId/published',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags,
        summary: 'The published results of a period',
        params: SchemeParams,
        querystring: z.object({ period: PeriodSchema }).strict(),
        response: {
          200: z.object({ schemeId: z.string(), period: z.string(), schemeVersion: z.number().int(), publishedAt: z.string(), items: z.array(ResultSchema) }),
        },
      },
    },
    async (request) => evaluations.published(request.actor, request.params.schemeId, request.query.period),
  );
};
