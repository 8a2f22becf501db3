/**
 * The demo outbox (issue #15): the mail and text messages a demo install sent, for admins, in
 * demo mode only — elsewhere the route answers 404 as if it did not exist.
 */
import { DemoOutboxPageSchema, DemoOutboxQuerySchema } from '@lianxin/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context';
import { access } from '../platform/route-kit';

export const demoRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/api/v1/demo/outbox',
    {
      config: access({ auth: 'session', policy: 'demo.outbox', available: () => ctx.config.demo }),
      schema: {
        tags: ['demo'],
        summary: 'Mail and text messages this demo install sent, newest first (admins; demo mode only)',
        description:
          'A demo install sends mail and SMS to the log; in demo mode the worker also keeps a copy of each message here, the recipient masked and contact data in the text masked. 404 RESOURCE_NOT_FOUND outside demo mode; 403 for anyone but admins.',
        querystring: DemoOutboxQuerySchema,
        response: { 200: DemoOutboxPageSchema },
      },
    },
    async (request) => {
      const page = await ctx.repos.demoOutbox.list({ page: request.query.page, pageSize: request.query.pageSize });
      return {
        items: page.items.map((m) => ({ id: m.id, channel: m.channel, recipient: m.recipient, subject: m.subject, text: m.body, sentAt: m.sentAt })),
        total: page.total,
      };
    },
  );
};
