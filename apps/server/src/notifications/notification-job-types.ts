/** Job types of the notifications (handler in case-jobs.ts). */
import { z } from 'zod';
import { jobType } from '../platform/jobs/job-type';

/** One supervisor's mail of every case message their inbox got in a window (queued per supervisor and window). */
export const SUPERVISOR_DIGEST = jobType({
  name: 'supervisor.digest',
  schema: z.object({ userId: z.string().min(1), from: z.string(), to: z.string() }),
});

/** Every job type of this area. */
export const NOTIFICATION_JOB_TYPES = [SUPERVISOR_DIGEST] as const;
