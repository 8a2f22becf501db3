/** The integrations API as the console uses it (API keys, webhooks, delivery log). */

export const INTEGRATION_PATHS = {
  apiKeys: '/api/v1/integrations/api-keys',
  webhooks: '/api/v1/integrations/webhooks',
  deliveries: '/api/v1/integrations/webhooks/deliveries',
} as const;

/** An API key as listed. */
export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdBy: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  active: boolean;
}

/** A webhook subscription. */
export interface WebhookSubscription {
  id: string;
  name: string;
  url: string;
  eventTypes: string[];
  active: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** Where a delivery stands. */
export type DeliveryStatus = 'pending' | 'retrying' | 'succeeded' | 'dead';

/** One entry of the delivery log. */
export interface WebhookDelivery {
  id: string;
  subscriptionId: string;
  eventId: string;
  eventType: string;
  caseId: string | null;
  status: DeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  lastLatencyMs: number | null;
  nextAttemptAt: string | null;
  createdAt: string;
  deliveredAt: string | null;
}
