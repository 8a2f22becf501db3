/**
 * Which case events outside systems hear about, and the hand-off from the closed loop:
 * when a case change is stored, a `webhook.fanout` job is queued in the same transaction
 * (only while some subscription is active), so an event is never lost to a crash between
 * the change and its announcement, and never announced for a change that rolled back.
 */
import type { WEBHOOK_EVENT_TYPES } from '@lianxin/contracts';
import type { CaseEventRecord, Repositories } from '@lianxin/storage';
import { enqueueAll, newJob } from '../platform/jobs/enqueue';
import { WEBHOOK_FANOUT } from './webhook-job-types';

/** A webhook event type. */
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Case event type → webhook event type; events not listed (notes, requests) are not sent. */
export const WEBHOOK_EVENT_OF: Readonly<Record<string, WebhookEventType>> = {
  submitted: 'case.submitted',
  accept: 'case.accepted',
  reject: 'case.rejected',
  assign: 'case.assigned',
  reassigned: 'case.assigned',
  sign: 'case.signed',
  return: 'case.returned',
  reply: 'case.replied',
  answer_on_site: 'case.replied',
  approve_extension: 'case.extended',
  urge: 'case.urged',
  supervise: 'case.supervised',
  rate: 'case.rated',
  reopen: 'case.reopened',
  close: 'case.closed',
  merge: 'case.merged',
  convert: 'case.converted',
};

/** Whether a subscription to `eventTypes` wants `type`. */
export function subscribes(eventTypes: readonly string[], type: string): boolean {
  return eventTypes.includes('*') || eventTypes.includes(type);
}

/** Queues the fan-out of stored changes' events (call inside the changes' transaction). */
export async function enqueueWebhookEvents(
  repos: Repositories,
  changes: ReadonlyArray<{ caseId: string; events: readonly CaseEventRecord[] }>,
  now: string,
): Promise<void> {
  const announced = changes.map((c) => ({ caseId: c.caseId, events: c.events.filter((e) => WEBHOOK_EVENT_OF[e.type]) })).filter((c) => c.events.length);
  // One cheap look per transaction; with no subscriber nothing is queued at all.
  if (!announced.length || !(await repos.webhooks.hasActive())) return;
  await enqueueAll(
    repos,
    announced.map((c) =>
      newJob(WEBHOOK_FANOUT.name, { caseId: c.caseId, eventIds: c.events.map((e) => e.id) }, { id: `webhook.fanout:${c.events[0].id}`, runAt: now, now }),
    ),
  );
}
