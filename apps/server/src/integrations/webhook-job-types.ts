/** Job types of the webhooks (handlers in webhook.service.ts). */
import { z } from 'zod';
import { jobType } from '../platform/jobs/job-type';

/** Attempts per delivery before it is dead (the queue's backoff in between). */
export const WEBHOOK_MAX_ATTEMPTS = 6;

/** One stored change's events fanned out to the subscriptions (queued in the change's transaction). */
export const WEBHOOK_FANOUT = jobType({
  name: 'webhook.fanout',
  schema: z.object({ caseId: z.string().min(1), eventIds: z.array(z.string()).default([]) }),
});
/** One delivery to one subscription. */
export const WEBHOOK_DELIVER = jobType({ name: 'webhook.deliver', schema: z.object({ deliveryId: z.string().min(1) }), maxAttempts: WEBHOOK_MAX_ATTEMPTS });

/** Every job type of this area. */
export const WEBHOOK_JOB_TYPES = [WEBHOOK_FANOUT, WEBHOOK_DELIVER] as const;
