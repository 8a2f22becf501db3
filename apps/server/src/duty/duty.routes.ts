/**
 * Duty records (API.md "Duty and evaluation") and the duty point rules.
 */
import { DutyQuerySchema, DutyRecordSchema, DutyRuleListSchema, DutyRulesBodySchema, IdParamsSchema } from '@lianxin/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context';
import { access } from '../platform/route-kit';

export const dutyRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/api/v1/deputies/:id/duty',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags: ['duty'],
        summary: 'A deputy’s duty record for a year: receptions, activities, cases, points',
        params: IdParamsSchema,
        querystring: DutyQuerySchema,
        response: { 200: DutyRecordSchema },
      },
    },
    async (request) => {
      const year = request.query.year ?? Number(new Date(ctx.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 4));
      return ctx.duty.record(request.actor, request.params.id, year);
    },
  );

  app.get(
    '/api/v1/duty/rules',
    {
      config: access({ auth: 'session' }),
      schema: { tags: ['duty'], summary: 'Duty point rules', response: { 200: DutyRuleListSchema } },
    },
    async () => {
      return { items: await ctx.duty.rules() };
    },
  );

  app.put(
    '/api/v1/duty/rules',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags: ['duty'],
        summary: 'Change the duty point rules (admins)',
        body: DutyRulesBodySchema,
        response: { 200: DutyRuleListSchema },
      },
    },
    async (request) => ({ items: await ctx.duty.setRules(request.actor, request.body.items) }),
  );
};
