/**
 * Evaluation (API.md "Duty and evaluation"): schemes (admin-editable), results with
 * explanations and boards, what-if weights, gaming signals, admin inputs, publication.
 */
import {
  EvaluationInputBodySchema,
  EvaluationInputListSchema,
  EvaluationPeriodQuerySchema,
  EvaluationResultsQuerySchema,
  EvaluationResultsSchema,
  PublicationSchema,
  PublishedResultsSchema,
  SchemeCreateSchema,
  SchemeListSchema,
  SchemeParamsSchema,
  SchemeSchema,
  SchemeUpdateSchema,
  SignalListSchema,
  WhatIfBodySchema,
  WhatIfSchema,
  xlsxResponse,
} from '@lianxin/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context';
import { evaluationWorkbook } from './evaluation-report';
import { access } from '../platform/route-kit';

const tags = ['evaluation'];

export const evaluationRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const evaluations = ctx.evaluations;

  app.get(
    '/api/v1/evaluations/schemes',
    {
      config: access({ auth: 'session' }),
      schema: { tags, summary: 'Evaluation schemes (the defaults are created on first use)', response: { 200: SchemeListSchema } },
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
        body: SchemeCreateSchema,
        response: { 201: SchemeSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await evaluations.createScheme(request.actor, request.body)),
  );

  app.get(
    '/api/v1/evaluations/schemes/:schemeId',
    { config: access({ auth: 'session' }), schema: { tags, summary: 'One scheme', params: SchemeParamsSchema, response: { 200: SchemeSchema } } },
    async (request) => evaluations.getScheme(request.actor, request.params.schemeId),
  );

  app.put(
    '/api/v1/evaluations/schemes/:schemeId',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags,
        summary: 'Change a scheme: weights, indicators, bonus and penalty items (admins)',
        params: SchemeParamsSchema,
        body: SchemeUpdateSchema,
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
        params: SchemeParamsSchema,
        querystring: EvaluationResultsQuerySchema,
        response: { 200: EvaluationResultsSchema },
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
        params: SchemeParamsSchema,
        querystring: EvaluationPeriodQuerySchema,
        response: { 200: xlsxResponse('The period report') },
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
        params: SchemeParamsSchema,
        body: WhatIfBodySchema,
        response: { 200: WhatIfSchema },
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
        querystring: EvaluationPeriodQuerySchema,
        response: { 200: SignalListSchema },
      },
    },
    async (request) => evaluations.signals(request.actor, request.query.period),
  );

  app.get(
    '/api/v1/evaluations/:schemeId/inputs',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags,
        summary: 'Admin-entered values of a period',
        params: SchemeParamsSchema,
        querystring: EvaluationPeriodQuerySchema,
        response: { 200: EvaluationInputListSchema },
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
        params: SchemeParamsSchema,
        body: EvaluationInputBodySchema,
        response: { 200: EvaluationInputListSchema },
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
        params: SchemeParamsSchema,
        body: EvaluationPeriodQuerySchema,
        response: { 200: PublicationSchema },
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
        params: SchemeParamsSchema,
        querystring: EvaluationPeriodQuerySchema,
        response: { 200: PublishedResultsSchema },
      },
    },
    async (request) => evaluations.published(request.actor, request.params.schemeId, request.query.period),
  );
};
