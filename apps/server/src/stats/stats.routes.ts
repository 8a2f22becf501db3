/**
 * Statistics for signed-in users (API.md "Statistics"): the overview behind the cockpit
 * and the big screen. Hot issues and hot words live with the text routes.
 */
import { IdSchema } from '@lianxin/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context';
import { CHANNELS, languageOf } from '../cases/case-labels';
import { access } from '../platform/route-kit';

/** Filters shared by the overview and the statistics export (the case list's names). */
export const StatsQuerySchema = z
  .object({
    from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
    to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
    unitId: IdSchema.optional(),
    underUnitId: IdSchema.optional(),
    categoryId: IdSchema.optional(),
    departmentId: IdSchema.optional(),
    channel: z.enum(CHANNELS).optional(),
  })
  .strict();

const Figures = {
  received: z.number(),
  accepted: z.number(),
  closed: z.number(),
  replied: z.number(),
  rated: z.number(),
  onTimeRate: z.number().nullable(),
  satisfactionRate: z.number().nullable(),
  avgHandleWorkdays: z.number().nullable(),
};

const Line = z.object({ id: z.string().nullable(), name: z.string(), ...Figures });

/** The overview response. */
export const StatsOverviewSchema = z.object({
  ...Figures,
  overdue: z.number(),
  supervised: z.number(),
  period: z.object({ from: z.string().nullable(), to: z.string().nullable() }),
  granularity: z.enum(['day', 'month']),
  trend: z.array(z.object({ period: z.string(), received: z.number(), accepted: z.number(), closed: z.number() })),
  byCategory: z.array(Line),
  byUnit: z.array(Line.extend({ kind: z.string().nullable(), parentId: z.string().nullable(), path: z.string().nullable() })),
  byDepartment: z.array(Line),
  byChannel: z.array(Line),
  generatedAt: z.string(),
});

export const statsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/api/v1/stats/overview',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags: ['stats'],
        summary: 'Figures of the cases the caller may see, for the case list’s filters',
        description: [
          'Every count equals the `total` of `GET /api/v1/cases` with the same filters (`from`, `to`, `unitId`, `underUnitId`, `categoryId`, `departmentId`, `channel`; a bare date is a whole China-time day, `to` inclusive; without them, all time):',
          '`received` = all cases; `accepted` = `status=accepted,assigned,in_progress,replied,reopened,closed,converted`; `closed` = `status=closed`;',
          '`overdue` = `overdue=1`; `supervised` = `worklist=supervised`. Breakdown lines add `unitId`, `categoryId` (a top-level category counts its children), `departmentId` or `channel`.',
          '`onTimeRate` = replied by the reply deadline / replied; `satisfactionRate` = satisfied or basically satisfied / rated (a rating window that passed is not a rating);',
          '`avgHandleWorkdays` = working days from receipt to reply. Rates are 0–1 and null without cases to rate. `trend` is by day for periods up to 62 days, otherwise by month (China time), by the day cases were received.',
        ].join(' '),
        querystring: StatsQuerySchema,
        response: { 200: StatsOverviewSchema },
      },
    },
    async (request) => ctx.stats.overview(request.actor, request.query, languageOf(request.headers['accept-language'])),
  );
};
