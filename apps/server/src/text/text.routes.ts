/**
 * Text intelligence for signed-in users: routing suggestions for a case, reply-quality advice,
 * routing model training and history (admins), hot issues and hot words over a time window.
 * Everything is limited to the caller's scope.
 */
import { IdParamsSchema, IdSchema } from '@lianxin/contracts';
import { AppError } from '@lianxin/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context';
import { visibilityOf } from '../cases/case.service';
import { ROUTING_MODEL_KIND } from './routing.service';
import { access } from '../platform/route-kit';

const SuggestionSchema = z.object({ id: z.string(), name: z.string(), confidence: z.number() });
const SuggestionsSchema = z.object({
  category: z.array(SuggestionSchema),
  department: SuggestionSchema.nullable(),
  unit: SuggestionSchema.nullable(),
  model: z.object({ createdAt: z.string(), macroF1: z.number() }).nullable(),
});
const ReplyQualitySchema = z.object({
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
const WindowQuery = z
  .object({
    from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
    to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
    unitId: IdSchema.optional(),
    top: z.coerce.number().int().min(1).max(50).optional(),
  })
  .strict();

/** A date (China time, `to` inclusive) or an instant as ISO-8601. */
function bound(value: string | undefined, end: boolean): string | undefined {
  if (!value) return undefined;
  if (value.length === 10) return new Date(new Date(`${value}T00:00:00+08:00`).getTime() + (end ? 86_400_000 : 0)).toISOString();
  return new Date(value).toISOString();
}

export const textRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/api/v1/cases/:id/suggestions',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags: ['cases'],
        summary: 'Routing suggestions: top-3 categories, a department, and a station when the case has none',
        description:
          'Confidences are probabilities of the learned routing model of this deployment (`model` names it, with its cross-validated macro-F1). Before a model exists (fewer than 30 labelled cases), a keyword prior from the category names answers and `model` is null.',
        params: IdParamsSchema,
        response: { 200: SuggestionsSchema },
      },
    },
    async (request) => {
      const { actor } = request;
      const record = await ctx.cases.get(actor, request.params.id);
      return ctx.routing.suggest(record);
    },
  );

  app.post(
    '/api/v1/cases/:id/reply-check',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags: ['cases'],
        summary: 'Reply-quality advice for a draft reply (never blocks)',
        description:
          'Scores the draft against the case: does it address the question, state concrete measures, a time frame, a responsible contact, the legal or policy basis, and is it more than a template. `score` is 0–100, each check carries advice in Chinese and English.',
        params: IdParamsSchema,
        body: z.object({ content: z.string().min(1).max(10_000) }).strict(),
        response: { 200: ReplyQualitySchema },
      },
    },
    async (request) => {
      const { actor } = request;
      const record = await ctx.cases.get(actor, request.params.id);
      return ctx.insights.replyCheck(record, request.body.content);
    },
  );

  app.post(
    '/api/v1/routing/train',
    {
      config: access({ auth: 'session', policy: 'routing.manage' }),
      schema: {
        tags: ['routing'],
        summary: 'Train a new routing model (admins; runs as a job)',
        description:
          'Queues job `routing.train`. With too few labelled cases (30 in at least 2 first-level categories, 3 each) nothing is queued: 422 `ROUTING_NOT_ENOUGH_LABELS` with the counts in `details`. The new model is measured by 5-fold cross-validation and activates itself only when it covers at least half of the first-level categories (3 at least), beats the keyword fallback on the same labelled cases and is not worse than the active model by more than 0.01 macro-F1 — unless `force` is true. See GET /api/v1/routing/models for the outcome and its `reasonCode`.',
        body: z.object({ force: z.boolean().optional() }).strict().optional(),
        response: { 202: z.object({ jobId: z.string() }) },
      },
    },
    async (request, reply) => {
      const { actor } = request;
      // Say now why no model would appear, rather than queue a run that ends in silence.
      const readiness = await ctx.routing.readiness();
      if (!readiness.ready)
        throw new AppError('ROUTING_NOT_ENOUGH_LABELS', {
          ...(readiness.reason ? { message: readiness.reason } : {}),
          details: [
            { path: 'labelled', code: 'too_small', message: `${readiness.labelled} of ${readiness.minLabelled}` },
            { path: 'categories', code: 'too_small', message: `${readiness.categories} of 2` },
          ],
        });
      const jobId = await ctx.routing.queueTraining({ force: request.body?.force ?? false, by: actor.userId });
      return reply.status(202).send({ jobId });
    },
  );

  app.get(
    '/api/v1/routing/models',
    {
      config: access({ auth: 'session', policy: 'routing.manage' }),
      schema: {
        tags: ['routing'],
        summary: 'Routing model history with quality metrics (admins), and whether training can run now',
        description:
          'Each model’s `metrics` carry `activated`, `reasonCode` (`first_model`, `better`, `worse_than_active`, `worse_than_fallback`, `few_categories`, `forced`) and `reason`, the keyword fallback’s macro-F1 on the same cases and the categories covered. `readiness` says whether there are enough labelled cases to train, with the counts.',
        response: {
          200: z.object({
            items: z.array(
              z.object({ id: z.string(), kind: z.string(), createdAt: z.string(), active: z.boolean(), metrics: z.record(z.string(), z.unknown()) }),
            ),
            readiness: z.object({
              ready: z.boolean(),
              labelled: z.number().int(),
              categories: z.number().int(),
              totalCategories: z.number().int(),
              minLabelled: z.number().int(),
              minPerCategory: z.number().int(),
              minCovered: z.number().int(),
              reasonCode: z.enum(['too_few_labels']).nullable(),
              reason: z.string().nullable(),
            }),
          }),
        },
      },
    },
    async () => {
      const items = await ctx.routing.history();
      return { items: items.filter((m) => m.kind === ROUTING_MODEL_KIND), readiness: await ctx.routing.readiness() };
    },
  );

  app.get(
    '/api/v1/stats/hot-issues',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags: ['stats'],
        summary: 'Hot issues: clusters of similar cases in a time window, hottest first',
        description:
          'Clusters the cases of the window (at most the 5,000 most recent in the caller’s scope; default the last 30 days) by near-duplicate similarity and ranks them by heat (volume, recency, spread over units). Clusters of one case are left out. `units` are the stations the members came through.',
        querystring: WindowQuery,
        response: {
          200: z.object({
            clusters: z.array(
              z.object({
                title: z.string(),
                heat: z.number(),
                size: z.number(),
                caseIds: z.array(z.string()),
                units: z.array(z.object({ id: z.string(), name: z.string() })),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const { actor } = request;
      const q = request.query;
      const { clusters } = await ctx.insights.hotIssues(
        visibilityOf(actor),
        { from: bound(q.from, false), to: bound(q.to, true), unitId: q.unitId },
        q.top ?? 10,
      );
      return { clusters };
    },
  );

  app.get(
    '/api/v1/stats/hot-words',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags: ['stats'],
        summary: 'Hot words: the 50 words most cases of a time window mention (stop words left out)',
        querystring: WindowQuery.omit({ top: true }),
        response: { 200: z.object({ words: z.array(z.object({ word: z.string(), count: z.number() })) }) },
      },
    },
    async (request) => {
      const { actor } = request;
      const q = request.query;
      const { words } = await ctx.insights.hotWords(visibilityOf(actor), { from: bound(q.from, false), to: bound(q.to, true), unitId: q.unitId });
      return { words };
    },
  );
};
