/**
 * The public transparency API (no account): figures by station and category, and the cases
 * whose reporters consented to publication, personal data masked.
 */
import { IdSchema } from '@lianxin/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context';
import { languageOf } from '../cases/case-labels';
import { access } from '../platform/route-kit';

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
        querystring: z
          .object({
            from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
            to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
          })
          .strict(),
        response: {
          200: z.object({
            ...Figures,
            period: z.object({ from: z.string().nullable(), to: z.string().nullable() }),
            byStation: z.array(Line),
            byCategory: z.array(Line),
            generatedAt: z.string(),
          }),
        },
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
        querystring: z
          .object({
            unitId: IdSchema.optional(),
            categoryId: IdSchema.optional(),
            page: z.coerce.number().int().min(1).max(1000).default(1),
            pageSize: z.coerce.number().int().min(1).max(50).default(10),
          })
          .strict(),
        response: {
          200: z.object({
            total: z.number(),
            items: z.array(
              z.object({
                id: z.string(),
                title: z.string(),
                content: z.string(),
                status: z.string(),
                statusLabel: z.string(),
                category: z.string().nullable(),
                station: z.string().nullable(),
                createdAt: z.string(),
                repliedAt: z.string().nullable(),
                reply: z.string().nullable(),
                rating: z.string().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'public, max-age=60');
      return ctx.transparency.cases(request.query, languageOf(request.headers['accept-language']));
    },
  );
};
