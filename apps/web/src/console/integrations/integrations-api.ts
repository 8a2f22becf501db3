/** The integrations API as the console uses it (API keys, webhooks, delivery log). */
import type { WebhookDelivery } from '@lianxin/contracts';

export const INTEGRATION_PATHS = {
  apiKeys: '/api/v1/integrations/api-keys',
  webhooks: '/api/v1/integrations/webhooks',
  deliveries: '/api/v1/integrations/webhooks/deliveries',
} as const;

export type { ApiKey, WebhookDelivery, WebhookSubscription } from '@lianxin/contracts';

/** Where a delivery stands. */
export type DeliveryStatus = WebhookDelivery['status'];
