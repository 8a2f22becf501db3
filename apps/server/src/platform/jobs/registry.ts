/**
 * The one registry of background work. Every job the server queues or runs is declared here
 * (through its area's `*-job-types.ts`); `JobName` and the payload types come from this list, so
 * queueing an unknown job or a payload that does not fit is a compile error (enqueue.ts), and
 * the worker must give every name a handler (`JobHandlers`, worker.ts). The intake inbox opener
 * is the one loop that is not a job (`LOOP_NAMES`; it stays a poller for latency).
 */
import type { z } from 'zod';
import { CASE_JOB_TYPES } from '../../cases/case-job-types';
import { EXPORT_JOB_TYPES } from '../../cases/export-job-types';
import { IMPORT_JOB_TYPES } from '../../intake/import-job-types';
import { WEBHOOK_JOB_TYPES } from '../../integrations/webhook-job-types';
import { NOTIFICATION_JOB_TYPES } from '../../notifications/notification-job-types';
import { PROPOSAL_JOB_TYPES } from '../../proposals/proposal-job-types';
import { RECEPTION_JOB_TYPES } from '../../reception/reception-job-types';
import { STATS_JOB_TYPES } from '../../stats/stats-job-types';
import { ROUTING_JOB_TYPES } from '../../text/routing-job-types';
import type { JobType } from './job-type';

/** Every job type. */
export const JOB_TYPES = [
  ...CASE_JOB_TYPES,
  ...NOTIFICATION_JOB_TYPES,
  ...ROUTING_JOB_TYPES,
  ...RECEPTION_JOB_TYPES,
  ...PROPOSAL_JOB_TYPES,
  ...STATS_JOB_TYPES,
  ...WEBHOOK_JOB_TYPES,
  ...IMPORT_JOB_TYPES,
  ...EXPORT_JOB_TYPES,
] as const;

/** Any declared job type. */
export type AnyJobType = (typeof JOB_TYPES)[number];
/** The name of a declared job. */
export type JobName = AnyJobType['name'];
/** The declared type of job `N`. */
export type JobTypeOf<N extends JobName> = Extract<AnyJobType, { name: N }>;
/** What a caller passes to queue job `N`. */
export type JobInputOf<N extends JobName> = z.input<JobTypeOf<N>['schema']>;
/** Jobs a cron schedule may queue: those whose payload is just the slot. */
export type CronJobName = { [N in JobName]: { slot: string } extends JobInputOf<N> ? N : never }[JobName];

/**
 * Background work that is not a queued job: loops the runner starts, stops and drains with itself
 * (`BackgroundLoop`). Only the intake inbox opener, which polls its own table for latency and opens
 * submissions in batches (intake-inbox.worker.ts; its payload is versioned in inbox-payload.ts).
 */
export const LOOP_NAMES = ['intake.inbox'] as const;
/** The name of a loop. */
export type LoopName = (typeof LOOP_NAMES)[number];

const BY_NAME: ReadonlyMap<string, JobType> = new Map(JOB_TYPES.map((t) => [t.name, t]));
if (BY_NAME.size !== JOB_TYPES.length) throw new Error('Two job types share a name.');

/** The declared type of a job name read from the queue, or undefined (a job this version does not know). */
export function jobTypeNamed(name: string): JobType | undefined {
  return BY_NAME.get(name);
}
