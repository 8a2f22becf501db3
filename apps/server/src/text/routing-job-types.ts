/** Job types of learned routing (handlers in case-jobs.ts). */
import { z } from 'zod';
import { cronPayload, jobType } from '../platform/jobs/job-type';

/** An admin's request to train (optionally past the quality gate); one attempt — the admin asks again. */
export const ROUTING_TRAIN = jobType({
  name: 'routing.train',
  schema: z.object({ force: z.boolean().optional(), by: z.string().optional() }),
  maxAttempts: 1,
});
/** The weekly re-learning. */
export const ROUTING_RETRAIN = jobType({ name: 'routing.retrain', schema: cronPayload });

/** Every job type of this area. */
export const ROUTING_JOB_TYPES = [ROUTING_TRAIN, ROUTING_RETRAIN] as const;
