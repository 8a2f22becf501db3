/**
 * Duty records (API.md "Duty and evaluation") and the duty point rules.
 */
import { IdParamsSchema } from '@lianxin/contracts';
import { DUTY_ITEMS } from '@lianxin/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context';
import { access } from '../platform/route-kit';

const RuleSchema = z.object({ item: z.enum(DUTY_ITEMS), label: z.string().min(1).max(50), points: z.number().min(-100).max(100) }).strict();
const DutySchema = z.object({
  deputy: z.object({ id: z.string(), name: z.string(), levels: z.array(z.string()), homeUnitId: z.string().nullable(), homeUnitName: z.string().nullable() }),
  year: z.number().int(),
  asOf: z.string(),
  summary: z.record(z.string(), z.number()),
  receptions: z.array(
    z.object({
      id: z.string(),
      date: z.string(),
      startTime: z.string(),
      endTime: z.string(),
      unitId: z.string(),
      unitName: z.string(),
      status: z.string(),
      attendance: z.enum(['attended', 'absent', 'excused']).nullable(),
    }),
  ),
  activities: z.array(
    z.object({ id: z.string(), date: z.string(), kind: z.string(), title: z.string(), unitId: z.string(), unitName: z.string(), caseIds: z.array(z.string()) }),
  ),
  cases: z.array(
    z.object({
      id: z.string(),
      trackingCode: z.string(),
      title: z.string(),
      status: z.string(),
      createdAt: z.string(),
      roles: z.array(z.enum(['handled', 'collected'])),
      rating: z.string().nullable(),
      onTime: z.boolean().nullable(),
      overdue: z.boolean(),
    }),
  ),
  points: z.object({
    total: z.number(),
    lines: z.array(z.object({ item: z.string(), label: z.string(), count: z.number(), points: z.number(), subtotal: z.number() })),
  }),
});

export const dutyRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/api/v1/deputies/:id/duty',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags: ['duty'],
        summary: 'A deputy’s duty record for a year: receptions, activities, cases, points',
        params: IdParamsSchema,
        querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }).strict(),
        response: { 200: DutySchema },
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
      schema: { tags: ['duty'], summary: 'Duty point rules', response: { 200: z.object({ items: z.array(RuleSchema) }) } },
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
        body: z.object({ items: z.array(RuleSchema).min(1).max(50) }).strict(),
        response: { 200: z.object({ items: z.array(RuleSchema) }) },
      },
    },
    async (request) => ({ items: await ctx.duty.setRules(request.actor, request.body.items) }),
  );
};
