/**
 * Webhook subscriptions and their delivery log (admins): subscribe a URL to case events
 * (the signing secret is shown once), change or switch off, rotate the secret, send a test
 * ping, read the log, and send a dead delivery again.
 */
import {
  IdParamsSchema,
  WEBHOOK_EVENT_TYPES,
  WebhookCreatedSchema,
  WebhookCreateSchema,
  WebhookDeliverySchema,
  WebhookSubscriptionSchema,
  WebhookUpdateSchema,
} from '@lianxin/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context';
import { presentDelivery, presentSubscription } from './webhook.service';
import { access } from '../platform/route-kit';

const SIGNING =
  'Deliveries are POSTs of JSON with `X-Lianxin-Webhook-Signature: t=<unix seconds>,v1=<hex>`, where hex = HMAC-SHA256(secret, `<t>.<raw body>`); verify it over the raw body with a constant-time comparison and reject timestamps more than 5 minutes off. `X-Lianxin-Delivery` stays the same across retries (process each once); `X-Lianxin-Event` names the event. Any 2xx answer counts as delivered; otherwise retried with exponential backoff, 6 attempts, then a dead letter.';

const TARGETS =
  'The URL must be (and resolve to) a public address: loopback, private, shared (100.64/10), link-local and metadata (169.254.169.254), multicast and reserved IPv4/IPv6 addresses, IPv4-mapped forms included, answer 400 VALIDATION_FAILED with a `url` detail `address_not_allowed` — unless the operator allow-listed the network (`LIANXIN_WEBHOOK_ALLOW_NETWORKS`; in production nothing is allow-listed by default). Each delivery checks again on the addresses the name resolves to then; a refused delivery is logged as failed and nothing is sent.';

export const webhookRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['integrations'];

  app.get(
    '/api/v1/integrations/webhooks',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags,
        summary: 'Webhook subscriptions, and the event types one can subscribe to',
        description: SIGNING,
        response: { 200: z.object({ items: z.array(WebhookSubscriptionSchema), eventTypes: z.array(z.string()) }) },
      },
    },
    async (request) => ({ items: (await ctx.webhooks.list(request.actor)).map(presentSubscription), eventTypes: [...WEBHOOK_EVENT_TYPES] }),
  );

  app.post(
    '/api/v1/integrations/webhooks',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags,
        summary: 'Subscribe a URL to case events (the secret appears in this answer only)',
        description: `${SIGNING}\n\n${TARGETS}`,
        body: WebhookCreateSchema,
        response: { 201: WebhookCreatedSchema },
      },
    },
    async (request, reply) => {
      const { subscription, secret } = await ctx.webhooks.create(request.actor, request.body);
      return reply.status(201).send({ subscription: presentSubscription(subscription), secret });
    },
  );

  app.patch(
    '/api/v1/integrations/webhooks/:id',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags,
        summary: 'Change a subscription: name, URL, event types, on/off',
        description: TARGETS,
        params: IdParamsSchema,
        body: WebhookUpdateSchema,
        response: { 200: WebhookSubscriptionSchema },
      },
    },
    async (request) => presentSubscription(await ctx.webhooks.update(request.actor, request.params.id, request.body)),
  );

  app.post(
    '/api/v1/integrations/webhooks/:id/rotate-secret',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags,
        summary: 'Replace the signing secret (the new one appears in this answer only)',
        params: IdParamsSchema,
        body: z.object({ expectedVersion: z.number().int().min(1) }).strict(),
        response: { 200: WebhookCreatedSchema },
      },
    },
    async (request) => {
      const { subscription, secret } = await ctx.webhooks.rotateSecret(request.actor, request.params.id, request.body.expectedVersion);
      return { subscription: presentSubscription(subscription), secret };
    },
  );

  app.post(
    '/api/v1/integrations/webhooks/:id/ping',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags,
        summary: 'Send a signed test ping now; the answer is its log entry',
        params: IdParamsSchema,
        response: { 200: WebhookDeliverySchema },
      },
    },
    async (request) => presentDelivery(await ctx.webhooks.ping(request.actor, request.params.id)),
  );

  app.get(
    '/api/v1/integrations/webhooks/deliveries',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags,
        summary: 'The delivery log: status, attempts, last status code and latency',
        querystring: z
          .object({
            subscriptionId: z.string().max(64).optional(),
            status: z.enum(['pending', 'retrying', 'succeeded', 'dead']).optional(),
            limit: z.coerce.number().int().min(1).max(500).default(100),
          })
          .strict(),
        response: { 200: z.object({ items: z.array(WebhookDeliverySchema) }) },
      },
    },
    async (request) => ({ items: (await ctx.webhooks.deliveries(request.actor, request.query)).map(presentDelivery) }),
  );

  app.post(
    '/api/v1/integrations/webhooks/deliveries/:id/redeliver',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags,
        summary: 'Send a dead delivery again (a fresh round of attempts)',
        params: IdParamsSchema,
        response: { 200: WebhookDeliverySchema },
      },
    },
    async (request) => presentDelivery(await ctx.webhooks.redeliver(request.actor, request.params.id)),
  );
};
