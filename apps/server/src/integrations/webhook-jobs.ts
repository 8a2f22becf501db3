/** The webhooks' jobs: fan an event out to the subscriptions, and deliver one. */
import { byName, defineJob } from '../platform/jobs/define';
import type { WebhookService } from './webhook.service';
import { WEBHOOK_DELIVER, WEBHOOK_FANOUT } from './webhook-job-types';

/** Builds the handlers over the service. */
export function webhookJobs(webhooks: WebhookService) {
  return byName(
    defineJob({
      ...WEBHOOK_FANOUT,
      handler: async ({ caseId, eventIds }) => {
        await webhooks.fanOut(caseId, eventIds);
      },
    }),
    defineJob({
      ...WEBHOOK_DELIVER,
      handler: async ({ deliveryId }, { job }) => {
        await webhooks.deliver(deliveryId, job.attempts, job.maxAttempts);
      },
    }),
  );
}
