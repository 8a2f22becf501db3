/**
 * Activity records: list, read, create, change; photos are uploaded with
 * `POST /api/v1/attachments` and named in `photoIds`, then served from here.
 */
import {
  ActivityBodySchema,
  ActivityKindListSchema,
  ActivityListQuerySchema,
  ActivityListSchema,
  ActivityPhotoParamsSchema,
  ActivitySchema,
  ActivityUpdateSchema,
  ATTACHMENT_MEDIA_TYPES,
  fileResponse,
  IdParamsSchema,
  type Activity,
} from '@lianxin/contracts';
import { AppError } from '@lianxin/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context';
import { ACTIVITY_KINDS } from './activity.service';
import { sendAttachment } from '../platform/uploads';
import { access } from '../platform/route-kit';

const tags = ['activities'];

function present(a: Activity & { unitPath?: string }): Activity {
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
        response: { 200: ActivityKindListSchema },
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
        querystring: ActivityListQuerySchema,
        response: { 200: ActivityListSchema },
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
        body: ActivityBodySchema,
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
        body: ActivityUpdateSchema,
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
      schema: {
        tags,
        summary: 'A photo of an activity',
        params: ActivityPhotoParamsSchema,
        response: { 200: fileResponse(ATTACHMENT_MEDIA_TYPES, 'The photo') },
      },
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
