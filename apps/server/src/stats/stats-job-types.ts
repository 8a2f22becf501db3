/** Job types of the statistics (handler in stats-jobs.ts). */
import { z } from 'zod';
import { jobType } from '../platform/jobs/job-type';

/** Recount handling times in working days after the calendar changed (queued by CalendarService). */
export const WORKDAYS_RECOUNT = jobType({ name: 'stats.workdays_sync', schema: z.object({}) });

/** Every job type of this area. */
export const STATS_JOB_TYPES = [WORKDAYS_RECOUNT] as const;
