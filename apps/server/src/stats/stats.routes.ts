/**
 * Statistics for signed-in users (API.md "Statistics"): the overview behind the cockpit
 * and the big screen. Hot issues and hot words live with the text routes.
 */
import { StatsOverviewSchema, StatsQuerySchema } from '@lianxin/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context';
import { languageOf } from '../cases/case-labels';
import { access } from '../platform/route-kit';

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
