/**
 * Public, no-account endpoints: the network's units, categories and deputies' public
 * profiles (API.md "Public").
 */
import { IdSchema, PublicCategorySchema, PublicDeputySchema, PublicUnitSchema } from '@lianxin/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context';
import { presentPublicDeputy, presentPublicUnit } from './presenters';
import { access } from '../platform/route-kit';

export const publicRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/api/v1/public/units',
    {
      config: access({ auth: 'public' }),
      schema: {
        tags: ['public'],
        summary: 'The hub, stations and points',
        querystring: z.object({ kind: z.enum(['hub', 'station', 'point']).optional() }).strict(),
        response: { 200: z.object({ items: z.array(PublicUnitSchema) }) },
      },
    },
    async (request, reply) => {
      const units = await ctx.repos.units.listActive();
      reply.header('cache-control', 'public, max-age=60');
      const items = units.filter((u) => !request.query.kind || u.kind === request.query.kind).map(presentPublicUnit);
      return { items };
    },
  );

  app.get(
    '/api/v1/public/categories',
    {
      config: access({ auth: 'public' }),
      schema: {
        tags: ['public'],
        summary: 'The category tree',
        response: { 200: z.object({ items: z.array(PublicCategorySchema) }) },
      },
    },
    async (_request, reply) => {
      const categories = await ctx.repos.categories.listActive();
      reply.header('cache-control', 'public, max-age=60');
      return { items: categories.map((c) => ({ id: c.id, name: c.name, parentId: c.parentId })) };
    },
  );

  app.get(
    '/api/v1/public/deputies',
    {
      config: access({ auth: 'public' }),
      schema: {
        tags: ['public'],
        summary: 'Public deputy profiles (no contact data)',
        querystring: z
          .object({
            unitId: IdSchema.optional(),
            page: z.coerce.number().int().min(1).max(10000).default(1),
            pageSize: z.coerce.number().int().min(1).max(500).default(200),
          })
          .strict(),
        response: { 200: z.object({ items: z.array(PublicDeputySchema), total: z.number().int() }) },
      },
    },
    async (request) => {
      const { unitId, page, pageSize } = request.query;
      // A station's deputies include those grouped at its liaison points.
      const unit = unitId ? await ctx.repos.units.find(unitId) : undefined;
      if (unitId && !unit) return { items: [], total: 0 };
      const result = await ctx.repos.deputies.list({ underPath: unit?.path, page, pageSize });
      return { items: result.items.map(presentPublicDeputy), total: result.total };
    },
  );
};
