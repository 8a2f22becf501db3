/**
 * The public transparency API (no account): figures by station and category, and the cases
 * whose reporters consented to publication, personal data masked.
 */
import { PublicCaseListSchema, TransparencyCaseQuerySchema, TransparencyFiguresSchema, TransparencyQuerySchema } from '@lianxin/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context';
import { languageOf } from '../cases/case-labels';
import { access } from '../platform/route-kit';

export const transparencyRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/api/v1/public/transparency',
    {
      config: access({ auth: 'public' }),
      schema: {
        tags: ['public'],
        summary: 'Public figures: every case of the period, by station and by category',
        description:
          'Counts as in `GET /api/v1/stats/overview` over all cases; a station counts its liaison points. `from`/`to` are dates (China time, `to` inclusive) or instants; without them, all time.',
        querystring: TransparencyQuerySchema,
        response: { 200: TransparencyFiguresSchema },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      return ctx.transparency.figures(request.query, languageOf(request.headers['accept-language']));
    },
  );

  app.get(
    '/api/v1/public/transparency/cases',
    {
      config: access({ auth: 'public' }),
      schema: {
        tags: ['public'],
        summary: 'Cases whose reporters agreed to publish them, newest first',
        description:
          'Only cases submitted with `consentPublic: true` that were accepted (not waiting, rejected or merged). Phone, ID card and bank card numbers, emails and the house numbers of street addresses in the texts are masked; nothing about the reporter is shown. `unitId` takes a station (its liaison points included).',
        querystring: TransparencyCaseQuerySchema,
        response: { 200: PublicCaseListSchema },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'public, max-age=60');
      return ctx.transparency.cases(request.query, languageOf(request.headers['accept-language']));
    },
  );
};
