/**
 * Activity records: list, read, create, change; photos are uploaded with
 * `POST /api/v1/attachments` and named in `photoIds`, then served from here.
 */
import { IdParamsSchema, IdSchema } from '@lianxin/contracts';
import { AppError, isCalendarDate } from '@lianxin/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context';
import { ACTIVITY_KINDS, type ActivityKind } from './activity.service';
import { sendAttachment } from '../platform/uploads';
import { access } from '../platform/route-kit';

const DateSchema = z.string().refine(isCalendarDate, { message: 'YYYY-MM-DD' });
const KindSchema = z.enum(Object.keys(ACTIVITY_KINDS) as [ActivityKind, ...ActivityKind[]]);
const ActivitySchema = z.object({
  id: z.string(),
  unitId: z.string(),
  kind: z.string(),
  title: z.string(),
  date: z.string(),
  location: z.string().nullable(),
  summary: z.string(),
  deputyIds: z.array(z.string()),
  caseIds: z.array(z.string()),
  photoIds: z.array(z.string()),
  createdBy: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const BodySchema = z
  .object({
    unitId: IdSchema,
    kind: KindSchema,
    title: z.string().trim().min(2).max(200),
    date: DateSchema,
    location: z.string().trim().max(200).nullable().optional(),
    summary: z.string().trim().max(5000).optional(),
    deputyIds: z.array(IdSchema).max(100),
    caseIds: z.array(IdSchema).max(200).optional(),
    photoIds: z.array(IdSchema).max(20).optional(),
  })
  .strict();
const tags = ['activities'];

function present(a: z.infer<typeof ActivitySchema> & { unitPath?: string }) {
  const { unitPath: _p, ...rest } = a;
  return rest;
}

export const activityRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/api/v1/activities/kinds',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags,
        summary: 'Kinds of activity with labels',
        response: { 200: z.object({ items: z.array(z.object({ code: z.string(), zh: z.string(), en: z.string() })) }) },
      },
    },
    async () => {
      return { items: Object.entries(ACTIVITY_KINDS).map(([code, l]) => ({ code, ...l })) };
    },
  );

  app.get(
    '/api/v1/activities',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags,
        summary: 'Activities in the caller’s scope, newest first',
        querystring: z
          .object({
            from: DateSchema.optional(),
            to: DateSchema.optional(),
            unitId: IdSchema.optional(),
            kind: KindSchema.optional(),
            deputyId: IdSchema.optional(),
            page: z.coerce.number().int().min(1).max(10000).default(1),
            pageSize: z.coerce.number().int().min(1).max(200).default(50),
          })
          .strict(),
        response: { 200: z.object({ items: z.array(ActivitySchema), total: z.number().int() }) },
      },
    },
    async (request) => {
      const result = await ctx.activities.list(request.actor, request.query);
      return { items: result.items.map(present), total: result.total };
    },
  );

  app.post(
    '/api/v1/activities',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags,
        summary: 'Record an activity',
        description:
          '`photoIds` are images the recording account uploaded (POST /api/v1/attachments) that nothing uses yet — not a case’s file, another activity’s photo or an issue item’s evidence (400 `photoIds.N` not_found otherwise).',
        body: BodySchema,
        response: { 201: ActivitySchema },
      },
    },
    async (request, reply) => reply.status(201).send(present(await ctx.activities.create(request.actor, request.body))),
  );

  app.get(
    '/api/v1/activities/:id',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags,
        summary: 'One activity',
        description:
          'For its station’s staff, admins, the office and the deputies who took part (a department account sees none); 404 for anyone else, as for a missing one.',
        params: IdParamsSchema,
        response: { 200: ActivitySchema },
      },
    },
    async (request) => present(await ctx.activities.get(request.actor, request.params.id)),
  );

  app.put(
    '/api/v1/activities/:id',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags,
        summary: 'Change an activity',
        params: IdParamsSchema,
        body: BodySchema.extend({ expectedVersion: z.number().int().optional() }),
        response: { 200: ActivitySchema },
      },
    },
    async (request) => {
      const { expectedVersion, ...input } = request.body;
      return present(await ctx.activities.update(request.actor, request.params.id, input, expectedVersion));
    },
  );

  app.get(
    '/api/v1/activities/:id/photos/:photoId',
    {
      config: access({ auth: 'session' }),
      schema: { tags, summary: 'A photo of an activity', params: z.object({ id: IdSchema, photoId: IdSchema }).strict() },
    },
    async (request, reply) => {
      const activity = await ctx.activities.get(request.actor, request.params.id);
      if (!activity.photoIds.includes(request.params.photoId)) throw new AppError('RESOURCE_NOT_FOUND');
      const attachment = await ctx.repos.attachments.find(request.params.photoId);
      if (!attachment) throw new AppError('RESOURCE_NOT_FOUND');
      return sendAttachment(ctx, reply, attachment);
    },
  );
};
