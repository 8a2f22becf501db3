/**
 * The in-app inbox of the signed-in user.
 */
import { IdParamsSchema, NotificationListQuerySchema, NotificationListSchema, OkSchema } from '@lianxin/contracts';
import { AppError } from '@lianxin/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context';
import { access } from '../platform/route-kit';

export const notificationRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/api/v1/notifications',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags: ['accounts'],
        summary: 'My inbox, newest first (unread=1 for unread only)',
        querystring: NotificationListQuerySchema,
        response: { 200: NotificationListSchema },
      },
    },
    async (request) => {
      const { actor } = request;
      const page = await ctx.repos.notifications.list(actor.userId, { unreadOnly: request.query.unread === '1' || request.query.unread === 'true' });
      return { items: page.items.map(({ userId: _userId, ...n }) => n), total: page.total };
    },
  );

  app.post(
    '/api/v1/notifications/:id/read',
    {
      config: access({ auth: 'session' }),
      schema: { tags: ['accounts'], summary: 'Mark a message read', params: IdParamsSchema, response: { 200: OkSchema } },
    },
    async (request) => {
      const { actor } = request;
      if (!(await ctx.repos.notifications.markRead(actor.userId, request.params.id, ctx.clock.now().toISOString()))) throw new AppError('RESOURCE_NOT_FOUND');
      return { ok: true as const };
    },
  );
};
