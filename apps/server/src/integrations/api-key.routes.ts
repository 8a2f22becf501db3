/**
 * API keys for outside systems (admins): list, create (the key is shown once), revoke.
 */
import { ApiKeyCreatedSchema, ApiKeyCreateSchema, ApiKeySchema, IdParamsSchema } from '@lianxin/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context';
import { presentApiKey } from './api-key.service';
import { access } from '../platform/route-kit';

export const apiKeyRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['integrations'];

  app.get(
    '/api/v1/integrations/api-keys',
    {
      config: access({ auth: 'session' }),
      schema: { tags, summary: 'API keys of outside systems (Open311 clients)', response: { 200: z.object({ items: z.array(ApiKeySchema) }) } },
    },
    async (request) => ({ items: (await ctx.apiKeys.list(request.actor)).map(presentApiKey) }),
  );

  app.post(
    '/api/v1/integrations/api-keys',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags,
        summary: 'Create an API key (the key appears in this answer only)',
        description: 'Only the SHA-256 of the key is stored; copy it now. Audited.',
        body: ApiKeyCreateSchema,
        response: { 201: ApiKeyCreatedSchema },
      },
    },
    async (request, reply) => {
      const { record, key } = await ctx.apiKeys.create(request.actor, request.body.name);
      return reply.status(201).send({ apiKey: presentApiKey(record), key });
    },
  );

  app.post(
    '/api/v1/integrations/api-keys/:id/revoke',
    {
      config: access({ auth: 'session' }),
      schema: { tags, summary: 'Revoke an API key (it stops working at once; audited)', params: IdParamsSchema, response: { 200: ApiKeySchema } },
    },
    async (request) => presentApiKey(await ctx.apiKeys.revoke(request.actor, request.params.id)),
  );
};
