/** Job types of the reception rota (handlers in reception-jobs.ts). */
import { cronPayload, jobType } from '../platform/jobs/job-type';

export const RECEPTION_PUBLISH = jobType({ name: 'reception.publish', schema: cronPayload });
export const RECEPTION_REMINDERS = jobType({ name: 'reception.reminders', schema: cronPayload });

/** Every job type of this area. */
export const RECEPTION_JOB_TYPES = [RECEPTION_PUBLISH, RECEPTION_REMINDERS] as const;
