/**
 * Integrations: API keys of outside systems (Open311 clients) and webhook subscriptions
 * with their delivery log.
 */
import { z } from 'zod';
import { NameSchema } from './common';

/** Event types a webhook may subscribe to (`*` means all). */
export const WEBHOOK_EVENT_TYPES = [
  'case.submitted',
  'case.accepted',
  'case.rejected',
  'case.assigned',
  'case.signed',
  'case.returned',
  'case.replied',
  'case.extended',
  'case.urged',
  'case.supervised',
  'case.rated',
  'case.reopened',
  'case.closed',
  'case.merged',
  'case.converted',
] as const;

/** An API key as listed (the key itself is shown once, at creation). */
export const ApiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(z.string()),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  active: z.boolean(),
});

/** Body of `POST /api/v1/integrations/api-keys`. */
export const ApiKeyCreateSchema = z.object({ name: NameSchema }).strict();

/** Answer of a key creation: the only time the key is shown. */
export const ApiKeyCreatedSchema = z.object({ apiKey: ApiKeySchema, key: z.string() });

const eventTypes = z
  .array(z.enum(['*', ...WEBHOOK_EVENT_TYPES]))
  .min(1)
  .max(WEBHOOK_EVENT_TYPES.length + 1);

const webhookUrl = z.url({ protocol: /^https?$/ }).max(500);

/** A webhook subscription as listed (the secret is shown once, at creation). */
export const WebhookSubscriptionSchema = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  eventTypes: z.array(z.string()),
  active: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** Body of `POST /api/v1/integrations/webhooks`. */
export const WebhookCreateSchema = z.object({ name: NameSchema, url: webhookUrl, eventTypes }).strict();

/** Body of `PATCH /api/v1/integrations/webhooks/{id}`. */
export const WebhookUpdateSchema = z
  .object({
    expectedVersion: z.number().int().min(1),
    name: NameSchema.optional(),
    url: webhookUrl.optional(),
    eventTypes: eventTypes.optional(),
    active: z.boolean().optional(),
  })
  .strict();

/** Answer of a subscription: the secret appears only when created (or rotated). */
export const WebhookCreatedSchema = z.object({ subscription: WebhookSubscriptionSchema, secret: z.string() });

/** One entry of the delivery log. */
export const WebhookDeliverySchema = z.object({
  id: z.string(),
  subscriptionId: z.string(),
  eventId: z.string(),
  eventType: z.string(),
  caseId: z.string().nullable(),
  status: z.enum(['pending', 'retrying', 'succeeded', 'dead']),
  attempts: z.number().int(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  lastLatencyMs: z.number().int().nullable(),
  nextAttemptAt: z.string().nullable(),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
});

/** A webhook event type. */
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Answer of `GET /api/v1/integrations/api-keys`. */
export const ApiKeyListSchema = z.object({ items: z.array(ApiKeySchema) });
/** Answer of `GET /api/v1/integrations/webhooks`: the subscriptions and the event types one can subscribe to. */
export const WebhookListSchema = z.object({ items: z.array(WebhookSubscriptionSchema), eventTypes: z.array(z.string()) });
/** Body of `POST /api/v1/integrations/webhooks/{id}/rotate-secret`. */
export const WebhookRotateSchema = z.object({ expectedVersion: z.number().int().min(1) }).strict();
/** Query of the delivery log. */
export const WebhookDeliveryQuerySchema = z
  .object({
    subscriptionId: z.string().max(64).optional(),
    status: z.enum(['pending', 'retrying', 'succeeded', 'dead']).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();
/** Answer of the delivery log. */
export const WebhookDeliveryListSchema = z.object({ items: z.array(WebhookDeliverySchema) });

/** An API key as listed. */
export type ApiKey = z.infer<typeof ApiKeySchema>;
/** Answer of a key creation. */
export type ApiKeyCreated = z.infer<typeof ApiKeyCreatedSchema>;
/** A webhook subscription. */
export type WebhookSubscription = z.infer<typeof WebhookSubscriptionSchema>;
/** Answer of a subscription with its secret. */
export type WebhookCreated = z.infer<typeof WebhookCreatedSchema>;
/** One entry of the delivery log. */
export type WebhookDelivery = z.infer<typeof WebhookDeliverySchema>;
/** The subscriptions and the event types. */
export type WebhookList = z.infer<typeof WebhookListSchema>;
/** Inferred from `WebhookDeliveryListSchema`. */
export type WebhookDeliveryList = z.infer<typeof WebhookDeliveryListSchema>;
/** Inferred from `ApiKeyListSchema`. */
export type ApiKeyList = z.infer<typeof ApiKeyListSchema>;
